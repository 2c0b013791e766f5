package ui

import (
	"context"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

var testNow = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// daysAfterNow is hour:00 in the office zone of the tests (New York), days
// after the engine's injected now: editor dates follow the test clock.
func daysAfterNow(t *testing.T, days, hour int) time.Time {
	t.Helper()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	d := testNow.In(ny).AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, ny)
}

// newTestUI opens the window on a fresh data file with a real store.
func newTestUI(t *testing.T) (*App, *engine.Engine) {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(coretest.NewClock(testNow)))
	u := newApp(a, eng.Services(), Options{}, &taskQueue{})
	u.wait()
	return u, eng
}

func createEvent(t *testing.T, eng *engine.Engine, title string) core.Event {
	t.Helper()
	ev, err := eng.CreateEvent(context.Background(), core.Event{Title: title, Start: testNow.Add(-48 * time.Hour),
		Duration: time.Hour, TimeZone: "America/New_York",
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func addPerson(t *testing.T, eng *engine.Engine, ev core.Event, first, email string) core.Registrant {
	t.Helper()
	r, _, err := eng.AddRegistrant(context.Background(), ev.ID, core.Registrant{FirstName: first, LastName: "Test", Email: email})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// tapDialogButton taps the button with this text in the top dialog.
func tapDialogButton(t *testing.T, u *App, text string) {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog is open to tap %q", text)
	}
	if b := findButton(top, text); b != nil {
		test.Tap(b)
		return
	}
	t.Fatalf("the open dialog has no %q button", text)
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	if b, ok := o.(*widget.Button); ok && b.Text == text {
		return b
	}
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		children = c.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	}
	for _, ch := range children {
		if b := findButton(ch, text); b != nil {
			return b
		}
	}
	return nil
}

func TestEventsScreenShowsEmptyStateOnANewFile(t *testing.T) {
	u, _ := newTestUI(t)
	if !u.events.empty.Visible() {
		t.Fatal("a new data file should show the empty state")
	}
	if u.win.Title() != "Turnout" {
		t.Errorf("title = %q", u.win.Title())
	}
}

func TestCreateEventThroughTheEditor(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	test.Tap(u.events.newBtn)
	u.wait()
	ed := u.events.editor
	if ed == nil {
		t.Fatal("New event opened no editor")
	}
	if ed.zone.Text != "America/New_York" {
		t.Errorf("time zone defaults to %q, want the office zone", ed.zone.Text)
	}

	// Link-only events ask for the URL, not a meeting ID.
	if !ed.fURL.box.Visible() || ed.fID.box.Visible() || ed.fPass.box.Visible() {
		t.Error("a link event should show only the join URL")
	}
	ed.provider.SetSelected(core.ProviderZoom.Label())
	if !ed.fID.box.Visible() || !ed.fURL.box.Visible() || !ed.fPass.box.Visible() || !ed.fKind.box.Visible() {
		t.Fatal("an unmanaged Zoom event needs ID, URL and passcode")
	}
	if !strings.HasSuffix(ed.fPass.label.Text, "*") {
		t.Errorf("passcode label %q is not marked required", ed.fPass.label.Text)
	}
	ed.provider.SetSelected(core.ProviderRingCentral.Label())
	if !ed.fID2.box.Visible() || ed.fPass.box.Visible() {
		t.Error("RingCentral needs webinar and session ID and no passcode")
	}
	ed.provider.SetSelected(core.ProviderZoom.Label())

	test.Type(ed.title, "Alumni Career Panel")
	start := daysAfterNow(t, 11, 14)
	ed.start.SetText(start.Format("2006-01-02 15:04"))
	ed.reminder.SetSelected(leadText(2 * time.Hour))
	if want := "Reminder goes out " + start.Add(-2*time.Hour).Format("Mon 2 Jan, 15:04 MST"); ed.preview.Text != want {
		t.Errorf("preview = %q, want %q", ed.preview.Text, want)
	}
	ed.kind.SetSelected("Webinar")
	test.Type(ed.externalID, "842 1937 5520")
	test.Type(ed.joinURL, "https://us06web.zoom.us/j/84219375520")

	// Without the passcode nothing is stored and the editor says why.
	test.Tap(ed.saveBtn)
	u.wait()
	if !ed.errLabel.Visible() || !strings.Contains(ed.errLabel.Text, "Passcode") {
		t.Fatalf("error label = %q", ed.errLabel.Text)
	}
	if evs, _ := eng.ListEvents(ctx, ""); len(evs) != 0 {
		t.Fatalf("an invalid event was stored: %+v", evs)
	}

	test.Type(ed.password, "alumni24")
	test.Tap(ed.saveBtn)
	u.wait()
	evs, err := eng.ListEvents(ctx, "")
	if err != nil || len(evs) != 1 {
		t.Fatalf("events = %v, %v", evs, err)
	}
	got := evs[0]
	if got.Title != "Alumni Career Panel" || got.Location.Provider != core.ProviderZoom ||
		got.Location.Kind != core.KindWebinar || got.Location.ExternalID != "842 1937 5520" ||
		got.Location.Password != "alumni24" || got.ReminderLead != 2*time.Hour {
		t.Errorf("stored event = %+v", got.Event)
	}
	if want := start; !got.Start.Equal(want) {
		t.Errorf("start = %v, want %v", got.Start, want)
	}
	if len(u.events.rows) != 2 || u.events.selected == nil || u.events.selected.ID != got.ID {
		t.Errorf("the list did not show and select the new event: rows=%d", len(u.events.rows))
	}
}

func TestDeleteEventConfirmsAndRemoves(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Old webinar")
	addPerson(t, eng, ev, "Ann", "ann@example.org")
	u.ShowEvents()
	u.wait()
	u.events.list.Select(1)
	test.Tap(u.events.delBtn)
	tapDialogButton(t, u, "Delete")
	u.wait()
	if evs, _ := eng.ListEvents(context.Background(), ""); len(evs) != 0 {
		t.Fatalf("event not deleted: %+v", evs)
	}
	if !u.events.empty.Visible() {
		t.Error("empty state not shown after deleting the last event")
	}
}

// "Back up first…" saves a copy of the data, then asks again; the event
// is still there until staff choose Delete.
func TestDeleteEventOffersABackupFirst(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Old webinar")
	addPerson(t, eng, ev, "Ann", "ann@example.org")
	u.ShowEvents()
	u.wait()
	u.events.list.Select(1)
	test.Tap(u.events.delBtn)
	if top := u.win.Canvas().Overlays().Top(); top == nil || findButton(top, "Keep event") == nil {
		t.Fatal("Delete did not ask with a Keep event choice")
	}
	tapDialogButton(t, u, "Back up first…")
	path := filepath.Join(t.TempDir(), "before-delete.db")
	u.events.backupAndAsk(*u.events.selected, path) // what the save dialog hands on
	u.wait()
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("no backup written: %v", err)
	}
	if evs, _ := eng.ListEvents(context.Background(), ""); len(evs) != 1 {
		t.Fatal("the backup deleted the event without asking again")
	}
	tapDialogButton(t, u, "Delete")
	u.wait()
	if evs, _ := eng.ListEvents(context.Background(), ""); len(evs) != 0 {
		t.Fatalf("event not deleted after the backup: %+v", evs)
	}
}

func TestAddAndCancelRegistrant(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Alumni webinar")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants

	test.Tap(rs.addBtn)
	f := rs.form
	test.Type(f.first, "Grace")
	test.Type(f.last, "Hopper")
	test.Type(f.email, "grace@example.org")
	test.Tap(f.saveBtn)
	u.wait()
	all, err := eng.Registrants(ctx, ev.ID)
	if err != nil || len(all) != 1 || all[0].Email != "grace@example.org" || !all[0].Active() {
		t.Fatalf("registrants after add = %+v, %v", all, err)
	}
	if len(rs.view) != 1 || rs.selected != all[0].ID {
		t.Fatalf("table shows %d rows, selected %d", len(rs.view), rs.selected)
	}

	// Adding the same person again is refused with a message in the form.
	test.Tap(rs.addBtn)
	test.Type(rs.form.email, "GRACE@example.org")
	test.Tap(rs.form.saveBtn)
	u.wait()
	if !strings.Contains(rs.form.errLabel.Text, "already registered") {
		t.Errorf("duplicate add says %q", rs.form.errLabel.Text)
	}
	rs.form.dlg.Hide()

	test.Tap(rs.checkInBtn)
	u.wait()
	if r, _ := eng.Registrant(ctx, ev.ID, all[0].ID); !r.Attended() || r.CheckIn.Source != core.SourceManual {
		t.Fatalf("manual check-in not stored: %+v", r.CheckIn)
	}

	// Cancel acts at once and says so, with Undo; the check-in no longer
	// counts.
	test.Tap(rs.cancelBtn)
	u.wait()
	if !strings.Contains(u.undo.message.Text, "no longer counts as attendance") {
		t.Errorf("cancelling a checked-in person says %q", u.undo.message.Text)
	}
	r, _ := eng.Registrant(ctx, ev.ID, all[0].ID)
	if r.Active() {
		t.Fatal("registration not cancelled")
	}
	if rs.cancelBtn.Text != "Re-register" || rs.checkInBtn.Disabled() == false {
		t.Errorf("buttons after cancel: %q, check-in disabled=%v", rs.cancelBtn.Text, rs.checkInBtn.Disabled())
	}
	rs.filter.SetSelected(string(engine.FilterActive))
	if len(rs.view) != 0 {
		t.Errorf("Active filter shows %d rows", len(rs.view))
	}
	rs.filter.SetSelected(string(engine.FilterCancelled))
	if len(rs.view) != 1 {
		t.Errorf("Cancelled filter shows %d rows", len(rs.view))
	}
	test.Tap(rs.cancelBtn) // Re-register
	u.wait()
	if r, _ := eng.Registrant(ctx, ev.ID, all[0].ID); !r.Active() {
		t.Fatal("re-register did not re-activate")
	}
	// The event was two days ago: no reminders any more, and nothing to push.
	if !rs.resendBtn.Disabled() || !rs.resendAll.Disabled() || rs.retryBtn.Visible() {
		t.Errorf("active registrant of a past link-only event: resend disabled=%v, resend all disabled=%v, retry push shown=%v",
			rs.resendBtn.Disabled(), rs.resendAll.Disabled(), rs.retryBtn.Visible())
	}
}

func TestSearchFiltersRegistrants(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Alumni webinar")
	addPerson(t, eng, ev, "Ann", "ann@example.org")
	addPerson(t, eng, ev, "Bob", "bob@example.org")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants
	test.Type(rs.search, "BOB")
	if len(rs.view) != 1 || rs.list.All[rs.view[0]].FirstName != "Bob" {
		t.Fatalf("search shows %d rows", len(rs.view))
	}
	if rs.count.Text != "Showing 1 of 2" {
		t.Errorf("count = %q", rs.count.Text)
	}
}

func TestImportCSVThroughPreview(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Alumni webinar")
	addPerson(t, eng, ev, "Ann", "ann@example.org")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants

	file := "First name,Last name,Email\n" +
		"Ann,Lee,ann@example.org\n" + // line 2: known, gains a last name
		"Bob,Ray,bob@example.org\n" + // line 3: new
		"Cy,Dee,not-an-email\n" + // line 4: invalid
		"Bobby,Ray,BOB@example.org\n" + // line 5: duplicate of line 3
		"Dora,Fox,dora@example.org\n" // line 6: new
	rs.previewImport(io.NopCloser(strings.NewReader(file)), "people.csv")
	u.wait()
	d := rs.importDialog
	if d == nil {
		t.Fatal("no preview dialog")
	}
	for name, c := range map[string]struct {
		card *statCard
		want string
	}{"new": {d.newCount, "2"}, "updated": {d.updCount, "1"}, "duplicates": {d.dupCount, "1"}, "invalid": {d.badCount, "1"}} {
		if c.card.value.Text != c.want {
			t.Errorf("%s = %s, want %s", name, c.card.value.Text, c.want)
		}
	}
	// Only the skipped lines and the change to Ann are listed first, with
	// line numbers and reasons.
	if len(d.shown) != 3 || d.shown[0].Line != 2 || d.shown[1].Line != 4 || d.shown[2].Line != 5 || d.shown[1].Reason == "" || d.shown[2].Reason == "" {
		t.Fatalf("problem lines = %+v", d.shown)
	}
	test.Tap(d.problemsOnly)
	if len(d.shown) != 5 {
		t.Errorf("all lines = %d, want 5", len(d.shown))
	}
	if all, _ := eng.Registrants(ctx, ev.ID); len(all) != 1 {
		t.Fatalf("preview wrote %d registrants", len(all))
	}

	// The invalid line stops the import until staff choose to skip it.
	if !d.applyBtn.Disabled() || !d.skipInvalid.Visible() || !strings.Contains(d.skipInvalid.Text, "Skip the 1 line") {
		t.Fatalf("with an invalid line: import enabled=%v, skip choice %q visible=%v",
			!d.applyBtn.Disabled(), d.skipInvalid.Text, d.skipInvalid.Visible())
	}
	test.Tap(d.skipInvalid)
	if d.applyBtn.Disabled() || d.applyBtn.Text != "Import 3 registrants" {
		t.Fatalf("after choosing to skip: %q enabled=%v", d.applyBtn.Text, !d.applyBtn.Disabled())
	}
	test.Tap(d.applyBtn)
	u.wait()
	all, err := eng.Registrants(ctx, ev.ID)
	if err != nil || len(all) != 3 {
		t.Fatalf("after apply: %d registrants, %v", len(all), err)
	}
	if all[0].LastName != "Lee" {
		t.Errorf("Ann was not updated: %+v", all[0])
	}
	if d.result == nil || d.result.New != 2 {
		t.Errorf("result = %+v", d.result)
	}
	if len(rs.list.All) != 3 {
		t.Errorf("the table was not reloaded: %d rows", len(rs.list.All))
	}
}

func TestExportWritesTheChosenGroup(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Alumni webinar")
	came := addPerson(t, eng, ev, "Ann", "ann@example.org")
	addPerson(t, eng, ev, "Bob", "bob@example.org")
	if _, err := eng.CheckInManually(ctx, ev.ID, came.ID); err != nil {
		t.Fatal(err)
	}
	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	h := view.headcount
	if h.attended.value.Text != "1" || h.noShows.value.Text != "1" || h.rate.value.Text != "50%" {
		t.Errorf("cards: attended=%s no-shows=%s rate=%s", h.attended.value.Text, h.noShows.value.Text, h.rate.value.Text)
	}
	if len(h.people) != 1 {
		t.Errorf("attendee table has %d rows", len(h.people))
	}

	h.group.SetSelected(engine.GroupAttended.Label())
	h.format.SetSelected("CSV (.csv)")
	if got := h.suggestedName(); got != "Alumni webinar - attended.csv" {
		t.Errorf("suggested name = %q", got)
	}
	path := filepath.Join(t.TempDir(), "attended.csv")
	h.exportTo(path)
	u.wait()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !strings.Contains(strings.Join(rows[1], ","), "ann@example.org") {
		t.Fatalf("export rows = %q", rows)
	}
	if h.lastExport != path || h.lastWritten != 1 {
		t.Errorf("last export = %q, %d", h.lastExport, h.lastWritten)
	}
}

// Before an event ends its cards show no attendance, no-shows or rate.
func TestHeadcountOfAnEventNotOverShowsDashes(t *testing.T) {
	u, eng := newTestUI(t)
	ev, err := eng.CreateEvent(context.Background(), core.Event{Title: "Next week", Start: testNow.Add(7 * 24 * time.Hour),
		Duration: time.Hour, TimeZone: "America/New_York",
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	addPerson(t, eng, ev, "Ann", "ann@example.org")
	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	h := view.headcount
	if h.registered.value.Text != "1" || h.attended.value.Text != notOverYet || h.noShows.value.Text != notOverYet ||
		h.rate.value.Text != notOverYet {
		t.Errorf("cards: registered=%s attended=%s no-shows=%s rate=%s", h.registered.value.Text,
			h.attended.value.Text, h.noShows.value.Text, h.rate.value.Text)
	}
}

func TestCheckInAttendeesExplains(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Alumni webinar")
	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	test.Tap(view.headcount.checkInBtn)
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Check In Webinar Attendees showed nothing")
	}
}

func TestSettingsSaveOffice(t *testing.T) {
	u, eng := newTestUI(t)
	u.ShowSettings()
	u.wait()
	s := u.settings
	s.name.SetText("Riverside Alumni")
	s.zone.SetText("Europe/London")
	s.colour.SetText("#112233")
	test.Tap(s.saveBtn)
	u.wait()
	o, err := eng.Office(context.Background())
	if err != nil || o.Name != "Riverside Alumni" || o.TimeZone != "Europe/London" || o.HeaderColor != "#112233" {
		t.Fatalf("office = %+v, %v", o, err)
	}
	if s.status.Text != "Saved." {
		t.Errorf("status = %q", s.status.Text)
	}
	s.colour.SetText("blue")
	test.Tap(s.saveBtn)
	u.wait()
	if o, _ := eng.Office(context.Background()); o.HeaderColor != "#112233" {
		t.Error("an invalid colour was saved")
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Error("an invalid colour showed no error")
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	s.backupTo(path)
	u.wait()
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		t.Fatalf("backup not written: %v", err)
	}
}
