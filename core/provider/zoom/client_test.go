package zoom_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/coretest/openapicheck"
	"github.com/turnout-app/turnout/core/provider/zoom"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

var start = time.Date(2026, 6, 1, 16, 0, 0, 0, time.UTC)

const (
	meetingID   = 91533842071
	webinarID   = 84219375520
	noRegID     = 81111111111
	recurringID = 87777777777
	manualID    = 86666666666
)

// rig is an emulator on a real socket with a client in front of it whose
// every request and answer is checked against the official spec.
type rig struct {
	fake     *zoomfake.Server
	srv      *httptest.Server
	client   *zoom.Client
	contract *openapicheck.Transport
}

func newRig(t testing.TB, o zoomfake.Options, tweak func(*zoom.Config)) *rig {
	t.Helper()
	fake := zoomfake.New(o)
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	ct := newContract(t, http.DefaultTransport)
	cfg := zoom.Config{Name: "Sandbox", APIURL: srv.URL + "/v2", OAuthURL: srv.URL, Credentials: fake.Credentials(),
		HTTP: &http.Client{Transport: ct, Timeout: 10 * time.Second}, Backoff: 2 * time.Millisecond}
	if tweak != nil {
		tweak(&cfg)
	}
	r := &rig{fake: fake, srv: srv, client: zoom.New(cfg), contract: ct}
	fake.AddMeeting(zoomfake.Meeting{ID: meetingID, Topic: "Volunteer Leaders", Start: start, TimeZone: "America/New_York",
		Duration: time.Hour, Password: "lead2go"})
	fake.AddMeeting(zoomfake.Meeting{ID: webinarID, Kind: core.KindWebinar, Topic: "Career Paths", Start: start.Add(-6 * 24 * time.Hour),
		TimeZone: "America/New_York", Duration: 90 * time.Minute, Password: "alumni24"})
	fake.AddMeeting(zoomfake.Meeting{ID: noRegID, Topic: "Open meeting", Start: start, Duration: time.Hour, ApprovalType: 2})
	fake.AddMeeting(zoomfake.Meeting{ID: recurringID, Topic: "Weekly clinic", Start: start, Duration: time.Hour, Recurring: true})
	fake.AddMeeting(zoomfake.Meeting{ID: manualID, Topic: "Board", Start: start, Duration: time.Hour, ApprovalType: 1})
	return r
}

func TestMeetingAndWebinarDetails(t *testing.T) {
	r := newRig(t, zoomfake.Options{Now: func() time.Time { return start.Add(-48 * time.Hour) }}, nil)
	ctx := context.Background()
	if err := r.client.TestConnection(ctx); err != nil {
		t.Fatal(err)
	}
	m, err := r.client.Meeting(ctx, core.KindMeeting, "915 3384 2071")
	if err != nil {
		t.Fatal(err)
	}
	if m.Topic != "Volunteer Leaders" || !m.Start.Equal(start) || m.TimeZone != "America/New_York" ||
		m.Duration != time.Hour || m.Password != "lead2go" || !m.RegistrationRequired || !strings.Contains(m.JoinURL, "/j/91533842071") {
		t.Fatalf("meeting = %+v", m)
	}
	w, err := r.client.Meeting(ctx, core.KindWebinar, "84219375520")
	if err != nil || w.Kind != core.KindWebinar || w.Duration != 90*time.Minute {
		t.Fatalf("webinar = %+v, %v", w, err)
	}
	open, err := r.client.Meeting(ctx, core.KindMeeting, fmt.Sprint(noRegID))
	if err != nil || open.RegistrationRequired {
		t.Fatalf("open meeting = %+v, %v", open, err)
	}
	rec, err := r.client.Meeting(ctx, core.KindMeeting, fmt.Sprint(recurringID))
	if err != nil || !rec.Recurring {
		t.Fatalf("recurring = %+v, %v", rec, err)
	}
	_, err = r.client.Meeting(ctx, core.KindMeeting, "12345678901")
	var perr *core.ProviderError
	if !errors.As(err, &perr) || perr.Kind != core.PErrNotFound || perr.Code != 3001 {
		t.Fatalf("missing meeting: %v", err)
	}
	list, err := r.client.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var meetings, webinars int
	for _, x := range list {
		if x.Kind == core.KindWebinar {
			webinars++
		} else {
			meetings++
		}
	}
	if meetings != 4 || webinars != 1 {
		t.Fatalf("listed %d meetings, %d webinars: %+v", meetings, webinars, list)
	}
}

func TestRegistrantLifecycle(t *testing.T) {
	r := newRig(t, zoomfake.Options{}, nil)
	ctx := context.Background()
	p := core.Person{Email: "Ann@Example.org", FirstName: "Ann", LastName: "Lee"}
	a, err := r.client.AddRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), p)
	if err != nil || a.ID == "" || a.JoinURL == "" {
		t.Fatalf("add = %+v, %v", a, err)
	}
	again, err := r.client.AddRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), core.Person{Email: "ann@example.org", FirstName: "Ann"})
	if err != nil || again.ID != a.ID || again.JoinURL != a.JoinURL {
		t.Fatalf("re-add gave %+v, %v; want the same registrant %+v", again, err, a)
	}
	if n := len(r.fake.RegistrantList(meetingID)); n != 1 {
		t.Fatalf("emulator holds %d registrants", n)
	}
	found, ok, err := r.client.FindRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), "ANN@example.org")
	if err != nil || !ok || found.ID != a.ID {
		t.Fatalf("find = %+v %v %v", found, ok, err)
	}
	if err := r.client.CancelRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), a); err != nil {
		t.Fatal(err)
	}
	if st := r.fake.RegistrantList(meetingID)[0].Status; st != "denied" {
		t.Fatalf("after cancel status %q", st)
	}
	if _, ok, _ := r.client.FindRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), "ann@example.org"); ok {
		t.Fatal("a cancelled registrant is still found")
	}
	if err := r.client.ApproveRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), a); err != nil {
		t.Fatal(err)
	}
	if st := r.fake.RegistrantList(meetingID)[0].Status; st != "approved" {
		t.Fatalf("after approve status %q", st)
	}
	// The third add of the day still works; the fourth is Zoom's daily 429.
	if _, err := r.client.AddRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), p); err != nil {
		t.Fatal(err)
	}
	_, err = r.client.AddRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), p)
	var perr *core.ProviderError
	if !errors.As(err, &perr) || perr.Kind != core.PErrRegistrantDailyLimit || perr.RetryAt.Hour() != 0 || !perr.RetryAt.After(time.Now()) {
		t.Fatalf("fourth add: %v", err)
	}
	// Webinar add and a manual-approval meeting (no join URL until approved).
	if w, err := r.client.AddRegistrant(ctx, core.KindWebinar, fmt.Sprint(webinarID), p); err != nil || w.JoinURL == "" {
		t.Fatalf("webinar add = %+v, %v", w, err)
	}
	if m, err := r.client.AddRegistrant(ctx, core.KindMeeting, fmt.Sprint(manualID), p); err != nil || m.JoinURL != "" {
		t.Fatalf("manual add = %+v, %v", m, err)
	}
	if m, ok, err := r.client.FindRegistrant(ctx, core.KindMeeting, fmt.Sprint(manualID), p.Email); err != nil || !ok || m.Status != "pending" {
		t.Fatalf("pending find = %+v %v %v", m, ok, err)
	}
	if err := r.client.CancelRegistrant(ctx, core.KindWebinar, fmt.Sprint(webinarID), core.ExternalRegistrant{ID: "nobody"}); err != nil {
		t.Fatal(err)
	}
}

func TestRefusalsAreTyped(t *testing.T) {
	r := newRig(t, zoomfake.Options{}, nil)
	ctx := context.Background()
	var perr *core.ProviderError
	_, err := r.client.AddRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), core.Person{Email: r.fake.HostEmail(), FirstName: "Host"})
	if !errors.As(err, &perr) || perr.Kind != core.PErrHostCannotRegister || perr.Code != 3027 {
		t.Fatalf("host add: %v", err)
	}
	_, err = r.client.AddRegistrant(ctx, core.KindMeeting, fmt.Sprint(noRegID), core.Person{Email: "a@example.org"})
	if !errors.As(err, &perr) || perr.Kind != core.PErrRegistrationDisabled {
		t.Fatalf("registration off: %v", err)
	}
	bad := zoom.New(zoom.Config{APIURL: r.srv.URL + "/v2", OAuthURL: r.srv.URL,
		Credentials: core.Credentials{AccountID: "x", ClientID: "y", ClientSecret: "wrong-secret-value"}})
	err = bad.TestConnection(ctx)
	if !errors.As(err, &perr) || perr.Kind != core.PErrUnauthorized || strings.Contains(err.Error(), "wrong-secret-value") {
		t.Fatalf("bad credentials: %v", err)
	}
}

func TestExpiredTokenIsRefreshedOnce(t *testing.T) {
	clock := coretest.NewClock(start)
	r := newRig(t, zoomfake.Options{Now: clock.Now}, func(c *zoom.Config) { c.Now = clock.Now })
	ctx := context.Background()
	if _, err := r.client.Meeting(ctx, core.KindMeeting, fmt.Sprint(meetingID)); err != nil {
		t.Fatal(err)
	}
	// Cached: no new grant.
	if _, err := r.client.Meeting(ctx, core.KindMeeting, fmt.Sprint(meetingID)); err != nil {
		t.Fatal(err)
	}
	if g := r.fake.Stats().TokenGrants; g != 1 {
		t.Fatalf("%d token grants, want 1 (cached)", g)
	}
	// Revoked under us: 401 code 124, one fresh token, one retry.
	r.fake.ExpireTokens()
	if _, err := r.client.Meeting(ctx, core.KindMeeting, fmt.Sprint(meetingID)); err != nil {
		t.Fatal(err)
	}
	if s := r.fake.Stats(); s.TokenGrants != 2 || s.Unauthorized != 1 {
		t.Fatalf("after revocation: %+v", s)
	}
	// 59 minutes 30 later the token is within the 60 s margin: replaced first.
	clock.Add(59*time.Minute + 30*time.Second)
	if _, err := r.client.Meeting(ctx, core.KindMeeting, fmt.Sprint(meetingID)); err != nil {
		t.Fatal(err)
	}
	if s := r.fake.Stats(); s.TokenGrants != 3 || s.Unauthorized != 1 {
		t.Fatalf("near expiry: %+v", s)
	}
}

func TestPerSecond429sAreAbsorbed(t *testing.T) {
	r := newRig(t, zoomfake.Options{PerWindow: [3]int{5, 5, 5}, Window: 20 * time.Millisecond},
		func(c *zoom.Config) {
			c.Limits = &zoom.Limits{Concurrency: [3]int{8, 4, 2}} // no pacing: lean on 429s
			c.MaxRetries = 30
		})
	ctx := context.Background()
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := range 60 {
		wg.Go(func() {
			_, err := r.client.AddRegistrant(ctx, core.KindMeeting, fmt.Sprint(meetingID), core.Person{Email: fmt.Sprintf("p%d@example.org", i), FirstName: "P"})
			if err != nil {
				failed.Add(1)
				t.Error(err)
			}
		})
	}
	wg.Wait()
	s := r.fake.Stats()
	if failed.Load() != 0 || len(r.fake.RegistrantList(meetingID)) != 60 || s.QPS429 == 0 {
		t.Fatalf("failed %d, registrants %d, stats %+v", failed.Load(), len(r.fake.RegistrantList(meetingID)), s)
	}
	t.Logf("60 adds absorbed %d per-second 429s", s.QPS429)
}

func TestDailyLimitCarriesRetryAfter(t *testing.T) {
	r := newRig(t, zoomfake.Options{Daily: [3]int{2, 0, 0}}, nil)
	ctx := context.Background()
	for range 2 {
		if _, err := r.client.Meeting(ctx, core.KindMeeting, fmt.Sprint(meetingID)); err != nil {
			t.Fatal(err)
		}
	}
	_, err := r.client.Meeting(ctx, core.KindMeeting, fmt.Sprint(meetingID))
	var perr *core.ProviderError
	if !errors.As(err, &perr) || perr.Kind != core.PErrDailyLimit {
		t.Fatalf("third call: %v", err)
	}
	y, m, d := time.Now().UTC().Date()
	if want := time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC); !perr.RetryAt.Equal(want) {
		t.Fatalf("RetryAt %v, want %v", perr.RetryAt, want)
	}
}

func holdCrowd(r *rig, id int64, n int) {
	r.fake.Hold(id, zoomfake.Instance{UUID: "crowd/uuid+1==", Start: start, Joins: zoomfake.Crowd(start, n, nil)})
}

func TestParticipantsOf10kWebinar(t *testing.T) {
	// Unpaced: at Pro's Heavy limit (10/s) 34 pages take 3.4 s on real Zoom.
	r := newRig(t, zoomfake.Options{}, func(c *zoom.Config) { c.Limits = &zoom.Unpaced })
	holdCrowd(r, webinarID, 10000)
	rows, err := r.client.Participants(context.Background(), core.KindWebinar, fmt.Sprint(webinarID))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10000 {
		t.Fatalf("%d rows, want 10000", len(rows))
	}
	calls := r.contract.Calls()
	if calls["reportWebinarParticipants"] != 34 {
		t.Fatalf("report pages = %d, want 34 (calls %v)", calls["reportWebinarParticipants"], calls)
	}
	seen := map[string]bool{}
	var noEmail, unregistered, rejoins int
	for _, row := range rows {
		if seen[row.ParticipantID] {
			t.Fatalf("row %s twice", row.ParticipantID)
		}
		seen[row.ParticipantID] = true
		switch {
		case row.Email == "":
			noEmail++
		case row.RegistrantID == "":
			unregistered++
		}
		if row.Duration <= 0 || row.JoinTime.IsZero() || row.LeaveTime.Before(row.JoinTime) {
			t.Fatalf("bad row %+v", row)
		}
	}
	names := map[string]int{}
	for _, row := range rows {
		names[row.Name]++
	}
	for _, n := range names {
		if n > 1 {
			rejoins++
		}
	}
	if noEmail == 0 || unregistered == 0 || rejoins == 0 {
		t.Fatalf("no-email %d, unregistered %d, rejoins %d", noEmail, unregistered, rejoins)
	}
}

func TestRecurringMeetingReturnsEveryInstance(t *testing.T) {
	r := newRig(t, zoomfake.Options{}, nil)
	uuids := []string{"aaaa+bbbb==", "/slash+first==", "double//slash=="}
	for i, u := range uuids {
		r.fake.Hold(recurringID, zoomfake.Instance{UUID: u, Start: start.AddDate(0, 0, 7*i),
			Joins: []zoomfake.Join{{UserID: fmt.Sprint(i), Name: "Ann", Email: "ann@example.org", RegistrantID: "r1",
				Join: start.AddDate(0, 0, 7*i), Leave: start.AddDate(0, 0, 7*i).Add(time.Hour)}}})
	}
	rows, err := r.client.Participants(context.Background(), core.KindMeeting, fmt.Sprint(recurringID))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want one per instance", len(rows))
	}
	for i, row := range rows {
		if row.Instance != uuids[i] || row.RegistrantID != "r1" {
			t.Fatalf("row %d = %+v", i, row)
		}
	}
	if got := zoom.EncodeUUID("/abc=="); got != "%252Fabc%253D%253D" {
		t.Fatalf("EncodeUUID = %s", got)
	}
}

func TestReportFallsBackToPastParticipants(t *testing.T) {
	r := newRig(t, zoomfake.Options{ReportUnavailable: true}, nil)
	holdCrowd(r, meetingID, 650)
	rows, err := r.client.Participants(context.Background(), core.KindMeeting, fmt.Sprint(meetingID))
	if err != nil || len(rows) != 650 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	if c := r.contract.Calls(); c["pastMeetingParticipants"] != 3 || c["reportMeetingParticipants"] != 1 {
		t.Fatalf("calls %v", c)
	}
	// A meeting never held: Zoom's 404 for instances falls back to the ID, whose report is 404 too.
	if _, err := r.client.Participants(context.Background(), core.KindMeeting, fmt.Sprint(manualID)); err == nil {
		t.Fatal("participants of a meeting never held: no error")
	}
}

// expireAfter expires the emulator's page tokens once, after n answers.
type expireAfter struct {
	next http.RoundTripper
	fake *zoomfake.Server
	n    atomic.Int32
}

func (e *expireAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := e.next.RoundTrip(r)
	if strings.Contains(r.URL.Path, "/participants") && e.n.Add(1) == 2 {
		e.fake.ExpirePageTokens()
	}
	return resp, err
}

func TestExpiredPageTokenRestartsCleanly(t *testing.T) {
	var ea *expireAfter
	r := newRig(t, zoomfake.Options{}, func(c *zoom.Config) {
		ea = &expireAfter{next: c.HTTP.Transport}
		c.HTTP = &http.Client{Transport: ea}
	})
	ea.fake = r.fake
	holdCrowd(r, webinarID, 1000)
	rows, err := r.client.Participants(context.Background(), core.KindWebinar, fmt.Sprint(webinarID))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		if seen[row.ParticipantID] {
			t.Fatalf("row %s kept twice after the restart", row.ParticipantID)
		}
		seen[row.ParticipantID] = true
	}
	if len(rows) != 1000 {
		t.Fatalf("%d rows", len(rows))
	}
	// 2 good pages, 1 refused token, then 4 pages from the start.
	if c := r.contract.Calls()["reportWebinarParticipants"]; c != 7 {
		t.Fatalf("%d report calls, want 7", c)
	}
}

func TestContractCoversEveryEndpointUsed(t *testing.T) {
	// The other tests drive every endpoint through the contract checker;
	// this one does it again in one place and lists them.
	r := newRig(t, zoomfake.Options{}, nil)
	ctx := context.Background()
	holdCrowd(r, meetingID, 5)
	holdCrowd(r, webinarID, 5)
	mustOK := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mustOK(r.client.TestConnection(ctx))
	_, err := r.client.Meetings(ctx)
	mustOK(err)
	for _, k := range []struct {
		kind core.MeetingKind
		id   int64
	}{{core.KindMeeting, meetingID}, {core.KindWebinar, webinarID}} {
		id := fmt.Sprint(k.id)
		_, err = r.client.Meeting(ctx, k.kind, id)
		mustOK(err)
		a, err := r.client.AddRegistrant(ctx, k.kind, id, core.Person{Email: "c@example.org", FirstName: "C"})
		mustOK(err)
		_, _, err = r.client.FindRegistrant(ctx, k.kind, id, "nobody@example.org")
		mustOK(err)
		mustOK(r.client.CancelRegistrant(ctx, k.kind, id, a))
		mustOK(r.client.ApproveRegistrant(ctx, k.kind, id, a))
		_, err = r.client.Participants(ctx, k.kind, id)
		mustOK(err)
	}
	fb := newRig(t, zoomfake.Options{ReportUnavailable: true}, nil)
	fb.fake.Hold(webinarID, zoomfake.Instance{UUID: "w1", Start: start, Joins: zoomfake.Crowd(start, 3, nil)})
	fb.fake.Hold(meetingID, zoomfake.Instance{UUID: "m1", Start: start, Joins: zoomfake.Crowd(start, 3, nil)})
	_, err = fb.client.Participants(ctx, core.KindWebinar, fmt.Sprint(webinarID))
	mustOK(err)
	_, err = fb.client.Participants(ctx, core.KindMeeting, fmt.Sprint(meetingID))
	mustOK(err)
	calls := r.contract.Calls()
	for k, v := range fb.contract.Calls() {
		calls[k] += v
	}
	for _, op := range []string{"meetings", "webinars", "meeting", "webinar", "meetingRegistrantCreate", "webinarRegistrantCreate",
		"meetingRegistrants", "webinarRegistrants", "meetingRegistrantStatus", "webinarRegistrantStatus",
		"pastMeetings", "pastWebinars", "reportMeetingParticipants", "reportWebinarParticipants",
		"pastMeetingParticipants", "listWebinarParticipants"} {
		if calls[op] == 0 {
			t.Errorf("operation %s was never exercised (calls: %v)", op, calls)
		}
	}
}

func BenchmarkParticipants10k(b *testing.B) {
	fake := zoomfake.New(zoomfake.Options{})
	fake.AddMeeting(zoomfake.Meeting{ID: webinarID, Kind: core.KindWebinar, Topic: "Big", Start: start, Duration: time.Hour})
	fake.Hold(webinarID, zoomfake.Instance{UUID: "big==", Start: start, Joins: zoomfake.Crowd(start, 10000, nil)})
	c := zoom.New(zoom.Config{Name: "Sandbox", APIURL: "http://sandbox/v2", OAuthURL: "http://sandbox",
		Credentials: fake.Credentials(), HTTP: fake.InProcess(), Limits: &zoom.Unpaced})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rows, err := c.Participants(ctx, core.KindWebinar, fmt.Sprint(webinarID))
		if err != nil || len(rows) != 10000 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/10k-participants")
}
