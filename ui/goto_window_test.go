package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
	"github.com/turnout-app/turnout/store"
)

const gotoLabel = "GoTo Webinar"

// movedClock is the real clock moved ahead by a settable offset: the
// engine and the GoTo emulator share it, so "the webinar ends" is one
// call while GoTo's ten-a-second limit still runs on real time.
type movedClock struct{ off atomic.Int64 }

func (c *movedClock) Now() time.Time          { return time.Now().Add(time.Duration(c.off.Load())) }
func (c *movedClock) advance(d time.Duration) { c.off.Add(int64(d)) }

// TestGoToThroughTheWindow is an office on GoTo Webinar, every step
// through the window against gotofake: connect an organizer in the
// browser (waiting dialog with Cancel), the first sync imports its
// webinars a year back, Sync now imports a new one, an event linked by
// its webinar key (above 2^53), 20 people imported from Excel and pushed
// (2 GoTo already had: linked, not registered twice), 1 cancelled
// (deleted at GoTo), the webinar ends, Check In, the headcount exact and
// the attendees exported to CSV.
func TestGoToThroughTheWindow(t *testing.T) {
	clock := &movedClock{}
	fake := gotofake.New(gotofake.Options{Now: clock.Now})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(clock), engine.WithProviders(engine.ProviderOptions{}),
		engine.WithOAuth(engine.OAuthOptions{Wait: 10 * time.Second}))
	u := newApp(test.NewTempApp(t), eng.Services(), Options{OpenURL: gotofake.Consent("allow")}, &taskQueue{})
	u.wait()
	ctx := context.Background()

	now := clock.Now().UTC().Truncate(time.Minute)
	webinar := func(subject string, start time.Time) int64 {
		return fake.AddWebinar(gotofake.Webinar{Subject: subject, TimeZone: "America/New_York",
			Times: []gotofake.Range{{Start: start, End: start.Add(time.Hour)}}})
	}
	yearBack := now.AddDate(0, 0, -300)
	webinar("Annual alumni meeting", yearBack)
	webinar("Too old to import", now.AddDate(0, 0, -400))
	webinar("Spring reunion", now.AddDate(0, 0, 20))

	// 1. Settings → Add account → GoTo organizer, signed in in the browser.
	u.ShowSettings()
	u.wait()
	s := u.settings.accounts
	test.Tap(s.addBtn)
	f := s.add
	f.provider.SetSelected(gotoLabel)
	if !slices.Equal(f.kind.Options, []string{signInBrowser}) || !f.connectBtn.Visible() || f.serverBox.Visible() {
		t.Fatalf("GoTo sign-ins offered: %v (Connect shown %t)", f.kind.Options, f.connectBtn.Visible())
	}
	f.name.SetText("Alumni GoTo")
	f.entry(core.CredClientID).SetText(fake.ClientID())
	f.entry(core.CredClientSecret).SetText(fake.ClientSecret())
	f.port.SetText(freeTestPort(t))
	f.oauthURL.SetText(srv.URL)
	f.apiURL.SetText(srv.URL + "/G2W/rest/v2")
	test.Tap(f.connectBtn)
	if s.connect == nil || !s.connect.cancelBtn.Visible() {
		t.Fatal("no waiting dialog with Cancel while the organizer signs in")
	}
	u.wait()
	if f.errLabel.Text != "" {
		t.Fatalf("connect failed: %s", f.errLabel.Text)
	}
	acc, err := eng.FindAccount(ctx, "Alumni GoTo")
	if err != nil || acc.Provider != core.ProviderGoTo || acc.ConnectedAs != fake.Email() || !acc.Active {
		t.Fatalf("connected organizer %+v, %v", acc, err)
	}
	// The first sync ran on its own: a year back, not further.
	imported, _ := eng.ListEvents(ctx, "")
	var titles []string
	for _, e := range imported {
		titles = append(titles, e.Title)
		if e.Title == "Annual alumni meeting" && !e.Start.Equal(yearBack) {
			t.Errorf("the year-old webinar starts %v, GoTo says %v", e.Start, yearBack)
		}
	}
	slices.Sort(titles)
	if !slices.Equal(titles, []string{"Annual alumni meeting", "Spring reunion"}) {
		t.Fatalf("the first sync imported %q", titles)
	}
	row := s.rows[acc.ID]
	if row == nil || !row.activeCheck.Checked || !strings.Contains(row.detail.Text, "Last sync: ") {
		t.Fatalf("the organizer's row after the first sync: %+v", row)
	}

	// 2. Sync now brings in the webinar the organizer set up since.
	start := now.Add(49 * time.Hour)
	wk := webinar("Careers after Riverside", start)
	if wk <= 1<<53 {
		t.Fatalf("webinar key %d is not above 2^53", wk)
	}
	test.Tap(row.syncBtn)
	u.wait()
	if text := dialogText(t, u); !strings.Contains(text, "1 event added") {
		all, _ := eng.ListEvents(ctx, "")
		for _, e := range all {
			full, _ := eng.Event(ctx, e.ID)
			t.Logf("%d %q %v %+v", e.ID, e.Title, e.Start, full.Location)
		}
		t.Fatalf("Sync now said:\n%s", text)
	}
	closeTopDialog(u)
	synced, _ := eng.ListEvents(ctx, "Careers after Riverside")
	if len(synced) != 1 {
		t.Fatalf("Sync now imported %+v", synced)
	}

	// 3. Link the imported event by its webinar key in the editor: saving
	// reads it back from GoTo, and the key stays exact.
	ev, _ := eng.Event(ctx, synced[0].ID)
	u.ShowEvents()
	u.wait()
	ed := newEventEditor(u, &ev, u.events.onSaved) // as Edit on the selected event
	ed.fill(ev)
	ed.show()
	u.wait()
	if ed.provider.Selected != gotoLabel || ed.account.Selected != "Alumni GoTo" || ed.externalID.Text != strconv.FormatInt(wk, 10) {
		t.Fatalf("the imported event opens as %q / %q / key %q", ed.provider.Selected, ed.account.Selected, ed.externalID.Text)
	}
	if ed.fID2.box.Visible() || ed.sessions.btn.Visible() || ed.fURL.box.Visible() {
		t.Error("the editor asks GoTo events for fields GoTo does not need")
	}
	ed.externalID.SetText(" " + strconv.FormatInt(wk, 10) + " ")
	test.Tap(ed.saveBtn)
	u.wait()
	if ed.errLabel.Visible() {
		t.Fatalf("save failed: %s", ed.errLabel.Text)
	}
	if top := u.win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("saving the linked event warned:\n%s", dialogText(t, u))
	}
	ev, _ = eng.Event(ctx, ev.ID)
	if ev.Location.ExternalID != strconv.FormatInt(wk, 10) || !ev.Start.Equal(start) || ev.Location.AccountID != acc.ID {
		t.Fatalf("linked event %+v", ev.Location)
	}

	// 4. Twenty people from Excel; two of them registered on GoTo's own
	// page already (in another case).
	early := []string{"person3@alumni.example.org", "person7@alumni.example.org"}
	for _, email := range early {
		fake.Register(wk, "Early", "Bird", strings.ToUpper(email))
	}
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	view.registrants.previewImport(io.NopCloser(bytes.NewReader(registrantsXLSX(t, 20))), "alumni.xlsx")
	u.wait()
	imp := view.registrants.importDialog
	if imp == nil || imp.newCount.value.Text != "20" {
		t.Fatalf("import preview: %+v", imp)
	}
	test.Tap(imp.applyBtn)
	u.wait()

	// 5. Register in GoTo now, from the events screen.
	push := func() core.PushSummary {
		t.Helper()
		u.ShowEvents()
		u.wait()
		u.events.selected = &core.EventSummary{Event: ev}
		u.events.showDetail()
		u.wait()
		p := u.events.sync
		if !p.pushBtn.Visible() || p.pushBtn.Text != "Register in GoTo Webinar now" {
			t.Fatalf("push button %q shown %t", p.pushBtn.Text, p.pushBtn.Visible())
		}
		p.LastPush = nil
		test.Tap(p.pushBtn)
		u.wait()
		if p.LastPush == nil {
			t.Fatal("the push did not finish")
		}
		closeTopDialog(u)
		return *p.LastPush
	}
	if sum := push(); sum.Pushed != 20 || sum.Failed != 0 {
		t.Fatalf("push: %+v", sum)
	}
	if st, at := fake.Stats(), fake.Registrants(wk); len(at) != 20 || st.Created != 18 || st.Conflicts != 2 {
		t.Fatalf("GoTo holds %d registrants after %d created and %d conflicts; want 20, 18, 2", len(at), st.Created, st.Conflicts)
	}
	regs, _ := eng.Registrants(ctx, ev.ID)
	var leaving core.Registrant
	for _, r := range regs {
		key := fake.RegistrantKey(wk, r.Email)
		if r.Sync.State != core.SyncPushed || r.Sync.RegistrantID != strconv.FormatInt(key, 10) || key <= 1<<53 {
			t.Fatalf("%s: Turnout has %+v, GoTo key %d", r.Email, r.Sync, key)
		}
		if r.Email == "person19@alumni.example.org" {
			leaving = r
		}
	}

	// 6. One cancels: confirmed in the window, deleted at GoTo.
	view = u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	view.registrants.selectID(leaving.ID)
	test.Tap(view.registrants.cancelBtn)
	tapDialogButton(t, u, "Cancel registration")
	u.wait()
	push()
	if fake.RegistrantKey(wk, leaving.Email) != 0 || fake.Stats().Deletes != 1 || len(fake.Registrants(wk)) != 19 {
		t.Fatalf("after the cancellation GoTo holds %d registrants, %d deletes", len(fake.Registrants(wk)), fake.Stats().Deletes)
	}

	// 7. The webinar takes place: twelve registrants join (person5 drops
	// and rejoins), and someone who registered on GoTo's page only.
	fake.Register(wk, "Wally", "Walkin", "wally@partner.example.net")
	var came []gotofake.Attendee
	for i := range 12 {
		came = append(came, fake.Attend(wk, fmt.Sprintf("person%d@alumni.example.org", i), start.Add(time.Duration(i)*time.Minute), 40*time.Minute))
	}
	came[5].Segments = append(came[5].Segments, gotofake.Range{Start: start.Add(50 * time.Minute), End: start.Add(55 * time.Minute)})
	came = append(came, fake.Attend(wk, "wally@partner.example.net", start, 30*time.Minute))
	fake.Hold(wk, start, start.Add(time.Hour), came...)
	clock.advance(start.Add(2 * time.Hour).Sub(clock.Now()))

	// 8. Check In Webinar Attendees on the headcount.
	view = u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	h := view.headcount
	test.Tap(h.checkInBtn)
	u.wait()
	if h.checkIn == nil || len(h.checkIn.walkIns) != 1 {
		t.Fatalf("check-in result: %+v", h.checkIn)
	}
	closeTopDialog(u)
	h.reload()
	u.wait()
	for name, c := range map[string]struct {
		card *statCard
		want string
	}{"registered": {h.registered, "19"}, "cancelled": {h.cancelled, "1"}, "attended": {h.attended, "12"},
		"no-shows": {h.noShows, "7"}, "walk-ins": {h.walkIns, "1"}, "reminded": {h.reminded, "0"}, "clicked": {h.clicked, "0"}} {
		if c.card.value.Text != c.want {
			t.Errorf("headcount %s = %s, want %s", name, c.card.value.Text, c.want)
		}
	}
	if len(h.people) != 12 {
		t.Fatalf("the attendee list has %d people, want 12", len(h.people))
	}
	for _, p := range h.people {
		if p.Email == "person5@alumni.example.org" && p.CheckIn.Minutes != 45 {
			t.Errorf("person5 dropped and rejoined: %d minutes, want 40+5", p.CheckIn.Minutes)
		}
	}

	// 9. Export the attendees to CSV.
	h.group.SetSelected(engine.GroupAttended.Label())
	h.format.SetSelected("CSV (.csv)")
	path := filepath.Join(t.TempDir(), "attended.csv")
	h.exportTo(path)
	u.wait()
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	rows, err := csv.NewReader(file).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 13 {
		t.Fatalf("the export has %d rows, want a header and 12 attendees:\n%q", len(rows), rows)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[strings.ToLower(name)] = i
	}
	email, ok := col["email"]
	if !ok {
		t.Fatalf("the export has no Email column: %q", rows[0])
	}
	minutes, ok := col["minutes attended"]
	if !ok {
		t.Fatalf("the export has no Minutes attended column: %q", rows[0])
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[email])
		want := "40"
		if r[email] == "person5@alumni.example.org" {
			want = "45"
		}
		if r[minutes] != want {
			t.Errorf("%s exported with %s minutes, want %s (GoTo's segments)", r[email], r[minutes], want)
		}
	}
	slices.Sort(got)
	var want []string
	for i := range 12 {
		want = append(want, fmt.Sprintf("person%d@alumni.example.org", i))
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("exported attendees %q, want %q", got, want)
	}
}
