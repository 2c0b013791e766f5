package engine_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/gotowebinar"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
	"github.com/turnout-app/turnout/store"
)

// shiftClock is the real clock moved ahead by a settable offset: the
// engine and the emulator share it, so "the webinar ends" is one call.
type shiftClock struct{ off atomic.Int64 }

func (c *shiftClock) Now() time.Time          { return time.Now().Add(time.Duration(c.off.Load())) }
func (c *shiftClock) advance(d time.Duration) { c.off.Add(int64(d)) }

// gotoTokens mints tokens from the emulator, as a signed-in account would.
type gotoTokens struct {
	fake *gotofake.Server
	tok  atomic.Pointer[string]
}

func (s *gotoTokens) Token(context.Context) (string, error) {
	if t := s.tok.Load(); t != nil {
		return *t, nil
	}
	t := s.fake.IssueToken()
	s.tok.Store(&t)
	return t, nil
}
func (s *gotoTokens) Invalidate(string) { s.tok.Store(nil) }

type gotoFixture struct {
	eng   *engine.Engine
	db    *store.DB
	fake  *gotofake.Server
	clock *shiftClock
	acc   core.Account
}

// newGoToFixture: an engine whose GoTo organizer (a Sandbox account, so
// no browser sign-in) talks to an emulator over HTTP with GoTo's 10
// requests per window; the window is 100 ms instead of 1 s unless o says
// otherwise, and the client paces at the adapter's default share of it.
func newGoToFixture(t testing.TB, dbPath string, o gotofake.Options) *gotoFixture {
	t.Helper()
	clock := &shiftClock{}
	o.Now = clock.Now
	if o.Window == 0 {
		o.Window = 100 * time.Millisecond
	}
	fake := gotofake.New(o)
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	return openGoToFixture(t, dbPath, fake, srv.URL, clock, gotowebinar.DefaultRate*float64(time.Second)/float64(o.Window))
}

func openGoToFixture(t testing.TB, dbPath string, fake *gotofake.Server, base string, clock *shiftClock, rate float64) *gotoFixture {
	t.Helper()
	if dbPath == "" {
		dbPath = t.TempDir() + "/turnout.db"
	}
	db, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	toks := &gotoTokens{fake: fake}
	factory := func(a core.Account) (core.Provider, error) {
		return gotowebinar.New(gotowebinar.Config{APIURL: base + "/G2W/rest/v2", Tokens: toks, Rate: rate,
			HTTP: &http.Client{Timeout: 10 * time.Second}, Backoff: 10 * time.Millisecond, MaxRetries: 40, Now: clock.Now}), nil
	}
	eng := engine.New(db, engine.WithClock(clock), engine.WithProviders(engine.ProviderOptions{Sandbox: factory, Workers: 4}))
	ctx := context.Background()
	accs, _ := eng.Accounts(ctx)
	var acc core.Account
	if len(accs) > 0 {
		acc = accs[0]
	} else if acc, err = eng.AddAccount(ctx, core.Account{Name: "GoTo organizer", Provider: core.ProviderGoTo, Active: true, Sandbox: true}); err != nil {
		t.Fatal(err)
	}
	return &gotoFixture{eng: eng, db: db, fake: fake, clock: clock, acc: acc}
}

func (f *gotoFixture) link(t testing.TB, wk int64, rule core.AttendanceRule) core.Event {
	t.Helper()
	ev, _, err := f.eng.SaveLinkedEvent(context.Background(), core.Event{Attendance: rule, Location: core.Location{
		Provider: core.ProviderGoTo, AccountID: f.acc.ID, ExternalID: strconv.FormatInt(wk, 10)}})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func importPeople(t testing.TB, eng *engine.Engine, eventID core.ID, n int) {
	t.Helper()
	var csv strings.Builder
	csv.WriteString("Email,First name,Last name,Source\n")
	for i := range n {
		fmt.Fprintf(&csv, "person%d@example.org,P%d,L%d,Newsletter\n", i, i, i)
	}
	plan, err := eng.PreviewImport(context.Background(), eventID, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.ApplyImport(context.Background(), plan, nil); err != nil {
		t.Fatal(err)
	}
}

// The whole GoTo story at engine level: a 3-session sequence linked by
// its key (above 2^53), 200 pushed (5 GoTo had already: linked, not
// registered twice), 3 cancelled (deleted at GoTo), the sessions held,
// then checked in under "2 of 3" once every session is past.
func TestGoToPushCancelAndSequenceCheckIn(t *testing.T) {
	f := newGoToFixture(t, "", gotofake.Options{})
	ctx := context.Background()
	start := f.clock.Now().Add(2 * time.Hour).Truncate(time.Minute).UTC()
	wk := f.fake.AddSequence("Grant Writing Course", time.Hour, start, start.Add(24*time.Hour), start.Add(48*time.Hour))
	if wk <= 1<<53 {
		t.Fatalf("webinar key %d is not above 2^53", wk)
	}
	for i := range 5 { // registered on GoTo's own page before Turnout pushed
		f.fake.Register(wk, "Early", "Bird", fmt.Sprintf("PERSON%d@example.org", i*40))
	}
	ev := f.link(t, wk, core.AttendanceRule{Sessions: 2})
	if ev.Title != "Grant Writing Course" || !ev.Start.Equal(start) || ev.Location.ExternalID != strconv.FormatInt(wk, 10) {
		t.Fatalf("linked event %+v", ev)
	}
	importPeople(t, f.eng, ev.ID, 200)
	sum, err := f.eng.PushEvent(ctx, ev.ID)
	if err != nil || sum.Pushed != 200 || sum.Failed != 0 {
		t.Fatalf("push %+v %v", sum, err)
	}
	st := f.fake.Stats()
	onGoTo := f.fake.Registrants(wk)
	if len(onGoTo) != 200 || st.Created != 195 || st.Conflicts != 5 {
		t.Fatalf("GoTo has %d registrants, %d created, %d conflicts; want 200, 195, 5", len(onGoTo), st.Created, st.Conflicts)
	}
	regs, _ := f.eng.Registrants(ctx, ev.ID)
	byEmail := map[string]gotofake.Registrant{}
	for _, x := range onGoTo {
		byEmail[strings.ToLower(x.Email)] = x
	}
	for _, r := range regs {
		g := byEmail[r.Email]
		if r.Sync.State != core.SyncPushed || r.Sync.RegistrantID != strconv.FormatInt(g.Key, 10) || r.Sync.JoinURL != g.JoinURL {
			t.Fatalf("%s: sync %+v, GoTo %+v", r.Email, r.Sync, g)
		}
		if g.Source == "" && r.Email != "person0@example.org" && !strings.HasPrefix(g.FirstName, "Early") {
			t.Fatalf("%s pushed without its source", r.Email)
		}
	}
	// Cancel three: deleted at GoTo while the webinar is ahead.
	for _, r := range regs[:3] {
		if _, err := f.eng.CancelRegistrant(ctx, ev.ID, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	if sum, err = f.eng.PushEvent(ctx, ev.ID); err != nil || sum.Cancelled != 3 {
		t.Fatalf("cancel push %+v %v", sum, err)
	}
	if n := len(f.fake.Registrants(wk)); n != 197 || f.fake.Stats().Deletes != 3 {
		t.Fatalf("GoTo has %d registrants after 3 cancellations (%d deletes)", n, f.fake.Stats().Deletes)
	}

	// The sequence is held: persons 10-19 in one session, 20-29 in two,
	// 30-39 in all three; then everything is past. Someone who registered
	// on GoTo's own page comes to two (a walk-in with GoTo's details), and
	// a co-organizer who registered to test the link comes to the first
	// (staff, never a walk-in).
	f.fake.Register(wk, "Wanda", "Walker", "wanda@example.net")
	f.fake.Register(wk, "Cora", "Organ", "cora@example.org")
	f.fake.AddStaff(wk, []gotofake.Person{{GivenName: "Cora", Surname: "Organ", Email: "cora@example.org"}}, nil)
	var sessions []int64
	for s := range 3 {
		at := start.Add(time.Duration(s) * 24 * time.Hour)
		var who []gotofake.Attendee
		if s < 2 {
			who = append(who, f.fake.Attend(wk, "wanda@example.net", at.Add(5*time.Minute), 40*time.Minute))
		}
		if s == 0 {
			who = append(who, f.fake.Attend(wk, "cora@example.org", at, time.Hour))
		}
		for i := 10; i < 40; i++ {
			if (i < 20 && s == 0) || (i >= 20 && i < 30 && s < 2) || i >= 30 {
				who = append(who, f.fake.Attend(wk, fmt.Sprintf("person%d@example.org", i), at.Add(time.Minute), 50*time.Minute))
			}
		}
		sessions = append(sessions, f.fake.Hold(wk, at, at.Add(time.Hour), who...))
	}
	f.clock.advance(72 * time.Hour)
	if _, _, err := f.eng.RefreshEvent(ctx, ev.ID); err != nil {
		t.Fatalf("refreshing a sequence whose sessions are all past: %v", err)
	}
	res, err := f.eng.CheckInEvent(ctx, ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.NotReady {
		t.Fatal("check-in found no report")
	}
	regs, _ = f.eng.Registrants(ctx, ev.ID)
	for _, r := range regs {
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.Email, "person"), "@example.org"))
		want := n >= 20 && n < 40
		if got := r.CheckIn != nil; got != want {
			t.Errorf("%s checked in = %v, want %v (2 of 3 sessions)", r.Email, got, want)
		}
	}
	parts, err := f.eng.Participants(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 32 {
		t.Fatalf("%d participants, want 32", len(parts))
	}
	for _, p := range parts {
		switch {
		case p.Email == "wanda@example.net":
			if !p.WalkIn() || p.Name != "Wanda Walker" || len(p.Sessions) != 2 || p.ProviderID == "" {
				t.Fatalf("walk-in %+v: want her GoTo details, two sessions", p)
			}
			continue
		case p.Email == "cora@example.org":
			if !p.IsStaff() || p.WalkIn() {
				t.Fatalf("co-organizer %+v: want staff", p)
			}
			continue
		case len(p.Sessions) == 0 || p.RegistrantID == 0:
			t.Fatalf("participant %+v: want matched, with sessions", p)
		}
		for _, s := range p.Sessions {
			if s.Instance != strconv.FormatInt(sessions[0], 10) && s.Instance != strconv.FormatInt(sessions[1], 10) && s.Instance != strconv.FormatInt(sessions[2], 10) {
				t.Fatalf("session %q is not one of GoTo's keys %v", s.Instance, sessions)
			}
		}
	}
}

// A cancellation after the webinar: GoTo keeps the registration, Turnout
// keeps the cancellation and says why; registering again links the
// registration GoTo kept.
func TestGoToCancelAfterTheWebinarStaysLocal(t *testing.T) {
	f := newGoToFixture(t, "", gotofake.Options{})
	ctx := context.Background()
	start := f.clock.Now().Add(time.Hour).Truncate(time.Minute).UTC()
	wk := f.fake.AddWebinar(gotofake.Webinar{Subject: "Held soon", Times: []gotofake.Range{{Start: start, End: start.Add(time.Hour)}}})
	ev := f.link(t, wk, core.AttendanceRule{})
	importPeople(t, f.eng, ev.ID, 2)
	if sum, err := f.eng.PushEvent(ctx, ev.ID); err != nil || sum.Pushed != 2 {
		t.Fatalf("push %+v %v", sum, err)
	}
	f.clock.advance(3 * time.Hour)
	regs, _ := f.eng.Registrants(ctx, ev.ID)
	if _, err := f.eng.CancelRegistrant(ctx, ev.ID, regs[0].ID); err != nil {
		t.Fatal(err)
	}
	sum, err := f.eng.PushEvent(ctx, ev.ID)
	if err != nil || sum.Cancelled != 1 || sum.Failed != 0 {
		t.Fatalf("cancel after the webinar: %+v %v", sum, err)
	}
	got, _ := f.eng.Registrant(ctx, ev.ID, regs[0].ID)
	if got.Active() || got.Sync.State != core.SyncCancelled || got.Sync.RegistrantID != regs[0].Sync.RegistrantID ||
		!strings.Contains(got.Sync.LastError, "keeps the registrations of an event that has already taken place") {
		t.Fatalf("after a refused cancel: active=%v sync %+v", got.Active(), got.Sync)
	}
	if n := len(f.fake.Registrants(wk)); n != 2 {
		t.Fatalf("GoTo has %d registrants, want both kept", n)
	}
}

// Registering again after a cancellation registers again at GoTo (it has
// no re-approval): a new registrant key and join link.
func TestGoToRegisterAgainAfterCancel(t *testing.T) {
	f := newGoToFixture(t, "", gotofake.Options{})
	ctx := context.Background()
	start := f.clock.Now().Add(48 * time.Hour).Truncate(time.Minute).UTC()
	wk := f.fake.AddWebinar(gotofake.Webinar{Subject: "Ahead", Times: []gotofake.Range{{Start: start, End: start.Add(time.Hour)}}})
	ev := f.link(t, wk, core.AttendanceRule{})
	importPeople(t, f.eng, ev.ID, 1)
	if _, err := f.eng.PushEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	regs, _ := f.eng.Registrants(ctx, ev.ID)
	first := regs[0].Sync.RegistrantID
	if _, err := f.eng.CancelRegistrant(ctx, ev.ID, regs[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.PushEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.Reregister(ctx, ev.ID, regs[0].ID); err != nil {
		t.Fatal(err)
	}
	if sum, err := f.eng.PushEvent(ctx, ev.ID); err != nil || sum.Pushed != 1 {
		t.Fatalf("re-register push %+v %v", sum, err)
	}
	got, _ := f.eng.Registrant(ctx, ev.ID, regs[0].ID)
	onGoTo := f.fake.Registrants(wk)
	if len(onGoTo) != 1 || got.Sync.RegistrantID == first || got.Sync.RegistrantID != strconv.FormatInt(onGoTo[0].Key, 10) {
		t.Fatalf("after registering again: sync %+v, GoTo %+v (first key %s)", got.Sync, onGoTo, first)
	}
}
