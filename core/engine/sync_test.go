package engine_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/zoom"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
	"github.com/turnout-app/turnout/store"
)

const (
	zMeeting = int64(91533842071)
	zNoReg   = int64(81111111111)
)

type zoomFixture struct {
	eng  *engine.Engine
	db   *store.DB
	fake *zoomfake.Server
	acc  core.Account
	ev   core.Event
}

// newZoomFixture: an engine whose Zoom accounts talk to an emulator that
// enforces the Pro plan's Light limit (30 per window; the window is 50 ms
// instead of 1 s so the test runs fast with the same semantics).
func newZoomFixture(t testing.TB, meeting int64) *zoomFixture {
	t.Helper()
	fake := zoomfake.New(zoomfake.Options{PerWindow: zoomfake.ProLimits, Window: 50 * time.Millisecond})
	start := time.Now().Add(72 * time.Hour).Truncate(time.Minute).UTC()
	fake.AddMeeting(zoomfake.Meeting{ID: zMeeting, Topic: "Volunteer Leaders", Start: start, TimeZone: "America/New_York",
		Duration: time.Hour, Password: "lead2go"})
	fake.AddMeeting(zoomfake.Meeting{ID: zNoReg, Topic: "Open house", Start: start, TimeZone: "UTC", Duration: time.Hour, ApprovalType: 2})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	factory := func(a core.Account) (core.Provider, error) {
		return zoom.New(zoom.Config{APIURL: a.APIURL, OAuthURL: a.OAuthURL, Credentials: a.Credentials,
			HTTP: &http.Client{Timeout: 10 * time.Second}, Limits: &zoom.Limits{Concurrency: [3]int{8, 4, 2}},
			Backoff: 5 * time.Millisecond, MaxRetries: 40}), nil
	}
	eng := engine.New(db, engine.WithProviders(engine.ProviderOptions{
		Factories: map[core.ProviderKind]engine.ProviderFactory{core.ProviderZoom: factory}, Workers: 8}))
	ctx := context.Background()
	acc, err := eng.AddAccount(ctx, core.Account{Name: "Main", Provider: core.ProviderZoom, Active: true,
		Credentials: fake.Credentials(), APIURL: srv.URL + "/v2", OAuthURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ev, warn, err := eng.SaveLinkedEvent(ctx, core.Event{Location: core.Location{Provider: core.ProviderZoom,
		Kind: core.KindMeeting, AccountID: acc.ID, ExternalID: fmt.Sprint(meeting)}})
	if err != nil {
		t.Fatal(err)
	}
	if meeting == zMeeting && (len(warn) != 0 || ev.Title != "Volunteer Leaders" || !ev.Start.Equal(start) ||
		ev.Location.Password != "lead2go" || ev.TimeZone != "America/New_York" || ev.Location.JoinURL == "") {
		t.Fatalf("linked event %+v, warnings %v", ev, warn)
	}
	return &zoomFixture{eng: eng, db: db, fake: fake, acc: acc, ev: ev}
}

func TestPush1000UnderLightLimits(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	var csv strings.Builder
	csv.WriteString("Email,First name,Last name\n")
	for i := range 1000 {
		fmt.Fprintf(&csv, "person%d@example.org,P%d,L%d\n", i, i, i)
	}
	plan, err := f.eng.PreviewImport(ctx, f.ev.ID, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.ApplyImport(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	// Enqueued in the import's transaction.
	jobs := 0
	f.db.View(ctx, func(tx core.Tx) error {
		return tx.Jobs(core.QueueProvider, func(core.Job) error { jobs++; return nil })
	})
	if jobs != 1000 {
		t.Fatalf("%d jobs queued by the import, want 1000", jobs)
	}
	began := time.Now()
	sum, err := f.eng.PushEvent(ctx, f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(began)
	if sum.Pushed != 1000 || sum.Failed != 0 || sum.Waiting != 0 {
		t.Fatalf("summary %+v", sum)
	}
	onZoom := f.fake.RegistrantList(zMeeting)
	emails := map[string]bool{}
	for _, r := range onZoom {
		if emails[r.Email] {
			t.Fatalf("%s registered twice on Zoom", r.Email)
		}
		emails[r.Email] = true
	}
	st := f.fake.Stats()
	if len(onZoom) != 1000 || st.AddCalls != 1000 {
		t.Fatalf("Zoom has %d registrants after %d add calls", len(onZoom), st.AddCalls)
	}
	regs, _ := f.eng.Registrants(ctx, f.ev.ID)
	byEmail := map[string]zoomfake.Registrant{}
	for _, r := range onZoom {
		byEmail[r.Email] = r
	}
	for _, r := range regs {
		z := byEmail[r.Email]
		if r.Sync.State != core.SyncPushed || r.Sync.RegistrantID != z.ID || r.Sync.JoinURL != z.JoinURL {
			t.Fatalf("%s sync %+v, Zoom %+v", r.Email, r.Sync, z)
		}
	}
	t.Logf("1000 pushed in %v; %d per-second 429s absorbed", took.Round(time.Millisecond), st.QPS429)
	if st.QPS429 == 0 {
		t.Log("note: no 429 was provoked")
	}

	// Cancel and re-register: cancelled on Zoom, then approved again.
	r0 := regs[0]
	if _, err := f.eng.CancelRegistrant(ctx, f.ev.ID, r0.ID); err != nil {
		t.Fatal(err)
	}
	if sum, err = f.eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Cancelled != 1 {
		t.Fatalf("cancel push %+v %v", sum, err)
	}
	if got, _ := f.eng.Registrant(ctx, f.ev.ID, r0.ID); got.Sync.State != core.SyncCancelled || byStatus(f.fake, r0.Email) != "denied" {
		t.Fatalf("after cancel: %+v on Zoom %s", got.Sync, byStatus(f.fake, r0.Email))
	}
	if _, err := f.eng.Reregister(ctx, f.ev.ID, r0.ID); err != nil {
		t.Fatal(err)
	}
	if sum, err = f.eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Pushed != 1 {
		t.Fatalf("re-register push %+v %v", sum, err)
	}
	if got, _ := f.eng.Registrant(ctx, f.ev.ID, r0.ID); got.Sync.State != core.SyncPushed || byStatus(f.fake, r0.Email) != "approved" {
		t.Fatalf("after re-register: %+v on Zoom %s", got.Sync, byStatus(f.fake, r0.Email))
	}
	if st2 := f.fake.Stats(); st2.AddCalls != 1000 {
		t.Fatalf("re-registering added again: %d add calls", st2.AddCalls)
	}
}

func byStatus(f *zoomfake.Server, email string) string {
	for _, r := range f.RegistrantList(zMeeting) {
		if r.Email == email {
			return r.Status
		}
	}
	return ""
}

func TestPushFailuresAreWorded(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	host := mustAdd(t, f.eng, f.ev.ID, f.fake.HostEmail(), "Hal", "Host")
	mustAdd(t, f.eng, f.ev.ID, "ok@example.org", "Ok", "Person")
	sum, err := f.eng.PushEvent(ctx, f.ev.ID)
	if err != nil || sum.Pushed != 1 || sum.Failed != 1 {
		t.Fatalf("summary %+v %v", sum, err)
	}
	got, _ := f.eng.Registrant(ctx, f.ev.ID, host.ID)
	want := "Zoom refused: the host cannot register for their own meeting (code 3027). Use another email."
	if got.Sync.State != core.SyncFailed || got.Sync.LastError != want {
		t.Fatalf("host sync %+v", got.Sync)
	}
	// Retry one: fails again the same way, without blocking anything.
	if _, err := f.eng.RetryFailed(ctx, f.ev.ID, host.ID); err != nil {
		t.Fatal(err)
	}
	if sum, _ := f.eng.PushEvent(ctx, f.ev.ID); sum.Failed != 1 {
		t.Fatalf("retry summary %+v", sum)
	}

	g := newZoomFixture(t, zNoReg)
	ev, warn, err := g.eng.RefreshEvent(ctx, g.ev.ID)
	if err != nil || len(warn) != 1 || !strings.Contains(warn[0], "does not require registration") {
		t.Fatalf("refresh %v %v", warn, err)
	}
	a := mustAdd(t, g.eng, ev.ID, "a@example.org", "A", "A")
	mustAdd(t, g.eng, ev.ID, "b@example.org", "B", "B")
	sum, err = g.eng.PushEvent(ctx, ev.ID)
	if err != nil || sum.Failed != 2 {
		t.Fatalf("summary %+v %v", sum, err)
	}
	got, _ = g.eng.Registrant(ctx, ev.ID, a.ID)
	want = "Zoom refused: registration is not enabled for this meeting or webinar. Turn on registration in Zoom, then retry."
	if got.Sync.LastError != want {
		t.Fatalf("registration-off message %q", got.Sync.LastError)
	}
	if n, err := g.eng.RetryAllFailed(ctx, ev.ID); err != nil || n != 2 {
		t.Fatalf("retry all %d %v", n, err)
	}
}

func TestDisabledAccountPausesSync(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	if _, err := f.eng.SetAccountActive(ctx, f.acc.ID, false); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, f.eng, f.ev.ID, "wait@example.org", "W", "W")
	sum, err := f.eng.PushEvent(ctx, f.ev.ID)
	if err != nil || sum.Pushed != 0 || sum.Waiting != 1 {
		t.Fatalf("while off: %+v %v", sum, err)
	}
	acc, _ := f.eng.FindAccount(ctx, "main")
	if acc.Credentials != f.fake.Credentials() {
		t.Fatal("turning the account off lost its credentials")
	}
	f.eng.SetAccountActive(ctx, f.acc.ID, true)
	if sum, err = f.eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Pushed != 1 || sum.Waiting != 0 {
		t.Fatalf("after on: %+v %v", sum, err)
	}
	if _, err := f.eng.TestAccount(ctx, f.acc.ID); err != nil {
		t.Fatal(err)
	}
	imported, _, err := f.eng.ImportEvents(ctx, f.acc.ID)
	if err != nil || len(imported) != 1 || imported[0].Location.ExternalID != fmt.Sprint(zNoReg) {
		t.Fatalf("import %+v %v", imported, err)
	}
}
