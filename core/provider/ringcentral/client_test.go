package ringcentral_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest/openapicheck"
	"github.com/turnout-app/turnout/core/provider/ringcentral"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
)

// rig is an emulator behind httptest, a client with the account's JWT
// credential, and the contract checker between them.
type rig struct {
	fake     *rcfake.Server
	srv      *httptest.Server
	c        *ringcentral.Client
	contract *openapicheck.Transport
	id       string // "WEBINAR/SESSION"
	sid      string
	start    time.Time
}

func newRig(t *testing.T, o rcfake.Options) *rig {
	t.Helper()
	if o.Window == 0 {
		o.Window = time.Second
	}
	fake := rcfake.New(o)
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	ct := newContract(t, http.DefaultTransport)
	c := ringcentral.New(ringcentral.Config{APIURL: srv.URL, Credentials: fake.Credentials(), HTTP: &http.Client{Transport: ct}})
	start := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	wid, sid := fake.AddWebinar("Alumni Careers Night", start, time.Hour)
	return &rig{fake: fake, srv: srv, c: c, contract: ct, id: wid + "/" + sid, sid: sid, start: start}
}

func person(i int) core.Person {
	return core.Person{Email: fmt.Sprintf("Person%d@Example.org", i), FirstName: "Person", LastName: fmt.Sprint(i),
		ExternalID: fmt.Sprintf("turnout-1-%d", i), Source: "Newsletter"}
}

func TestAddRegistrantKeepsLinksAndRoundTripsExternalIDAndSource(t *testing.T) {
	r := newRig(t, rcfake.Options{})
	ctx := context.Background()
	x, err := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(1))
	if err != nil {
		t.Fatal(err)
	}
	if x.ID == "" || !strings.Contains(x.JoinURL, "/r/"+x.ID) || !strings.Contains(x.CancelURL, "cancel") || x.Session != r.sid {
		t.Fatalf("registrant %+v", x)
	}
	got := r.fake.Registrants(r.sid)
	if len(got) != 1 || got[0].ExternalID != "turnout-1-1" || got[0].Source != "Newsletter" || got[0].LastName != "1" {
		t.Fatalf("the emulator keeps %+v", got)
	}
	m, err := r.c.Meeting(ctx, core.KindWebinar, r.id)
	if err != nil {
		t.Fatal(err)
	}
	if m.Topic != "Alumni Careers Night" || !m.Start.Equal(r.start) || m.Duration != time.Hour || !m.RegistrationRequired || m.JoinURL == "" {
		t.Fatalf("meeting %+v", m)
	}
	sessions, err := r.c.Sessions(ctx, core.KindWebinar, strings.Split(r.id, "/")[0])
	if err != nil || len(sessions) != 1 || sessions[0].ID != r.sid || sessions[0].Past {
		t.Fatalf("sessions %+v, %v", sessions, err)
	}
	if err := r.c.TestConnection(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestClosedRegistrationSaysWhatToDo(t *testing.T) {
	r := newRig(t, rcfake.Options{})
	r.fake.SetRegistration(r.sid, false)
	m, err := r.c.Meeting(context.Background(), core.KindWebinar, r.id)
	if err != nil || m.RegistrationRequired {
		t.Fatalf("a closed session reads as open: %+v %v", m, err)
	}
	_, err = r.c.AddRegistrant(context.Background(), core.KindWebinar, r.id, person(1))
	var perr *core.ProviderError
	if !errors.As(err, &perr) || perr.Kind != core.PErrRegistrationDisabled || perr.HTTPStatus != 403 {
		t.Fatalf("err = %v", err)
	}
	if perr.Advice != "Registration is closed for this session in RingCentral; open it there, then Push again." {
		t.Errorf("advice %q", perr.Advice)
	}
	if n := len(r.fake.Registrants(r.sid)); n != 0 {
		t.Errorf("%d registrants created", n)
	}
}

func TestDuplicateEmailIsLinkedNotDuplicated(t *testing.T) {
	r := newRig(t, rcfake.Options{})
	ctx := context.Background()
	first, err := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(7))
	if err != nil {
		t.Fatal(err)
	}
	again := person(7)
	again.Email = strings.ToUpper(again.Email)
	second, err := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, again)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID != first.ID || second.JoinURL != first.JoinURL || second.CancelURL != first.CancelURL {
		t.Fatalf("first %+v, second %+v", first, second)
	}
	if n := len(r.fake.Registrants(r.sid)); n != 1 {
		t.Fatalf("%d registrants at the emulator", n)
	}
}

func TestCancelBeforeAndAfterTheSession(t *testing.T) {
	r := newRig(t, rcfake.Options{})
	ctx := context.Background()
	a, _ := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(1))
	b, _ := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(2))
	if err := r.c.CancelRegistrant(ctx, core.KindWebinar, r.id, a); err != nil {
		t.Fatal(err)
	}
	if _, found, err := r.c.FindRegistrant(ctx, core.KindWebinar, r.id, a.Email); err != nil || found {
		t.Fatalf("cancelled registrant still found: %v %v", found, err)
	}
	// Registering again after a cancellation creates them again.
	a2, err := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(1))
	if err != nil || a2.ID == a.ID {
		t.Fatalf("again: %+v %v", a2, err)
	}
	r.fake.Finish(r.sid)
	err = r.c.CancelRegistrant(ctx, core.KindWebinar, r.id, b)
	var perr *core.ProviderError
	if !errors.As(err, &perr) || perr.Kind != core.PErrEventOver || perr.Advice == "" {
		t.Fatalf("after the session: %v", err)
	}
	if n := len(r.fake.Registrants(r.sid)); n != 2 {
		t.Errorf("%d registrants left, want 2", n)
	}
}

func TestParticipantsAreDeviceRecordsWithRolesAndStaffFromInvitees(t *testing.T) {
	r := newRig(t, rcfake.Options{})
	ctx := context.Background()
	x, _ := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(1))
	r.fake.AddInvitee(r.sid, "Panelist", "Pat", "Panel", "pat@northfield.edu")
	r.fake.AddInvitee(r.sid, "CoHost", "Cody", "Host", "cody@northfield.edu")
	t0 := r.start
	r.fake.Finish(r.sid,
		rcfake.Device{Email: "person1@example.org", FirstName: "Person", LastName: "1", Join: t0, Leave: t0.Add(20 * time.Minute)},
		rcfake.Device{Email: "person1@example.org", FirstName: "Person", LastName: "1", Join: t0.Add(10 * time.Minute), Leave: t0.Add(50 * time.Minute)},
		rcfake.Device{Email: "pat@northfield.edu", FirstName: "Pat", LastName: "Panel", Join: t0, Leave: t0.Add(time.Hour)},
		rcfake.Device{Email: "walkin@example.net", FirstName: "Walk", LastName: "In", Join: t0, Leave: t0.Add(5 * time.Minute)})
	rows, err := r.c.Participants(ctx, core.KindWebinar, r.id)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0].RegistrantID != x.ID || rows[1].RegistrantID != x.ID || rows[0].Duration != 20*time.Minute || rows[0].Instance != r.sid {
		t.Errorf("registrant's devices: %+v %+v", rows[0], rows[1])
	}
	if rows[2].Role != core.RolePanelist || rows[3].Role != "" || rows[3].RegistrantID != "" {
		t.Errorf("roles: %+v %+v", rows[2], rows[3])
	}
	staff, err := r.c.Staff(ctx, core.KindWebinar, r.id)
	if err != nil {
		t.Fatal(err)
	}
	var roles []string
	for _, s := range staff {
		roles = append(roles, string(s.Role)+" "+s.Email)
	}
	sort.Strings(roles)
	if strings.Join(roles, ",") != "cohost cody@northfield.edu,host host@sandbox.turnout.invalid,panelist pat@northfield.edu" {
		t.Errorf("staff %v", roles)
	}
	if got, attended, err := r.c.Registrant(ctx, r.id, x.ID); err != nil || !attended || got.ID != x.ID {
		t.Errorf("participantId cross-check: %+v %v %v", got, attended, err)
	}
}

// TestCheckInIsNotDelayedBehindABulkPush: with 60 adds queued as bulk
// work at 10 a second, an interactive call made meanwhile finishes within
// about one window, long before the push.
func TestCheckInIsNotDelayedBehindABulkPush(t *testing.T) {
	r := newRig(t, rcfake.Options{HeavyLimit: 10, Window: time.Second})
	bulk := core.WithBulk(context.Background())
	start := time.Now()
	done := make(chan time.Duration, 1)
	errs := make(chan error, 60)
	for i := range 60 {
		go func() {
			_, err := r.c.AddRegistrant(bulk, core.KindWebinar, r.id, person(i))
			errs <- err
		}()
	}
	time.Sleep(1200 * time.Millisecond) // the push is under way
	go func() {
		if _, err := r.c.Participants(context.Background(), core.KindWebinar, r.id); err != nil {
			t.Error(err)
		}
		done <- time.Since(start)
	}()
	var checkin time.Duration
	for range 60 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	pushed := time.Since(start)
	checkin = <-done
	t.Logf("check-in done after %v, the push after %v", checkin.Round(time.Millisecond), pushed.Round(time.Millisecond))
	if checkin > 1200*time.Millisecond+1300*time.Millisecond {
		t.Errorf("the check-in waited %v: it was queued behind the push", checkin-1200*time.Millisecond)
	}
	if st := r.fake.Stats(); st.TooMany != 0 {
		t.Errorf("%d answers 429", st.TooMany)
	}
}

// TestTooManyRequestsHonoursRetryAfter: another app used up the window;
// the client waits out the penalty once and succeeds without asking again
// during it.
func TestTooManyRequestsHonoursRetryAfter(t *testing.T) {
	r := newRig(t, rcfake.Options{HeavyLimit: 2, Window: time.Second, Penalty: 2 * time.Second})
	other := ringcentral.New(ringcentral.Config{APIURL: r.srv.URL, Credentials: r.fake.Credentials()})
	ctx := context.Background()
	for range 2 {
		if err := other.TestConnection(ctx); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	if err := r.c.TestConnection(ctx); err != nil {
		t.Fatal(err)
	}
	if st := r.fake.Stats(); st.TooMany != 1 {
		t.Errorf("%d answers 429, want the one that taught the client", st.TooMany)
	}
	if d := time.Since(start); d < 2*time.Second {
		t.Errorf("retried after %v, before the 2 s penalty", d)
	}
}

type fixedToken string

func (f fixedToken) Token(context.Context) (string, error) { return string(f), nil }
func (fixedToken) Invalidate(string)                       {}

// TestTooManyRequestsWithoutRetryAfterWaitsThePenalty: a 429 without
// Retry-After waits the configured penalty (30 s by default) before the
// one retry.
func TestTooManyRequestsWithoutRetryAfterWaitsThePenalty(t *testing.T) {
	var mu sync.Mutex
	var at []time.Time
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		at = append(at, time.Now())
		n := len(at)
		mu.Unlock()
		if n == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"records":[],"paging":{"perPage":1,"pageToken":""}}`))
	}))
	defer srv.Close()
	c := ringcentral.New(ringcentral.Config{APIURL: srv.URL, Tokens: fixedToken("t"), Penalty429: 400 * time.Millisecond})
	if err := c.TestConnection(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(at) != 2 || at[1].Sub(at[0]) < 400*time.Millisecond {
		t.Fatalf("%d requests, the retry after %v", len(at), at[len(at)-1].Sub(at[0]))
	}
}
