package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

func TestCheckInThreeInstances(t *testing.T) {
	emails := []string{"ann.lee@x.org", "bo.kim@x.org", "cy.doe@x.org"}
	f := newCheckInFixture(t, core.AttendanceRule{Minutes: 20, Sessions: 2}, emails)
	ctx := context.Background()
	r := f.rids
	week := 7 * 24 * 60
	// Ann: all three sessions; Bo: sessions 1 and 3, but only 10 min in 3; Cy: session 2 only.
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "s1==", Start: f.at(0), Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann.lee@x.org", r["ann.lee@x.org"], 0, 60),
		f.join("Bo Kim", "bo.kim@x.org", r["bo.kim@x.org"], 0, 50)}})
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "/s2//x", Start: f.at(week), Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann.lee@x.org", r["ann.lee@x.org"], week, week+30),
		f.join("Cy Doe", "cy.doe@x.org", r["cy.doe@x.org"], week, week+60)}})
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "s3==", Start: f.at(2 * week), Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann.lee@x.org", r["ann.lee@x.org"], 2*week, 2*week+45),
		f.join("Bo Kim", "bo.kim@x.org", r["bo.kim@x.org"], 2*week, 2*week+10)}})
	f.clock.Set(f.at(2*week + 120))
	res, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sessions) != 3 {
		t.Fatalf("sessions %+v", res.Sessions)
	}
	wantPresent, wantAttended := []int{2, 2, 2}, []int{2, 2, 1}
	for i, s := range res.Sessions {
		if s.Present != wantPresent[i] || s.Attended != wantAttended[i] {
			t.Errorf("session %d (%s): %d present, %d attended; want %d, %d", i+1, s.Instance, s.Present, s.Attended,
				wantPresent[i], wantAttended[i])
		}
	}
	// Overall, "20 minutes in 2 of 3 sessions": Ann only.
	got := f.registrants(t)
	if !got["ann.lee@x.org"].Attended() || got["bo.kim@x.org"].Attended() || got["cy.doe@x.org"].Attended() {
		t.Errorf("overall attendance ann %t bo %t cy %t", got["ann.lee@x.org"].Attended(), got["bo.kim@x.org"].Attended(),
			got["cy.doe@x.org"].Attended())
	}
	if c := got["ann.lee@x.org"].CheckIn; c == nil || c.Minutes != 135 {
		t.Errorf("Ann's minutes over three sessions %+v, want 135", c)
	}
	if res.Attended != 1 || res.Briefly != 2 {
		t.Errorf("overall %d attended, %d briefly", res.Attended, res.Briefly)
	}
	parts, _ := f.eng.Participants(ctx, f.ev.ID)
	for _, p := range parts {
		if p.Name == "Bo Kim" && (len(p.Sessions) != 2 || !p.Sessions[0].Attended || p.Sessions[1].Attended) {
			t.Errorf("Bo's person × session row %+v", p.Sessions)
		}
	}
}

func TestCheckInNotReadyThenAutomaticRetrySucceeds(t *testing.T) {
	f := newCheckInFixture(t, core.AttendanceRule{}, []string{"ann.lee@x.org", "bo.kim@x.org"},
		engine.WithAutoCheckIn(engine.AutoCheckInOptions{Retry: 15 * time.Minute}))
	ctx := context.Background()

	// 20 minutes after the end: not due yet.
	f.clock.Set(f.ev.End().Add(20 * time.Minute))
	if n, err := f.eng.RunDueCheckIns(ctx); err != nil || n != 0 {
		t.Fatalf("before due: %d runs, %v", n, err)
	}
	// 31 minutes after: due, but Zoom has no report yet.
	f.clock.Set(f.ev.End().Add(31 * time.Minute))
	if n, err := f.eng.RunDueCheckIns(ctx); err != nil || n != 1 {
		t.Fatalf("due: %d runs, %v", n, err)
	}
	h, err := f.eng.Report(ctx, f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !h.NotReady || !strings.Contains(h.Note, "Not ready") || h.Attended != 0 {
		t.Fatalf("report while not ready %+v", h)
	}
	// A zero-duration report is not ready either.
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "i1==", Start: f.start, Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann.lee@x.org", f.rids["ann.lee@x.org"], 0, 0)}})
	// 5 minutes later: backing off, nothing runs.
	f.clock.Add(5 * time.Minute)
	if n, _ := f.eng.RunDueCheckIns(ctx); n != 0 {
		t.Fatalf("ran %d times during the back-off", n)
	}
	f.clock.Add(11 * time.Minute)
	if n, _ := f.eng.RunDueCheckIns(ctx); n != 1 {
		t.Fatalf("retry did not run")
	}
	if h, _ := f.eng.Report(ctx, f.ev.ID); !h.NotReady {
		t.Fatal("zero-duration report read as ready")
	}
	// The second failure doubles the wait (30 min).
	f.clock.Add(20 * time.Minute)
	if n, _ := f.eng.RunDueCheckIns(ctx); n != 0 {
		t.Fatal("second back-off did not double")
	}
	// Zoom has processed the meeting now.
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "i2==", Start: f.start, Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann.lee@x.org", f.rids["ann.lee@x.org"], 0, 55)}})
	f.clock.Add(11 * time.Minute)
	if n, _ := f.eng.RunDueCheckIns(ctx); n != 1 {
		t.Fatal("retry after back-off did not run")
	}
	h, _ = f.eng.Report(ctx, f.ev.ID)
	if h.NotReady || h.Attended != 1 || h.NoShows != 1 {
		t.Fatalf("report after the retry %+v", h)
	}
	// Done: no more automatic runs until the daily catch-up.
	f.clock.Add(time.Hour)
	if n, _ := f.eng.RunDueCheckIns(ctx); n != 0 {
		t.Fatal("ran again after a complete report")
	}
	runs, _ := f.eng.CheckInRuns(ctx, f.ev.ID)
	if len(runs) != 3 || !runs[0].NotReady || !runs[1].NotReady || !runs[2].OK() || runs[2].Added != 1 {
		t.Fatalf("history %+v", runs)
	}
	// The daily catch-up (03:00 in the office's zone) re-runs the last
	// week once a day.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Set(time.Date(f.start.Year(), f.start.Month(), f.start.Day()+1, 3, 5, 0, 0, ny))
	if n, _ := f.eng.RunDueCheckIns(ctx); n != 1 {
		t.Fatal("daily catch-up did not run")
	}
	if n, _ := f.eng.RunDueCheckIns(ctx); n != 0 {
		t.Fatal("daily catch-up ran twice")
	}
	// Events older than a week are left alone.
	f.clock.Add(8 * 24 * time.Hour)
	if n, _ := f.eng.RunDueCheckIns(ctx); n != 0 {
		t.Fatal("ran for an event older than the window")
	}
}

func TestWalkInsAddMatchReject(t *testing.T) {
	f := newCheckInFixture(t, core.AttendanceRule{}, []string{"ann.lee@x.org", "bo.kim@x.org"})
	ctx := context.Background()
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "i1==", Start: f.start, Joins: []zoomfake.Join{
		f.join("Zed New", "zed@new.org", "", 0, 30),
		f.join("Ann Lee", "ann@home.org", "", 0, 40),
		f.join("B. Kim", "bo.kim@gmail.com", "", 5, 25),
		f.join("Phone", "", "", 5, 25)}})
	f.clock.Set(f.at(120))
	res, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.WalkIns) != 4 || res.Suggested != 2 {
		t.Fatalf("walk-ins %+v suggested %d", res.WalkIns, res.Suggested)
	}
	byName := map[string]core.Participant{}
	for _, p := range res.WalkIns {
		byName[p.Name] = p
	}
	zed, err := f.eng.AddWalkInAsRegistrant(ctx, f.ev.ID, byName["Zed New"].ID, core.Registrant{})
	if err != nil || zed.Email != "zed@new.org" || zed.FirstName != "Zed" || !zed.Attended() || zed.CheckIn.Minutes != 30 {
		t.Fatalf("added walk-in %+v, %v", zed, err)
	}
	if _, err := f.eng.AddWalkInAsRegistrant(ctx, f.ev.ID, byName["Phone"].ID, core.Registrant{}); core.ErrorCode(err) != core.EINVALID {
		t.Fatalf("adding a walk-in without email: %v", err)
	}
	bo := f.regs["bo.kim@x.org"]
	if err := f.eng.RejectMatch(ctx, f.ev.ID, byName["B. Kim"].ID, bo.ID); err != nil {
		t.Fatal(err)
	}
	phoneBo, err := f.eng.MatchWalkIn(ctx, f.ev.ID, byName["Phone"].ID, bo.ID)
	if err != nil || !phoneBo.Attended() {
		t.Fatalf("match to: %+v, %v", phoneBo, err)
	}
	// A later run keeps all three decisions and does not suggest Bo again.
	f.clock.Add(time.Hour)
	res, err = f.eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.WalkIns {
		if p.Name == "B. Kim" && len(p.Suggestions) != 0 {
			t.Errorf("rejected suggestion came back: %+v", p.Suggestions)
		}
		if p.Name == "Zed New" || p.Name == "Phone" {
			t.Errorf("%s is a walk-in again", p.Name)
		}
	}
	regs := f.registrants(t)
	if !regs["zed@new.org"].Attended() || !regs["bo.kim@x.org"].Attended() || regs["ann.lee@x.org"].Attended() {
		t.Error("decisions lost by the later run")
	}
	log, _ := f.eng.AuditLog(ctx, f.ev.ID, bo.ID)
	var actions []string
	for _, a := range log {
		actions = append(actions, a.Action)
	}
	if strings.Join(actions, ",") != "reject match,match walk-in,check in" {
		t.Errorf("Bo's audit %v", actions)
	}
}

func TestLinkOnlyEventClickIsImpliedCheckIn(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Yesterday's talk", Start: testNow.Add(-24 * time.Hour), Duration: time.Hour,
		TimeZone: "America/New_York", Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "Lee")
	mustAdd(t, eng, ev.ID, "bo@example.org", "Bo", "Kim")
	if err := eng.RecordClicks(ctx, []core.Click{{EventID: ev.ID, RegistrantID: ann.ID, At: ev.Start.Add(-time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	res, err := eng.CheckInEvent(ctx, ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Implied || res.Attended != 1 || !strings.Contains(res.Summary(), "implied") {
		t.Fatalf("result %+v", res)
	}
	got, _ := eng.Registrant(ctx, ev.ID, ann.ID)
	if got.CheckIn == nil || got.CheckIn.Source != core.SourceClick {
		t.Fatalf("Ann's check-in %+v", got.CheckIn)
	}
	h, err := eng.Report(ctx, ev.ID)
	if err != nil || !h.Implied || !strings.Contains(h.Note, "implied by reminder clicks") || h.AttendedBy[core.SourceClick] != 1 {
		t.Fatalf("report %+v, %v", h, err)
	}
}
