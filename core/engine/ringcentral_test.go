package engine_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
	"github.com/turnout-app/turnout/store"
)

// rcFixture: an engine whose RingCentral account (JWT credential, through
// the provider registry) talks to rcfake with a one-second Heavy window,
// and an event linked to a session that started two hours ago.
type rcFixture struct {
	db    *store.DB
	fake  *rcfake.Server
	url   string
	acc   core.Account
	ev    core.Event
	sid   string
	start time.Time
}

func newRCFixture(t *testing.T, o rcfake.Options, people int) *rcFixture {
	t.Helper()
	o.HeavyLimit, o.Window = 10, time.Second
	fake := rcfake.New(o)
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	start := time.Now().Add(-2 * time.Hour).Truncate(time.Minute).UTC()
	wid, sid := fake.AddWebinar("Career Paths in Public Health", start, time.Hour)
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f := &rcFixture{db: db, fake: fake, url: srv.URL, sid: sid, start: start}
	eng := f.engine()
	ctx := context.Background()
	f.acc, err = eng.AddAccount(ctx, core.Account{Name: "Main RC", Provider: core.ProviderRingCentral, Active: true,
		Credentials: fake.Credentials(), APIURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ev, warn, err := eng.SaveLinkedEvent(ctx, core.Event{Location: core.Location{Provider: core.ProviderRingCentral,
		AccountID: f.acc.ID, ExternalID: wid, ExternalID2: sid}})
	if err != nil {
		t.Fatal(err)
	}
	if ev.Title != "Career Paths in Public Health" || !ev.Start.Equal(start) || ev.Duration != time.Hour || ev.Location.JoinURL == "" || len(warn) != 0 {
		t.Fatalf("linked event %+v, warnings %v", ev, warn)
	}
	f.ev = ev
	var csv strings.Builder
	csv.WriteString("Email,First name,Last name,Source\n")
	for i := range people {
		fmt.Fprintf(&csv, "grad%d@example.org,Grad,No%d,%s\n", i, i, []string{"Newsletter", "LinkedIn"}[i%2])
	}
	plan, err := eng.PreviewImport(ctx, ev.ID, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.ApplyImport(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	return f
}

// engine opens an engine on the fixture's data file, as a fresh start of
// the app would.
func (f *rcFixture) engine() *engine.Engine {
	return engine.New(f.db, engine.WithProviders(engine.ProviderOptions{Workers: 4, RetryBase: 20 * time.Millisecond}))
}

// checkRC checks that RingCentral holds every registrant exactly once,
// with Turnout's reference and source, and Turnout their links.
func (f *rcFixture) checkRC(t *testing.T, eng *engine.Engine) {
	t.Helper()
	regs, err := eng.Registrants(context.Background(), f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]rcfake.Registrant{}
	for _, x := range f.fake.Registrants(f.sid) {
		if _, dup := at[x.Email]; dup {
			t.Fatalf("%s is registered twice at RingCentral", x.Email)
		}
		at[x.Email] = x
	}
	if len(at) != len(regs) || len(regs) != 100 {
		t.Fatalf("RingCentral has %d registrants, Turnout %d", len(at), len(regs))
	}
	for _, r := range regs {
		x := at[r.Email]
		if r.Sync.State != core.SyncPushed || r.Sync.RegistrantID != x.ID || r.Sync.JoinURL != x.JoinURI || r.Sync.CancelURL != x.CancellationURI {
			t.Fatalf("%s: Turnout %+v, RingCentral %+v", r.Email, r.Sync, x)
		}
		if x.ExternalID != fmt.Sprintf("turnout-%d-%d", f.ev.ID, r.ID) || x.Source != r.Source || r.Source == "" {
			t.Fatalf("%s: externalId %q source %q, Turnout source %q", r.Email, x.ExternalID, x.Source, r.Source)
		}
	}
}

// TestRingCentralPushCheckInExport: link → push 100 → the session ends →
// check-in → export, with no answer 429 and externalId and source
// round-tripping.
func TestRingCentralPushCheckInExport(t *testing.T) {
	f := newRCFixture(t, rcfake.Options{}, 100)
	eng := f.engine()
	ctx := context.Background()
	began := time.Now()
	sum, err := eng.PushEvent(ctx, f.ev.ID)
	if err != nil || sum.Pushed != 100 || sum.Failed != 0 {
		t.Fatalf("push %+v %v", sum, err)
	}
	t.Logf("100 pushed in %v", time.Since(began).Round(time.Millisecond))
	f.checkRC(t, eng)

	// The session: 40 registrants on one device, 10 on two (the union of
	// their minutes counts), a panelist, a walk-in.
	f.fake.AddInvitee(f.sid, "Panelist", "Pia", "Panel", "pia@northfield.edu")
	var devices []rcfake.Device
	at := func(m int) time.Time { return f.start.Add(time.Duration(m) * time.Minute) }
	for i := range 50 {
		e := fmt.Sprintf("grad%d@example.org", i)
		devices = append(devices, rcfake.Device{Email: e, FirstName: "Grad", LastName: fmt.Sprint(i), Join: at(0), Leave: at(30)})
		if i < 10 {
			devices = append(devices, rcfake.Device{Email: e, FirstName: "Grad", LastName: fmt.Sprint(i), Join: at(20), Leave: at(55)})
		}
	}
	devices = append(devices, rcfake.Device{Email: "pia@northfield.edu", FirstName: "Pia", LastName: "Panel", Join: at(0), Leave: at(60)},
		rcfake.Device{Email: "walkin@example.net", FirstName: "Walk", LastName: "In", Join: at(5), Leave: at(40)})
	f.fake.Finish(f.sid, devices...)

	res, err := eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.NotReady || res.Attended != 50 {
		t.Fatalf("check-in %+v", res)
	}
	regs, _ := eng.Registrants(ctx, f.ev.ID)
	for _, r := range regs {
		if r.Email == "grad3@example.org" && r.CheckIn.Minutes != 55 {
			t.Errorf("two devices: %d minutes, want the union 55", r.CheckIn.Minutes)
		}
		if r.Email == "grad20@example.org" && r.CheckIn.Minutes != 30 {
			t.Errorf("one device: %d minutes", r.CheckIn.Minutes)
		}
	}
	h, err := eng.Report(ctx, f.ev.ID)
	if err != nil || h.Attended != 50 || h.WalkIns != 1 || h.NoShows != 50 {
		t.Fatalf("headcount %+v %v", h, err)
	}
	var buf strings.Builder
	n, err := eng.Export(ctx, f.ev.ID, engine.GroupAll, core.ExportCSV, &buf, nil)
	if err != nil || n != 100 || !strings.Contains(buf.String(), "LinkedIn") || !strings.Contains(buf.String(), "Newsletter") {
		t.Fatalf("export %d %v\n%.400s", n, err, buf.String())
	}
	for _, secret := range []string{f.fake.JWT(), f.fake.ClientSecret()} {
		if strings.Contains(buf.String(), secret) {
			t.Error("a credential is in the export")
		}
	}
	if st := f.fake.Stats(); st.TooMany != 0 {
		t.Errorf("%d answers 429", st.TooMany)
	}
}

// TestRingCentralPushSurvivesAKill: the app dies mid-push (its requests
// cut off, some creations done at RingCentral but not recorded); a fresh
// start finishes the push with exactly one registrant each.
func TestRingCentralPushSurvivesAKill(t *testing.T) {
	f := newRCFixture(t, rcfake.Options{AddDelay: 40 * time.Millisecond}, 100)
	ctx, kill := context.WithCancel(context.Background())
	go func() {
		for len(f.fake.Registrants(f.sid)) < 25 {
			time.Sleep(5 * time.Millisecond)
		}
		kill()
	}()
	_, err := f.engine().PushEvent(ctx, f.ev.ID)
	if err == nil {
		t.Fatal("the killed push finished")
	}
	before := len(f.fake.Registrants(f.sid))
	time.Sleep(100 * time.Millisecond) // creations cut off mid-request land at RingCentral
	eng := f.engine()
	sum, err := eng.PushEvent(context.Background(), f.ev.ID)
	if err != nil || sum.Failed != 0 {
		t.Fatalf("push after restart %+v %v", sum, err)
	}
	t.Logf("%d at RingCentral when killed; the restart pushed %d", before, sum.Pushed)
	f.checkRC(t, eng)
}

// TestRingCentralClosedRegistrationAndCancellations: linking a session
// whose registration is closed warns in RingCentral's terms, and so does
// the push; once opened, Push again registers everyone. A cancellation
// before the session deletes the registrant; after it, RingCentral keeps
// them and Turnout keeps the cancellation, saying why.
func TestRingCentralClosedRegistrationAndCancellations(t *testing.T) {
	const closed = "Registration is closed for this session in RingCentral; open it there, then Push again."
	f := newRCFixture(t, rcfake.Options{}, 3)
	eng := f.engine()
	ctx := context.Background()
	f.fake.SetRegistration(f.sid, false)
	if _, warn, err := eng.RefreshEvent(ctx, f.ev.ID); err != nil || len(warn) != 1 || warn[0] != closed {
		t.Fatalf("refresh of a closed session: %q %v", warn, err)
	}
	sum, err := eng.PushEvent(ctx, f.ev.ID)
	if err != nil || sum.Failed != 3 || !strings.HasSuffix(sum.Failures[0], ": "+closed) {
		t.Fatalf("push into a closed session: %+v %v", sum, err)
	}
	f.fake.SetRegistration(f.sid, true)
	if _, err := eng.RetryAllFailed(ctx, f.ev.ID); err != nil {
		t.Fatal(err)
	}
	if sum, err = eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Pushed != 3 {
		t.Fatalf("Push again: %+v %v", sum, err)
	}
	regs, _ := eng.Registrants(ctx, f.ev.ID)
	if _, err := eng.CancelRegistrant(ctx, f.ev.ID, regs[0].ID); err != nil {
		t.Fatal(err)
	}
	if sum, err = eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Cancelled != 1 || len(f.fake.Registrants(f.sid)) != 2 {
		t.Fatalf("cancel before the session: %+v %v, %d left", sum, err, len(f.fake.Registrants(f.sid)))
	}
	f.fake.Finish(f.sid)
	if _, err := eng.CancelRegistrant(ctx, f.ev.ID, regs[1].ID); err != nil {
		t.Fatal(err)
	}
	if sum, err = eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Cancelled != 1 || sum.Waiting != 0 || len(f.fake.Registrants(f.sid)) != 2 {
		t.Fatalf("cancel after the session: %+v %v", sum, err)
	}
	r, err := eng.Registrant(ctx, f.ev.ID, regs[1].ID)
	if err != nil || r.Sync.State != core.SyncCancelled || !strings.Contains(r.Sync.LastError, "already taken place") {
		t.Fatalf("kept locally: %+v %v", r.Sync, err)
	}
}

// TestDemoRingCentralSandboxWorksOffline: the demo data has a RingCentral
// Sandbox account; a session linked to it with made-up IDs exists there,
// and a push registers people in the in-app emulator.
func TestDemoRingCentralSandboxWorksOffline(t *testing.T) {
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	eng := engine.New(db, engine.WithProviders(engine.ProviderOptions{}))
	ctx := context.Background()
	if err := eng.SeedDemo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	acc, err := eng.FindAccount(ctx, "RingCentral Sandbox")
	if err != nil || !acc.Sandbox || acc.Provider != core.ProviderRingCentral {
		t.Fatalf("demo account %+v %v", acc, err)
	}
	start := time.Now().Add(72 * time.Hour).Truncate(time.Hour)
	ev, _, err := eng.SaveLinkedEvent(ctx, core.Event{Title: "Practice webinar", Start: start, Duration: time.Hour, TimeZone: "UTC",
		Location: core.Location{Provider: core.ProviderRingCentral, AccountID: acc.ID, ExternalID: "812003401", ExternalID2: "812003402"}})
	if err != nil || !ev.Start.Equal(start) || ev.Location.JoinURL == "" {
		t.Fatalf("linked %+v %v", ev, err)
	}
	plan, err := eng.PreviewImport(ctx, ev.ID, strings.NewReader("Email,First name,Last name\na@example.org,A,One\nb@example.org,B,Two\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.ApplyImport(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	if sum, err := eng.PushEvent(ctx, ev.ID); err != nil || sum.Pushed != 2 || sum.Provider != "Sandbox" {
		t.Fatalf("push %+v %v", sum, err)
	}
}
