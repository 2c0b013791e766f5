package engine

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/store"
)

// A webinar attendee report whose Host and Panelist sections mark their
// rows (what the report readers set in JoinRow.Role): staff are listed as
// staff, a registrant who was only a panelist is neither attended nor a
// no-show, one also on an attendee row counts once, as attended, and the
// walk-ins are exactly the people who were neither registrants nor staff.
func TestWebinarReportStaffSections(t *testing.T) {
	start := coretest.Now().Add(-48 * time.Hour).Truncate(time.Hour)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := New(db, WithClock(coretest.NewClock(start.Add(24*time.Hour))))
	ctx := context.Background()
	ev, err := e.CreateEvent(ctx, core.Event{Title: "Panel", Start: start, Duration: time.Hour, TimeZone: "UTC",
		Attendance: core.AttendanceRule{Minutes: 10}, Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"ann@x.org", "bo@x.org", "quin@x.org", "rae@x.org"} {
		if _, _, err := e.AddRegistrant(ctx, ev.ID, core.Registrant{FirstName: email[:3], Email: email}); err != nil {
			t.Fatal(err)
		}
	}
	row := func(name, email string, role core.StaffRole, from, to int) core.JoinRow {
		return core.JoinRow{Name: name, Email: email, Role: role, JoinTime: start.Add(time.Duration(from) * time.Minute),
			LeaveTime: start.Add(time.Duration(to) * time.Minute)}
	}
	rows := []core.JoinRow{
		row("Hal Host", "hal@office.org", core.RoleHost, 0, 60),
		row("Pat Vu", "pat@partner.org", core.RolePanelist, 0, 55),
		row("Quin", "quin@x.org", core.RolePanelist, 0, 50),
		row("Rae", "rae@x.org", core.RolePanelist, 0, 10),
		row("Rae", "RAE@x.org", "", 10, 45),
		row("Ann", "ann@x.org", "", 0, 40),
		row("Zed Walker", "zed@gmail.com", "", 5, 35),
	}
	res, err := e.applyAttendance(ctx, ev.ID, rows, nil, TriggerCSV, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Attended != 2 || len(res.WalkIns) != 1 || res.Staff != 3 {
		t.Errorf("run: attended %d, walk-ins %d, staff %d; want 2 (Ann, Rae), 1 (Zed), 3 (Hal, Pat, Quin)",
			res.Attended, len(res.WalkIns), res.Staff)
	}
	h, err := e.Report(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Attended != 2 || h.NoShows != 1 || h.WalkIns != 1 || h.Staff != 3 || h.StaffRegistrants != 1 || h.StaffMinutes != 165 {
		t.Errorf("headcount: attended %d, no-shows %d, walk-ins %d, staff %d (%d registered, %d min); want 2, 1 (Bo), 1, 3 (1, 165 min)",
			h.Attended, h.NoShows, h.WalkIns, h.Staff, h.StaffRegistrants, h.StaffMinutes)
	}
	staff, err := e.Staff(ctx, ev.ID)
	if err != nil || len(staff) != 3 || staff[0].Role != core.RoleHost || staff[2].Email != "quin@x.org" || staff[2].RegistrantID == 0 {
		t.Errorf("staff = %+v, %v; want Hal (host), Pat, and Quin shown with her registration", staff, err)
	}
}
