package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

// TestEveryReportLayoutCountsExactly checks in from each portal's sample
// (core/checkin/testdata) on an event where Ann, Bo, Cy and Dee
// registered, and checks attended, no-shows, walk-ins and staff exactly.
// The samples share a cast: hosts, panelists, organizers and presenters
// are the office's people (staff); Walt never registered (a walk-in).
func TestEveryReportLayoutCountsExactly(t *testing.T) {
	type want struct{ attended, noShows, walkIns, staff int }
	cases := map[string]want{
		// Host, 2 panelists; Ann (rejoined), Bo, Dee (listed No and Yes)
		// attended, Cy did not; Walt in Other Attended.
		"zoom_webinar_current.csv":     {3, 1, 1, 3},
		"zoom_webinar_older.csv":       {1, 3, 0, 1}, // a panelist; Ann yes, Cy no
		"zoom_meeting_usage.csv":       {1, 3, 1, 1}, // the host from the meeting line
		"zoom_meeting_unique.csv":      {1, 3, 1, 1},
		"zoom_meeting_de.csv":          {1, 3, 1, 1},
		"zoom_meeting_fr.csv":          {1, 3, 1, 1},
		"zoom_meeting_es.csv":          {1, 3, 1, 1},
		"zoom_meeting_pt.csv":          {1, 3, 1, 1},
		"zoom_meeting_ja.csv":          {1, 3, 1, 1},
		"zoom_meeting_zh.csv":          {1, 3, 1, 1},
		"teams_attendance.csv":         {1, 3, 1, 2}, // UTF-16, tabs: organizer and presenter
		"goto_attendee_report.csv":     {1, 3, 1, 2}, // organizer and a panelist
		"ringcentral_participants.csv": {1, 3, 1, 3}, // host, cohost, panelist
	}
	for name, w := range cases {
		t.Run(name, func(t *testing.T) {
			eng, ev := fourRegistrantEvent(t)
			if _, err := eng.ImportAttendeeReport(context.Background(), ev.ID, openSample(t, name), nil); err != nil {
				t.Fatal(err)
			}
			h, err := eng.Report(context.Background(), ev.ID)
			if err != nil {
				t.Fatal(err)
			}
			got := want{h.Attended, h.NoShows, h.WalkIns, h.Staff}
			if got != w {
				t.Errorf("attended, no-shows, walk-ins, staff = %v, want %v", got, w)
			}
		})
	}
}

func fourRegistrantEvent(t *testing.T) (*engine.Engine, core.Event) {
	t.Helper()
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(coretest.NewClock(sampleNow)))
	ev, err := eng.CreateEvent(context.Background(), core.Event{Title: "Budget clinic", Start: sampleStart,
		Duration: time.Hour, TimeZone: "Europe/Berlin",
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/clinic"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range [][3]string{{"ann@example.org", "Ann", "Lee"}, {"bo@example.org", "Bo", "Kim"},
		{"cy@example.org", "Cy", "Doe"}, {"dee@example.org", "Dee", "Roe"}} {
		mustAdd(t, eng, ev.ID, p[0], p[1], p[2])
	}
	return eng, ev
}

// TestWebinarReportPanelistWhoRegisteredIsStaff: in a Zoom webinar
// report with a host and two panelists, one panelist had also registered.
// Staff are listed as staff (the registered panelist is neither attended
// nor a no-show), and the walk-ins are exactly those who were neither
// registrants nor staff: Walt.
func TestWebinarReportPanelistWhoRegisteredIsStaff(t *testing.T) {
	eng, ev := fourRegistrantEvent(t)
	ctx := context.Background()
	mustAdd(t, eng, ev.ID, "paul@office.example", "Paul", "Panel")
	if _, err := eng.ImportAttendeeReport(ctx, ev.ID, openSample(t, "zoom_webinar_current.csv"), nil); err != nil {
		t.Fatal(err)
	}
	h, err := eng.Report(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Attended != 3 || h.NoShows != 1 || h.WalkIns != 1 || h.Staff != 3 || h.StaffRegistrants != 1 {
		t.Fatalf("attended %d, no-shows %d, walk-ins %d, staff %d (registered %d); want 3, 1, 1, 3 (1)",
			h.Attended, h.NoShows, h.WalkIns, h.Staff, h.StaffRegistrants)
	}
	walkIns, err := eng.WalkIns(ctx, ev.ID)
	if err != nil || len(walkIns) != 1 || walkIns[0].Email != "walt@else.example" {
		t.Fatalf("walk-ins %+v, %v; want only Walt", walkIns, err)
	}
	staff, err := eng.Staff(ctx, ev.ID)
	if err != nil || len(staff) != 3 {
		t.Fatalf("staff %+v, %v; want the host and both panelists", staff, err)
	}
}

// TestAStricterRuleTakesBackCheckInsTheReportNoLongerSupports: Bo stayed
// 8 minutes. Under "any time" he attended; once staff require 10 minutes
// the next check-in lists him as joined briefly and the headcount no
// longer counts him (before, the old check-in stayed and the headcount
// disagreed with the check-in it had just shown).
func TestAStricterRuleTakesBackCheckInsTheReportNoLongerSupports(t *testing.T) {
	eng, ev := fourRegistrantEvent(t)
	ctx := context.Background()
	if _, err := eng.ImportAttendeeReport(ctx, ev.ID, openSample(t, "zoom_webinar_current.csv"), nil); err != nil {
		t.Fatal(err)
	}
	if h, _ := eng.Report(ctx, ev.ID); h.Attended != 3 {
		t.Fatalf("any time: attended %d, want 3", h.Attended)
	}
	ev.Attendance = core.AttendanceRule{Minutes: 10}
	if _, err := eng.UpdateEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	res, err := eng.ImportAttendeeReport(ctx, ev.ID, openSample(t, "zoom_webinar_current.csv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := eng.Report(ctx, ev.ID)
	if res.Attended != 2 || h.Attended != 2 || h.NoShows != 2 || h.JoinedBriefly != 1 {
		t.Fatalf("at least 10 minutes: run attended %d; headcount attended %d, no-shows %d, briefly %d; want 2, 2, 2, 1",
			res.Attended, h.Attended, h.NoShows, h.JoinedBriefly)
	}
	bo, _ := eng.Registrants(ctx, ev.ID)
	for _, r := range bo {
		if r.Email == "bo@example.org" && r.CheckIn != nil {
			t.Fatalf("Bo is still checked in: %+v", r.CheckIn)
		}
	}
}
