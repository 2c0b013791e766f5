package engine_test

import (
	"context"
	"os"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

// The attendee report samples of core/checkin were exported for an event
// on 2 December 2026, 14:00 in Berlin; the clock is the morning after.
var (
	sampleStart = time.Date(2026, 12, 2, 13, 0, 0, 0, time.UTC)
	sampleNow   = sampleStart.Add(20 * time.Hour)
)

func openSample(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open("../checkin/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sampleEvent stores the event the samples are for, with Ann and Cy
// registered and the rule "at least 20 minutes".
func sampleEvent(t *testing.T, loc core.Location) (*engine.Engine, core.Event, map[string]core.Registrant) {
	t.Helper()
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(coretest.NewClock(sampleNow)))
	ev, err := eng.CreateEvent(context.Background(), core.Event{Title: "Budget clinic", Start: sampleStart,
		Duration: time.Hour, TimeZone: "Europe/Berlin", Location: loc, Attendance: core.AttendanceRule{Minutes: 20}})
	if err != nil {
		t.Fatal(err)
	}
	regs := map[string]core.Registrant{
		"ann": mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "Lee"),
		"cy":  mustAdd(t, eng, ev.ID, "cy@example.org", "Cy", "Doe"),
	}
	return eng, ev, regs
}

// checkedIn is the emails of the registrants checked in, sorted.
func checkedIn(t *testing.T, eng *engine.Engine, eventID core.ID) []string {
	t.Helper()
	regs, err := eng.Registrants(context.Background(), eventID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range regs {
		if r.CheckIn != nil {
			out = append(out, r.Email)
		}
	}
	slices.Sort(out)
	return out
}

// walkInsBesides is the names of the walk-ins who are not the staff the
// file names (how staff are shown is the headcount's business).
func walkInsBesides(res core.CheckInResult, staffEmails ...string) []string {
	var out []string
	for _, p := range res.WalkIns {
		if !slices.Contains(staffEmails, p.Email) {
			out = append(out, p.Name)
		}
	}
	slices.Sort(out)
	return out
}

func TestTeamsAttendanceReportChecksPeopleIn(t *testing.T) {
	eng, ev, regs := sampleEvent(t, core.Location{Provider: core.ProviderTeams, JoinURL: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x"})
	ctx := context.Background()
	// Cy clicked the reminder; on a Teams event the report decides.
	if err := eng.RecordClicks(ctx, []core.Click{{EventID: ev.ID, RegistrantID: regs["cy"].ID, At: sampleStart.Add(time.Minute)}}); err != nil {
		t.Fatal(err)
	}

	plan, err := eng.PreviewAttendeeReport(ctx, ev.ID, openSample(t, "teams_attendance.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := core.AttendeeReportPlan{EventID: ev.ID, Layout: "Microsoft Teams attendance report", Rows: 5, People: 4,
		Registered: 1, WalkIns: 1, Staff: 2}
	if !reflect.DeepEqual(*plan, want) {
		t.Errorf("preview %+v\nwant %+v", *plan, want)
	}
	if parts, _ := eng.Participants(ctx, ev.ID); len(parts) != 0 {
		t.Fatalf("the preview wrote %d participants", len(parts))
	}

	res, err := eng.ImportAttendeeReport(ctx, ev.ID, openSample(t, "teams_attendance.csv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := checkedIn(t, eng, ev.ID); !reflect.DeepEqual(got, []string{"ann@example.org"}) {
		t.Errorf("checked in %v, want Ann only (Cy's click is not attendance once the report is in)", got)
	}
	if res.Attended != 1 || res.Run.Added != 1 || res.Run.Pulled != 5 {
		t.Errorf("attended %d, added %d, pulled %d; want 1, 1, 5", res.Attended, res.Run.Added, res.Run.Pulled)
	}
	if got := walkInsBesides(res, "olga@office.example", "pia@office.example"); !reflect.DeepEqual(got, []string{"Walt Inn (External)"}) {
		t.Errorf("walk-ins %v", got)
	}
	ann, _ := eng.Registrant(ctx, ev.ID, regs["ann"].ID)
	if ann.CheckIn.Minutes != 45 || !ann.CheckIn.FirstJoin.Equal(time.Date(2026, 12, 2, 13, 1, 0, 0, time.UTC)) {
		t.Errorf("Ann's check-in %+v, want 45 minutes from 14:01 Berlin time", ann.CheckIn)
	}
}

func TestJapaneseZoomReportChecksPeopleIn(t *testing.T) {
	eng, ev, regs := sampleEvent(t, core.Location{Provider: core.ProviderLink, JoinURL: "https://zoom.us/j/81234567890"})
	ctx := context.Background()
	plan, err := eng.PreviewAttendeeReport(ctx, ev.ID, openSample(t, "zoom_meeting_ja.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want := core.AttendeeReportPlan{EventID: ev.ID, Layout: "Zoom meeting participant report", Rows: 3, People: 3,
		Registered: 1, WalkIns: 1, Staff: 1}
	if !reflect.DeepEqual(*plan, want) {
		t.Errorf("preview %+v\nwant %+v", *plan, want)
	}
	res, err := eng.ImportAttendeeReport(ctx, ev.ID, openSample(t, "zoom_meeting_ja.csv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := checkedIn(t, eng, ev.ID); !reflect.DeepEqual(got, []string{"ann@example.org"}) {
		t.Errorf("checked in %v, want Ann only", got)
	}
	if got := walkInsBesides(res, "hana@office.example"); res.Attended != 1 || !reflect.DeepEqual(got, []string{"Walt Inn"}) {
		t.Errorf("attended %d, walk-ins %v; want 1 and Walt Inn", res.Attended, got)
	}
	ann, _ := eng.Registrant(ctx, ev.ID, regs["ann"].ID)
	if ann.CheckIn.Minutes != 30 || !ann.CheckIn.FirstJoin.Equal(time.Date(2026, 12, 2, 13, 3, 0, 0, time.UTC)) {
		t.Errorf("Ann's check-in %+v, want 30 minutes from 14:03 Berlin time", ann.CheckIn)
	}
}

func TestPreviewAttendeeReportSkippedLines(t *testing.T) {
	eng, ev, _ := sampleEvent(t, core.Location{Provider: core.ProviderLink, JoinURL: "https://zoom.us/j/81234567890"})
	plan, err := eng.PreviewAttendeeReport(context.Background(), ev.ID, openSample(t, "zoom_webinar_current.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Hana, Paul and Petra are staff; Ann is registered; Bo, Dee and Walt
	// are walk-ins; Cy and Dee's "No" lines are skipped.
	if plan.Layout != "Zoom webinar attendee report" || plan.Rows != 8 || plan.People != 7 || plan.Staff != 3 ||
		plan.Registered != 1 || plan.WalkIns != 3 || len(plan.Skipped) != 2 || plan.Skipped[0].Line != 20 ||
		plan.Skipped[0].Reason != "registered but marked as not attended" {
		t.Errorf("preview %+v", *plan)
	}
}
