package gotowebinar_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest/openapicheck"
	"github.com/turnout-app/turnout/core/provider/gotowebinar"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
)

// tokens hands out access tokens minted by the emulator, as a signed-in
// account's source would.
type tokens struct {
	fake   *gotofake.Server
	mu     sync.Mutex
	tok    string
	issued int
}

func (s *tokens) Token(context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tok == "" {
		s.tok = s.fake.IssueToken()
		s.issued++
	}
	return s.tok, nil
}

func (s *tokens) Invalidate(t string) {
	s.mu.Lock()
	if s.tok == t {
		s.tok = ""
	}
	s.mu.Unlock()
}

type rig struct {
	fake *gotofake.Server
	c    *gotowebinar.Client
	spec *openapicheck.Transport
	toks *tokens
	now  time.Time
}

// newRig serves an emulator behind the contract checker and a client of
// its organizer (key found through the identity API unless cfg names it).
func newRig(t *testing.T, o gotofake.Options, cfg gotowebinar.Config) *rig {
	t.Helper()
	fake := gotofake.New(o)
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	spec := newContract(t, http.DefaultTransport)
	toks := &tokens{fake: fake}
	cfg.APIURL, cfg.Tokens, cfg.HTTP = srv.URL+"/G2W/rest/v2", toks, &http.Client{Transport: spec, Timeout: 30 * time.Second}
	if cfg.Backoff == 0 {
		cfg.Backoff = 20 * time.Millisecond
	}
	return &rig{fake: fake, c: gotowebinar.New(cfg), spec: spec, toks: toks, now: time.Now().UTC().Truncate(time.Second)}
}

func key(k int64) string { return strconv.FormatInt(k, 10) }

func TestAddRegistrantSendsNamesAndSourceAndKeepsTheKeyExact(t *testing.T) {
	r := newRig(t, gotofake.Options{}, gotowebinar.Config{})
	wk := r.fake.AddWebinar(gotofake.Webinar{Key: 8439885694023999999, Subject: "Keys", Times: span(r.now.Add(48*time.Hour), r.now.Add(49*time.Hour))})
	x, err := r.c.AddRegistrant(t.Context(), core.KindWebinar, "8439 8856 9402 3999 999", core.Person{Email: "ann@example.org",
		FirstName: "Ann", LastName: "Lee", Source: "Newsletter 12"})
	if err != nil {
		t.Fatal(err)
	}
	got := r.fake.Registrants(wk)
	if len(got) != 1 || got[0].FirstName != "Ann" || got[0].LastName != "Lee" || got[0].Source != "Newsletter 12" {
		t.Fatalf("GoTo has %+v", got)
	}
	if x.ID != key(got[0].Key) || got[0].Key <= 1<<53 {
		t.Fatalf("registrant key %s, GoTo's %d (must be above 2^53 and exact)", x.ID, got[0].Key)
	}
	if x.JoinURL != got[0].JoinURL || x.JoinURL == "" {
		t.Fatalf("join URL %q, GoTo's %q", x.JoinURL, got[0].JoinURL)
	}
}

func TestAlreadyRegisteredIsLinkedNotRegisteredTwice(t *testing.T) {
	r := newRig(t, gotofake.Options{}, gotowebinar.Config{})
	wk := r.fake.AddWebinar(gotofake.Webinar{Subject: "Dup", Times: span(r.now.Add(time.Hour), r.now.Add(2*time.Hour))})
	rk := r.fake.Register(wk, "Bo", "Ek", "Bo.Ek@Example.org")
	x, err := r.c.AddRegistrant(t.Context(), core.KindWebinar, key(wk), core.Person{Email: "bo.ek@example.org", FirstName: "Bo"})
	if err != nil {
		t.Fatal(err)
	}
	if x.ID != key(rk) {
		t.Fatalf("linked to %s, want the existing %d", x.ID, rk)
	}
	st := r.fake.Stats()
	if st.Conflicts != 1 || st.Created != 0 || len(r.fake.Registrants(wk)) != 1 {
		t.Fatalf("stats %+v, %d registrants; want one 409 and nobody new", st, len(r.fake.Registrants(wk)))
	}
}

func TestCancelDeletesBeforeAndIsRefusedAfterTheWebinar(t *testing.T) {
	r := newRig(t, gotofake.Options{}, gotowebinar.Config{})
	future := r.fake.AddWebinar(gotofake.Webinar{Subject: "Ahead", Times: span(r.now.Add(time.Hour), r.now.Add(2*time.Hour))})
	past := r.fake.AddWebinar(gotofake.Webinar{Subject: "Held", Times: span(r.now.Add(-3*time.Hour), r.now.Add(-2*time.Hour))})
	a := r.fake.Register(future, "A", "A", "a@example.org")
	b := r.fake.Register(past, "B", "B", "b@example.org")

	if err := r.c.CancelRegistrant(t.Context(), core.KindWebinar, key(future), core.ExternalRegistrant{ID: key(a)}); err != nil {
		t.Fatal(err)
	}
	if n := len(r.fake.Registrants(future)); n != 0 {
		t.Fatalf("%d registrants left after the delete", n)
	}
	// Again: GoTo has nobody with that key any more, which is cancelled.
	if err := r.c.CancelRegistrant(t.Context(), core.KindWebinar, key(future), core.ExternalRegistrant{ID: key(a)}); err != nil {
		t.Fatalf("second cancel: %v", err)
	}
	err := r.c.CancelRegistrant(t.Context(), core.KindWebinar, key(past), core.ExternalRegistrant{ID: key(b)})
	var perr *core.ProviderError
	if !errors.As(err, &perr) || perr.Kind != core.PErrEventOver {
		t.Fatalf("cancel after the webinar: %v, want event_over", err)
	}
	if n := len(r.fake.Registrants(past)); n != 1 {
		t.Fatalf("GoTo kept %d registrants of the past webinar, want 1", n)
	}
}

func TestBacksOffOnTooManyRequestsAndLosesNothing(t *testing.T) {
	// An unpaced client against a tight limit: every push still lands once.
	r := newRig(t, gotofake.Options{PerWindow: 4, Window: 200 * time.Millisecond}, gotowebinar.Config{Rate: -1, Backoff: 30 * time.Millisecond})
	wk := r.fake.AddWebinar(gotofake.Webinar{Subject: "Busy", Times: span(r.now.Add(time.Hour), r.now.Add(2*time.Hour))})
	var wg sync.WaitGroup
	errs := make(chan error, 30)
	for i := range 30 {
		wg.Go(func() {
			_, err := r.c.AddRegistrant(t.Context(), core.KindWebinar, key(wk), core.Person{Email: fmt.Sprintf("p%d@example.org", i), FirstName: "P", LastName: "Q"})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	st := r.fake.Stats()
	if st.TooMany == 0 {
		t.Fatal("the emulator never answered 429; the test proves nothing")
	}
	if st.Created != 30 || len(r.fake.Registrants(wk)) != 30 {
		t.Fatalf("created %d, %d registrants; want 30 exactly", st.Created, len(r.fake.Registrants(wk)))
	}
}

func TestPacedClientStaysUnderTheLimit(t *testing.T) {
	// 10 per half second; the client starts 18 a second. Timing on a busy
	// machine may squeeze a few together, so a 429 or two are allowed.
	r := newRig(t, gotofake.Options{PerWindow: 10, Window: 500 * time.Millisecond}, gotowebinar.Config{Rate: 18, OrganizerKey: key(8439885694023999999)})
	wk := r.fake.AddWebinar(gotofake.Webinar{Subject: "Paced", Times: span(r.now.Add(time.Hour), r.now.Add(2*time.Hour))})
	var wg sync.WaitGroup
	start := time.Now()
	for i := range 30 {
		wg.Go(func() {
			if _, err := r.c.AddRegistrant(t.Context(), core.KindWebinar, key(wk), core.Person{Email: fmt.Sprintf("q%d@example.org", i), FirstName: "Q", LastName: "R"}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if st := r.fake.Stats(); st.TooMany > 3 || st.Created != 30 {
		t.Fatalf("stats %+v: a paced client should rarely meet a 429", st)
	}
	if d := time.Since(start); d < 1500*time.Millisecond {
		t.Fatalf("30 requests in %s: faster than the 18 a second asked for", d)
	}
}

func TestExpiredTokenIsRenewedOnce(t *testing.T) {
	r := newRig(t, gotofake.Options{}, gotowebinar.Config{})
	if err := r.c.TestConnection(t.Context()); err != nil {
		t.Fatal(err)
	}
	r.fake.ExpireTokens()
	if err := r.c.TestConnection(t.Context()); err != nil {
		t.Fatalf("after GoTo's 403 InvalidToken: %v", err)
	}
	if r.toks.issued != 2 {
		t.Fatalf("%d tokens fetched, want 2", r.toks.issued)
	}
}

func TestParticipantsAreOneRowPerSegmentWithSessionAndRegistrantKeys(t *testing.T) {
	r := newRig(t, gotofake.Options{}, gotowebinar.Config{})
	start := r.now.Add(-5 * time.Hour)
	wk := r.fake.AddSequence("Course", time.Hour, start, start.Add(2*time.Hour))
	rk := r.fake.Register(wk, "Cy", "Do", "cy@example.org")
	a := r.fake.Attend(wk, "cy@example.org", start, 10*time.Minute)
	a.Segments = append(a.Segments, gotofake.Range{Start: start.Add(20 * time.Minute), End: start.Add(50 * time.Minute)})
	s1 := r.fake.Hold(wk, start, start.Add(time.Hour), a)
	s2 := r.fake.Hold(wk, start.Add(2*time.Hour), start.Add(3*time.Hour), r.fake.Attend(wk, "cy@example.org", start.Add(2*time.Hour), time.Hour))
	rows, err := r.c.Participants(t.Context(), core.KindWebinar, key(wk))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3 (two segments, then one): %+v", len(rows), rows)
	}
	for i, want := range []struct {
		inst string
		d    time.Duration
	}{{key(s1), 10 * time.Minute}, {key(s1), 30 * time.Minute}, {key(s2), time.Hour}} {
		if rows[i].Instance != want.inst || rows[i].RegistrantID != key(rk) || rows[i].Duration != want.d || rows[i].Email != "cy@example.org" {
			t.Errorf("row %d = %+v, want session %s registrant %d for %s", i, rows[i], want.inst, rk, want.d)
		}
	}
	// Every session is held: GoTo lists no future time, yet the event
	// still has its start and its sessions.
	m, err := r.c.Meeting(t.Context(), core.KindWebinar, key(wk))
	if err != nil {
		t.Fatal(err)
	}
	if !m.Start.Equal(start) || !m.Recurring {
		t.Fatalf("meeting %+v, want the first held session's start and a sequence", m)
	}
	ss, err := r.c.Sessions(t.Context(), core.KindWebinar, key(wk))
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].ID != key(s1) || ss[1].ID != key(s2) || !ss[1].Past {
		t.Fatalf("sessions %+v", ss)
	}
}

func TestMeetingsListAYearBackAndAheadAcrossPages(t *testing.T) {
	r := newRig(t, gotofake.Options{PerWindow: -1}, gotowebinar.Config{Rate: -1})
	for i := range 230 { // more than one page of 200
		at := r.now.Add(time.Duration(i-115) * 24 * time.Hour)
		r.fake.AddWebinar(gotofake.Webinar{Subject: fmt.Sprintf("W%d", i), Times: span(at, at.Add(time.Hour))})
	}
	r.fake.AddWebinar(gotofake.Webinar{Subject: "too old", Times: span(r.now.Add(-400*24*time.Hour), r.now.Add(-400*24*time.Hour+time.Hour))})
	seq := r.fake.AddSequence("Sequence", time.Hour, r.now.Add(24*time.Hour), r.now.Add(48*time.Hour), r.now.Add(72*time.Hour))
	series := r.fake.AddSeries("Series", time.Hour, r.now.Add(24*time.Hour), r.now.Add(96*time.Hour))
	cancelled := r.fake.AddWebinar(gotofake.Webinar{Subject: "called off", Times: span(r.now.Add(time.Hour), r.now.Add(2*time.Hour))})
	r.fake.Cancel(cancelled)
	list, err := r.c.Meetings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 230+1+2 {
		t.Fatalf("%d webinars, want 233 (230, one sequence, two of a series; not the old or cancelled one)", len(list))
	}
	ids := map[string]int{}
	for _, m := range list {
		ids[m.ID]++
		if m.Topic == "too old" || m.Topic == "called off" {
			t.Errorf("listed %q", m.Topic)
		}
	}
	if ids[key(seq)] != 1 || ids[key(series[0])] != 1 || ids[key(series[1])] != 1 {
		t.Fatalf("sequence listed %d times, series webinars %d and %d", ids[key(seq)], ids[key(series[0])], ids[key(series[1])])
	}
	if _, err := r.c.Meeting(t.Context(), core.KindWebinar, key(cancelled)); !isKind(err, core.PErrNotFound) {
		t.Fatalf("a cancelled webinar: %v, want not found", err)
	}
}

func isKind(err error, k core.ProviderErrorKind) bool {
	var perr *core.ProviderError
	return errors.As(err, &perr) && perr.Kind == k
}

func TestStaffAreOrganizerCoOrganizersAndPanelists(t *testing.T) {
	r := newRig(t, gotofake.Options{}, gotowebinar.Config{})
	wk := r.fake.AddWebinar(gotofake.Webinar{Subject: "Panel", Times: span(r.now.Add(time.Hour), r.now.Add(2*time.Hour))})
	r.fake.AddStaff(wk, []gotofake.Person{{GivenName: "Cora", Surname: "Org", Email: "cora@example.org"}},
		[]gotofake.Person{{GivenName: "Pan", Surname: "List", Email: "pan@example.org"}})
	staff, err := r.c.Staff(t.Context(), core.KindWebinar, key(wk))
	if err != nil {
		t.Fatal(err)
	}
	want := []core.StaffMember{{Role: core.RoleOrganizer, Name: "Olivia Organizer", Email: r.fake.Email()},
		{Role: core.RoleCoHost, Name: "Cora Org", Email: "cora@example.org"}, {Role: core.RolePanelist, Name: "Pan List", Email: "pan@example.org"}}
	if !slices.Equal(staff, want) {
		t.Fatalf("staff %+v, want %+v", staff, want)
	}
}

// Every operation the adapter uses is checked against the spec.
func TestContractCoversEveryOperationUsed(t *testing.T) {
	r := newRig(t, gotofake.Options{}, gotowebinar.Config{})
	ctx := t.Context()
	wk := r.fake.AddWebinar(gotofake.Webinar{Subject: "All", Times: span(r.now.Add(time.Hour), r.now.Add(2*time.Hour))})
	held := r.fake.AddWebinar(gotofake.Webinar{Subject: "Held", Times: span(r.now.Add(-2*time.Hour), r.now.Add(-time.Hour))})
	r.fake.Register(held, "H", "I", "h@example.org")
	r.fake.Hold(held, r.now.Add(-2*time.Hour), r.now.Add(-time.Hour), r.fake.Attend(held, "h@example.org", r.now.Add(-2*time.Hour), time.Hour))
	mustOK := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := r.c.Meetings(ctx)
	mustOK(err)
	_, err = r.c.Meeting(ctx, core.KindWebinar, key(wk))
	mustOK(err)
	x, err := r.c.AddRegistrant(ctx, core.KindWebinar, key(wk), core.Person{Email: "c@example.org", FirstName: "C", LastName: "D", Source: "Web"})
	mustOK(err)
	_, err = r.c.AddRegistrant(ctx, core.KindWebinar, key(wk), core.Person{Email: "c@example.org", FirstName: "C", LastName: "D"})
	mustOK(err)
	mustOK(r.c.ApproveRegistrant(ctx, core.KindWebinar, key(wk), x))
	mustOK(r.c.CancelRegistrant(ctx, core.KindWebinar, key(wk), x))
	_, err = r.c.Participants(ctx, core.KindWebinar, key(held))
	mustOK(err)
	_, err = r.c.Sessions(ctx, core.KindWebinar, key(held))
	mustOK(err)
	_, err = r.c.Staff(ctx, core.KindWebinar, key(wk))
	mustOK(err)
	mustOK(r.c.TestConnection(ctx))
	seen := r.spec.Calls()
	for _, op := range []string{"getWebinars", "getWebinar", "createRegistrant", "getAllRegistrantsForWebinar", "getRegistrant",
		"deleteRegistrant", "getAllSessions", "getAttendees", "getCoorganizers", "getPanelists"} {
		if seen[op] == 0 {
			t.Errorf("operation %s was never checked against the spec (seen %v)", op, seen)
		}
	}
}

// span is one time range.
func span(start, end time.Time) []gotofake.Range { return []gotofake.Range{{Start: start, End: end}} }

// dropFirstAdd loses the answer to the first create-registrant call after
// GoTo processed it, as a connection reset would.
type dropFirstAdd struct {
	next    http.RoundTripper
	mu      sync.Mutex
	dropped bool
}

func (d *dropFirstAdd) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := d.next.RoundTrip(r)
	d.mu.Lock()
	defer d.mu.Unlock()
	if err == nil && r.Method == http.MethodPost && !d.dropped {
		d.dropped = true
		resp.Body.Close()
		return nil, errors.New("connection reset by peer")
	}
	return resp, err
}

// A push whose answer was lost is sent again; GoTo's 409 then links the
// registrant it created: nobody registered twice, nobody lost.
func TestLostAnswerIsRetriedAndLinkedNotDuplicated(t *testing.T) {
	r := newRig(t, gotofake.Options{}, gotowebinar.Config{})
	wk := r.fake.AddWebinar(gotofake.Webinar{Subject: "Flaky", Times: span(r.now.Add(time.Hour), r.now.Add(2*time.Hour))})
	srv := httptest.NewServer(r.fake.Handler())
	t.Cleanup(srv.Close)
	flaky := gotowebinar.New(gotowebinar.Config{APIURL: srv.URL + "/G2W/rest/v2", Tokens: r.toks, Backoff: 10 * time.Millisecond,
		HTTP: &http.Client{Transport: &dropFirstAdd{next: newContract(t, http.DefaultTransport)}}})
	x, err := flaky.AddRegistrant(t.Context(), core.KindWebinar, key(wk), core.Person{Email: "lost@example.org", FirstName: "L", LastName: "A"})
	if err != nil {
		t.Fatal(err)
	}
	got := r.fake.Registrants(wk)
	if st := r.fake.Stats(); len(got) != 1 || st.Created != 1 || st.Conflicts != 1 || x.ID != key(got[0].Key) {
		t.Fatalf("after a lost answer: %d registrants, stats %+v, returned %s", len(got), st, x.ID)
	}
}
