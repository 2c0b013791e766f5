package ui

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
	"github.com/turnout-app/turnout/store"
)

const rcLabel = "RingCentral Webinar"

// newRCUI opens Settings on an engine that reaches rcfake (a Heavy
// window generous enough for a test) through the provider registry.
func newRCUI(t *testing.T) (*App, *engine.Engine, *rcfake.Server, string) {
	t.Helper()
	now := time.Now().UTC().Truncate(time.Minute)
	fake := rcfake.New(rcfake.Options{HeavyLimit: 1000, Window: time.Second})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(coretest.NewClock(now)), engine.WithProviders(engine.ProviderOptions{}))
	u := newApp(test.NewTempApp(t), eng.Services(), Options{}, &taskQueue{})
	u.ShowSettings()
	u.wait()
	return u, eng, fake, srv.URL
}

// Add account offers RingCentral's two sign-ins from its registered form;
// the JWT is hidden, has "Load from file…", and a paste split over lines
// (as an email wraps it) is stored whole; the added account works.
func TestAddRingCentralAccountWithJWTInTheWindow(t *testing.T) {
	u, eng, fake, base := newRCUI(t)
	s := u.settings.accounts
	test.Tap(s.addBtn)
	f := s.add
	if f == nil || !slices.Contains(f.provider.Options, rcLabel) {
		t.Fatal("Add account does not offer RingCentral")
	}
	f.provider.SetSelected(rcLabel)
	if !slices.Equal(f.kind.Options, []string{signInBrowser, "JWT credentials"}) {
		t.Fatalf("RingCentral sign-ins offered: %v", f.kind.Options)
	}
	// Browser sign-in: a public client, so only the client ID is asked.
	if f.kind.Selected != signInBrowser || !f.credFields[core.CredClientID].box.Visible() ||
		f.credFields[core.CredClientSecret].box.Visible() || f.credFields[core.CredJWT].box.Visible() {
		t.Fatal("the browser sign-in asks for more than the client ID")
	}
	f.kind.SetSelected(keysChoice(f.spec))
	jwtField := f.credFields[core.CredJWT]
	if !jwtField.box.Visible() || jwtField.label.Text != "JWT credential  *" || !f.fileBtns[core.CredJWT].Visible() ||
		!f.entry(core.CredJWT).Password || !f.addBtn.Visible() || f.connectBtn.Visible() {
		t.Fatalf("JWT sign-in: field shown %t (%q), Load from file %t, hidden %t", jwtField.box.Visible(), jwtField.label.Text,
			f.fileBtns[core.CredJWT].Visible(), f.entry(core.CredJWT).Password)
	}
	if f.fileBtns[core.CredClientSecret] != nil {
		t.Error("the client secret offers Load from file, but the form says only the JWT comes from a file")
	}
	cr := fake.Credentials()
	f.name.SetText("Main RC")
	f.entry(core.CredClientID).SetText(cr.ClientID)
	f.entry(core.CredClientSecret).SetText(cr.ClientSecret)
	jwt := fake.JWT()
	f.entry(core.CredJWT).SetText(" " + jwt[:20] + " " + jwt[20:] + " ") // pasted with its line breaks
	f.apiURL.SetText(base)
	test.Tap(f.addBtn)
	u.wait()
	if f.errLabel.Text != "" {
		t.Fatalf("adding the account failed: %s", f.errLabel.Text)
	}
	a, err := eng.FindAccount(context.Background(), "Main RC")
	if err != nil || a.Provider != core.ProviderRingCentral || a.Credentials.JWT != jwt || !a.Active {
		t.Fatalf("stored account %+v, %v", a.Credentials.JWT == jwt, err)
	}
	if s.rows[a.ID] == nil {
		t.Fatal("no row for the added account")
	}
	if _, err := eng.TestAccount(context.Background(), a.ID); err != nil || fake.Stats().JWTGrants == 0 {
		t.Fatalf("the added account does not work: %v (%d JWT grants)", err, fake.Stats().JWTGrants)
	}
}

// Load from file reads the JWT into the hidden field and says from
// where; an empty file is refused naming the file, not its text.
func TestLoadJWTFromFile(t *testing.T) {
	u, _, fake, _ := newRCUI(t)
	test.Tap(u.settings.accounts.addBtn)
	f := u.settings.accounts.add
	f.provider.SetSelected(rcLabel)
	f.kind.SetSelected(keysChoice(f.spec))
	var cf core.CredentialField
	for _, c := range keyFieldsOf(f.spec) {
		if c.Key == core.CredJWT {
			cf = c
		}
	}
	f.loadCredential(cf, strings.NewReader(fake.JWT()+"\r\n"), "rc.jwt")
	if f.entry(core.CredJWT).Text != fake.JWT() || f.errLabel.Text != "" ||
		!strings.HasPrefix(f.credFields[core.CredJWT].hint.Text, "Loaded from rc.jwt.") {
		t.Fatalf("after loading: error %q, hint %q", f.errLabel.Text, f.credFields[core.CredJWT].hint.Text)
	}
	f.loadCredential(cf, strings.NewReader("\n\n"), "blank.txt")
	if !strings.Contains(f.errLabel.Text, "blank.txt is empty") || f.entry(core.CredJWT).Text != fake.JWT() {
		t.Fatalf("an empty file: %q", f.errLabel.Text)
	}
}

// The event editor lists a RingCentral webinar's sessions in office
// time with where each stands; picking one fills the session ID, which
// can still be typed by hand. A session whose registration is closed
// is saved with RingCentral's own warning shown.
func TestChooseRingCentralSessionInTheEventEditor(t *testing.T) {
	u, eng, fake, base := newRCUI(t)
	ctx := context.Background()
	acc, err := eng.AddAccount(ctx, core.Account{Name: "Main RC", Provider: core.ProviderRingCentral, Active: true,
		Credentials: fake.Credentials(), APIURL: base})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Minute)
	wid, held := fake.AddWebinar("Alumni Book Club", now.Add(-7*24*time.Hour), time.Hour)
	next := fake.AddSession(wid, now.Add(7*24*time.Hour), 90*time.Minute)
	closed := fake.AddSession(wid, now.Add(14*24*time.Hour), time.Hour)
	fake.SetRegistration(closed, false)
	u.office.TimeZone = "America/Chicago"

	u.ShowEvents()
	test.Tap(u.events.newBtn)
	u.wait()
	ed := u.events.editor
	ed.provider.SetSelected(rcLabel)
	u.wait()
	if ed.sessions.btn.Visible() {
		t.Error("Choose session shows without a connected account")
	}
	ed.account.SetSelected("Main RC")
	if !ed.fID2.box.Visible() || !ed.sessions.btn.Visible() || !ed.sessions.btn.Disabled() {
		t.Fatalf("with the account: session field %t, button %t (disabled %t before the webinar ID)",
			ed.fID2.box.Visible(), ed.sessions.btn.Visible(), ed.sessions.btn.Disabled())
	}
	test.Type(ed.externalID, "999999")
	test.Tap(ed.sessions.btn)
	u.wait()
	if c := ed.sessions; c.dlg == nil || len(c.rows) != 0 || !strings.Contains(c.note.Text, "lists no sessions of webinar 999999") {
		t.Fatalf("an unknown webinar ID: %v", c.rows)
	}
	closeTopDialog(u)
	ed.externalID.SetText("")
	if !ed.sessions.btn.Disabled() {
		t.Fatal("Choose session stays enabled with the webinar ID cleared")
	}
	test.Type(ed.externalID, wid)
	if ed.sessions.btn.Disabled() {
		t.Fatal("Choose session stays disabled after the webinar ID is typed")
	}
	test.Tap(ed.sessions.btn)
	u.wait()
	c := ed.sessions
	if c.dlg == nil || len(c.rows) != 3 {
		t.Fatalf("sessions listed: %v", c.rows)
	}
	chicago, _ := time.LoadLocation("America/Chicago")
	for i, want := range []struct {
		id, state string
		at        time.Time
	}{{held, "Held", now.Add(-7 * 24 * time.Hour)}, {next, "Upcoming", now.Add(7 * 24 * time.Hour)}, {closed, "Upcoming", now.Add(14 * 24 * time.Hour)}} {
		row := c.rows[i]
		if !strings.Contains(row, want.at.In(chicago).Format("Mon 2 Jan 2006, 15:04 MST")) || !strings.Contains(row, want.state) ||
			!strings.HasSuffix(row, "ID "+want.id) {
			t.Errorf("row %d = %q, want %s %s in office time", i, row, want.id, want.state)
		}
	}
	if !strings.Contains(c.note.Text, "America/Chicago") || !c.useBtn.Disabled() {
		t.Errorf("note %q, Use enabled before a pick: %t", c.note.Text, !c.useBtn.Disabled())
	}
	c.list.Select(1)
	test.Tap(c.useBtn)
	if ed.externalID2.Text != next || c.dlg != nil {
		t.Fatalf("after picking: session ID %q, list still open %t", ed.externalID2.Text, c.dlg != nil)
	}
	// Typed by hand instead: the closed session.
	ed.externalID2.SetText(closed)
	test.Tap(ed.saveBtn)
	u.wait()
	if ed.errLabel.Visible() {
		t.Fatalf("save failed: %s", ed.errLabel.Text)
	}
	if text := dialogText(t, u); !strings.Contains(text, "Registration is closed for this session in RingCentral; open it there, then Push again.") {
		t.Fatalf("saving a closed session said:\n%s", text)
	}
	list, _ := eng.ListEvents(ctx, "Alumni Book Club")
	if len(list) != 1 || list[0].Location.AccountID != acc.ID || list[0].Location.ExternalID != wid || list[0].Location.ExternalID2 != closed {
		t.Fatalf("saved events %+v", list)
	}
	closeTopDialog(u)

	// Registering someone there says the same when the push is refused.
	ev, _ := eng.Event(ctx, list[0].ID)
	addPerson(t, eng, ev, "Rosa", "rosa@example.org")
	u.events.selected = &core.EventSummary{Event: ev}
	u.events.showDetail()
	u.wait()
	test.Tap(u.events.sync.pushBtn)
	u.wait()
	if sum := u.events.sync.LastPush; sum == nil || sum.Failed != 1 {
		t.Fatalf("push to a closed session: %+v", sum)
	}
	if text := dialogText(t, u); !strings.Contains(text, "Registration is closed for this session in RingCentral") {
		t.Fatalf("the push to a closed session said:\n%s", text)
	}
}

// The layout checker's scenes of the session choice and the JWT form
// show what they are named for, on the demo data.
func TestSessionAndJWTScenesShowTheirDialogs(t *testing.T) {
	play := func(name string) *App {
		u, _, _ := newDemoUI(t)
		for _, step := range startScenes[name] {
			step(u)
			u.wait()
		}
		return u
	}
	u := play(ScreenChooseSession)
	ed := u.events.editor
	if ed == nil || ed.account.Selected == noAccount || !ed.sessions.btn.Visible() || ed.sessions.dlg == nil || len(ed.sessions.rows) != sceneSessionCount {
		t.Fatalf("%s: account %q, sessions listed %v", ScreenChooseSession, ed.account.Selected, ed.sessions.rows)
	}
	if !strings.Contains(ed.sessions.rows[0], "Held") || !strings.Contains(ed.sessions.rows[sceneSessionCount-1], "Upcoming") {
		t.Errorf("sample sessions: %q", ed.sessions.rows)
	}
	u = play(ScreenAddJWTAccount)
	f := u.settings.accounts.add
	if f == nil || f.spec.Kind != core.ProviderRingCentral || !f.credFields[core.CredJWT].box.Visible() || !f.fileBtns[core.CredJWT].Visible() {
		t.Fatalf("%s does not show RingCentral's JWT form", ScreenAddJWTAccount)
	}
}
