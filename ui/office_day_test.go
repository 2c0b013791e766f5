package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
	"github.com/turnout-app/turnout/store"
)

const officeDayMeeting = int64(85512345678)

// officeDay is the window on a real engine whose background work runs
// (provider sync, reminder scheduler, mail outbox), a Zoom emulator
// playing the office's Zoom account, and mailpit as its mail server.
type officeDay struct {
	u     *App
	eng   *engine.Engine
	clock *coretest.Clock
	fake  *zoomfake.Server
	base  string
	mp    *mailpittest.Server
}

func newOfficeDay(t *testing.T) *officeDay {
	t.Helper()
	clock := coretest.NewClock(time.Now().UTC().Truncate(time.Minute))
	fake := zoomfake.New(zoomfake.Options{Now: clock.Now})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	mp := mailpittest.Start(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(clock),
		engine.WithProviders(engine.ProviderOptions{Poll: 20 * time.Millisecond, RetryBase: 20 * time.Millisecond}),
		engine.WithOAuth(engine.OAuthOptions{Wait: 10 * time.Second}),
		engine.WithMail(engine.MailOptions{Poll: 20 * time.Millisecond}))
	ctx := context.Background()
	if _, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: mp.SMTPHost, Port: mp.SMTPPort,
		Security: core.MailSecurityNone, From: "events@riverside.example.org"}); err != nil {
		t.Fatal(err)
	}
	bg, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { eng.Serve(bg); close(done) }()
	t.Cleanup(func() { stop(); <-done }) // before the store closes
	u := newApp(test.NewTempApp(t), eng.Services(), Options{OpenURL: zoomfake.Consent("allow")}, &taskQueue{})
	u.wait()
	return &officeDay{u: u, eng: eng, clock: clock, fake: fake, base: srv.URL, mp: mp}
}

// registrantsXLSX is an Excel sheet of n people as an office keeps it.
func registrantsXLSX(t *testing.T, n int) []byte {
	rows := [][]any{{"First name", "Last name", "Email", "Company"}}
	for i := range n {
		rows = append(rows, []any{fmt.Sprintf("Person%d", i), "Alumnus", fmt.Sprintf("person%d@alumni.example.org", i), "Riverside"})
	}
	return coretest.XLSX(t, coretest.Sheet{Name: "Sheet1", Rows: rows})
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAnOfficeDayFromNewZoomEventToHeadcount is the path staff take:
// connect Zoom through the dialog, make an event linked to a Zoom
// meeting, import registrants from Excel, reminders reach mailpit with
// each person's own Zoom link, the meeting happens, Check In, and the
// headcount is exactly Zoom's report with clicks counted apart.
func TestAnOfficeDayFromNewZoomEventToHeadcount(t *testing.T) {
	d := newOfficeDay(t)
	u, ctx := d.u, context.Background()

	// 1. Connect the office's Zoom account through Settings → Add account.
	u.ShowSettings()
	u.wait()
	f := fillConnect(t, u, d.base, "Alumni Zoom")
	test.Tap(f.connectBtn)
	u.wait()
	if f.errLabel.Text != "" {
		t.Fatalf("connect failed: %s", f.errLabel.Text)
	}

	// 2. A new event linked to the Zoom meeting staff set up.
	ny, _ := time.LoadLocation("America/New_York")
	day := d.clock.Now().In(ny).AddDate(0, 0, 3)
	start := time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, ny)
	d.fake.AddMeeting(zoomfake.Meeting{ID: officeDayMeeting, Topic: "Careers after Riverside", Start: start,
		TimeZone: "America/New_York", Duration: time.Hour, Password: "river1"})
	u.ShowEvents()
	test.Tap(u.events.newBtn)
	u.wait()
	ed := u.events.editor
	ed.provider.SetSelected(core.ProviderZoom.Label())
	u.wait()
	var zoomAccount string
	for _, o := range ed.account.Options {
		if strings.HasPrefix(o, "Alumni Zoom") {
			zoomAccount = o
		}
	}
	if zoomAccount == "" {
		t.Fatalf("the editor offers %v, not the connected account", ed.account.Options)
	}
	ed.account.SetSelected(zoomAccount)
	test.Type(ed.title, "Careers after Riverside")
	ed.zone.SetText("America/New_York")
	ed.start.SetText(start.Format("2006-01-02 15:04"))
	test.Type(ed.externalID, fmt.Sprint(officeDayMeeting))
	test.Tap(ed.saveBtn)
	u.wait()
	if ed.errLabel.Visible() {
		t.Fatalf("save failed: %s", ed.errLabel.Text)
	}
	list, err := d.eng.ListEvents(ctx, "Careers after Riverside")
	if err != nil || len(list) != 1 || !list[0].Location.Managed() || !list[0].Start.Equal(start) {
		t.Fatalf("stored events = %+v, %v", list, err)
	}
	ev, _ := d.eng.Event(ctx, list[0].ID)

	// 3. Import ten people from an Excel file; Turnout registers them in Zoom.
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	view.registrants.previewImport(io.NopCloser(bytes.NewReader(registrantsXLSX(t, 10))), "alumni.xlsx")
	u.wait()
	imp := view.registrants.importDialog
	if imp == nil || imp.newCount.value.Text != "10" {
		t.Fatalf("import preview of the Excel file: %+v", imp)
	}
	test.Tap(imp.applyBtn)
	u.wait()
	zoomIDs := map[string]core.Registrant{} // Zoom registrant ID → registrant
	waitUntil(t, "every registrant registered in Zoom", func() bool {
		regs, _ := d.eng.Registrants(ctx, ev.ID)
		clear(zoomIDs)
		for _, r := range regs {
			if r.Sync.RegistrantID != "" {
				zoomIDs[r.Sync.RegistrantID] = r
			}
		}
		return len(regs) == 10 && len(zoomIDs) == 10
	})
	joinURLs := map[string]string{} // email → personal Zoom join link
	for _, zr := range d.fake.RegistrantList(officeDayMeeting) {
		joinURLs[zr.Email] = zr.JoinURL
	}
	if len(joinURLs) != 10 {
		t.Fatalf("Zoom holds %d registrants, want 10", len(joinURLs))
	}

	// 4. Two hours before the start the reminders go out, each with the
	// person's own Zoom link (no click-tracking address is set up).
	ts, err := d.eng.TrackSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	d.clock.Set(start.Add(-2*time.Hour + time.Minute))
	waitUntil(t, "ten reminders in mailpit", func() bool { return d.mp.Count(t) == 10 })
	for _, s := range d.mp.Messages(t) {
		m := d.mp.Message(t, s.ID)
		to := m.To[0].Address
		if joinURLs[to] == "" || !strings.Contains(m.Text, joinURLs[to]) {
			t.Errorf("reminder to %s lacks their Zoom link %q:\n%s", to, joinURLs[to], m.Text)
		}
		if strings.Contains(m.Text, ts.BaseURL) || strings.Contains(m.HTML, ts.BaseURL) {
			t.Errorf("reminder to %s carries a tracked link (%s) nobody outside could open", to, ts.BaseURL)
		}
	}

	// 5. The meeting happens: six registrants join (one drops and
	// rejoins), a colleague who never registered and a phone join too.
	// Three people click their link; two of them never join.
	var joins []zoomfake.Join
	byEmail := map[string]string{}
	for id, r := range zoomIDs {
		byEmail[r.Email] = id
	}
	for i := range 6 {
		email := fmt.Sprintf("person%d@alumni.example.org", i)
		j := zoomfake.Join{UserID: fmt.Sprint(1000 + i), Name: fmt.Sprintf("Person%d Alumnus", i), Email: email,
			RegistrantID: byEmail[email], Join: start.Add(time.Duration(i) * time.Minute), Leave: start.Add(50 * time.Minute)}
		joins = append(joins, j)
	}
	joins[2].Leave = start.Add(20 * time.Minute)
	rejoin := joins[2]
	rejoin.UserID, rejoin.Join, rejoin.Leave = "2002", start.Add(25*time.Minute), start.Add(55*time.Minute)
	joins = append(joins, rejoin,
		zoomfake.Join{UserID: "3001", Name: "Jo Colleague", Email: "jo@partner.example.net", Join: start, Leave: start.Add(40 * time.Minute)},
		zoomfake.Join{UserID: "3002", Name: "iPhone", Join: start.Add(5 * time.Minute), Leave: start.Add(30 * time.Minute)})
	d.fake.Hold(officeDayMeeting, zoomfake.Instance{UUID: "officeday==", Start: start, Joins: joins})
	var clicks []core.Click
	for _, email := range []string{"person0@alumni.example.org", "person7@alumni.example.org", "person8@alumni.example.org"} {
		clicks = append(clicks, core.Click{EventID: ev.ID, RegistrantID: zoomIDs[byEmail[email]].ID, At: start.Add(-time.Minute)})
	}
	if err := d.eng.RecordClicks(ctx, clicks); err != nil {
		t.Fatal(err)
	}
	d.clock.Set(start.Add(2 * time.Hour))

	// 6. Check In on the headcount.
	view = u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	h := view.headcount
	test.Tap(h.checkInBtn)
	u.wait()
	if h.checkIn == nil || len(h.checkIn.walkIns) != 2 {
		t.Fatalf("check-in result: %+v", h.checkIn)
	}
	u.win.Canvas().Overlays().Top().Hide()
	u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
	view.headcount.reload()
	u.wait()
	for name, c := range map[string]struct {
		card *statCard
		want string
	}{"registered": {h.registered, "10"}, "reminded": {h.reminded, "10"}, "clicked": {h.clicked, "3"},
		"attended": {h.attended, "6"}, "no-shows": {h.noShows, "4"}, "walk-ins": {h.walkIns, "2"}} {
		if c.card.value.Text != c.want {
			t.Errorf("headcount %s = %s, want %s (Zoom's report)", name, c.card.value.Text, c.want)
		}
	}
	if len(h.people) != 6 {
		t.Fatalf("attendee list has %d people, want the 6 in Zoom's report", len(h.people))
	}
	for _, p := range h.people {
		if p.Email == "person7@alumni.example.org" || p.Email == "person8@alumni.example.org" {
			t.Errorf("%s clicked but never joined, yet is listed as attended", p.Email)
		}
		if p.Email == "person2@alumni.example.org" && p.CheckIn.Minutes != 48 {
			t.Errorf("person2 dropped and rejoined: %d minutes, want 18+30", p.CheckIn.Minutes)
		}
	}
}
