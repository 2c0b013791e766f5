package engine_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

// staffRoles maps the event's staff by email to their role and minutes.
func staffRoles(t *testing.T, f *ciFixture) map[string]core.Participant {
	t.Helper()
	staff, err := f.eng.Staff(context.Background(), f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]core.Participant{}
	for _, p := range staff {
		out[core.EmailKey(p.Email)] = p
	}
	return out
}

func walkInNames(t *testing.T, f *ciFixture) []string {
	t.Helper()
	w, err := f.eng.WalkIns(context.Background(), f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range w {
		names = append(names, p.Name)
	}
	sort.Strings(names)
	return names
}

// A webinar with a host, an alternative host and two panelists, one of
// whom also registered: staff are listed as staff, and the walk-ins are
// exactly the people who were neither registrants nor staff.
func TestWebinarStaffAreNotWalkIns(t *testing.T) {
	emails := []string{"ann.lee@x.org", "bo.kim@x.org", "quin.rao@x.org", "dee.park@x.org", "rae.ito@x.org"}
	f := newCheckInFixtureOf(t, zoomfake.Meeting{Kind: core.KindWebinar, AltHosts: []string{"alt.host@x.org"},
		Panelists: []zoomfake.Panelist{{Name: "Pat Vu", Email: "pat.vu@partner.org"}, {Name: "Quin Rao", Email: "quin.rao@x.org"},
			{Name: "Rae Ito", Email: "rae.ito@x.org"}}},
		core.AttendanceRule{Minutes: 10}, emails)
	ctx := context.Background()
	host := f.fake.HostEmail()
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "web1==", Start: f.start, Joins: []zoomfake.Join{
		f.join("Office Host", host, "", 0, 60),
		f.join("Alt Host", "ALT.HOST@x.org", "", 5, 60),
		f.join("Pat Vu", "pat.vu@partner.org", "", 0, 55),
		// Quin registered but came in through the panelist link: staff.
		f.join("Quin Rao", "quin.rao@x.org", "", 0, 58),
		// Rae, a panelist, also joined through her registration: she
		// attended, and counts once.
		f.join("Rae Ito", "rae.ito@x.org", "", 0, 10),
		f.join("Rae Ito", "rae.ito@x.org", f.rids["rae.ito@x.org"], 10, 50),
		f.join("Ann Lee", "ann.lee@x.org", f.rids["ann.lee@x.org"], 0, 50),
		f.join("Bo Kim", "bo.kim@x.org", f.rids["bo.kim@x.org"], 0, 3), // below the rule
		f.join("Zed Walker", "zed@gmail.com", "", 2, 40),
		f.join("iPhone (7)", "", "", 10, 30),
	}})
	f.clock.Set(f.at(90))
	res, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Attended != 2 || res.Briefly != 1 || len(res.WalkIns) != 2 || res.Staff != 4 {
		t.Fatalf("run: attended %d, briefly %d, walk-ins %d, staff %d; want 2, 1, 2, 4 (%s)",
			res.Attended, res.Briefly, len(res.WalkIns), res.Staff, res.Summary())
	}
	if got := walkInNames(t, f); len(got) != 2 || got[0] != "Zed Walker" || got[1] != "iPhone (7)" {
		t.Errorf("walk-ins = %q, want Zed Walker and iPhone (7)", got)
	}
	staff := staffRoles(t, f)
	want := map[string]core.StaffRole{host: core.RoleHost, "alt.host@x.org": core.RoleCoHost,
		"pat.vu@partner.org": core.RolePanelist, "quin.rao@x.org": core.RolePanelist}
	if len(staff) != len(want) {
		t.Errorf("staff = %+v, want %v", staff, want)
	}
	for e, role := range want {
		if staff[e].Role != role {
			t.Errorf("%s: role %q, want %q", e, staff[e].Role, role)
		}
	}
	if staff["quin.rao@x.org"].Minutes != 58 || staff["quin.rao@x.org"].RegistrantID != f.regs["quin.rao@x.org"].ID {
		t.Errorf("Quin as staff = %+v: want 58 minutes and her registration shown", staff["quin.rao@x.org"])
	}
	regs := f.registrants(t)
	if regs["quin.rao@x.org"].CheckIn != nil || regs["ann.lee@x.org"].CheckIn == nil {
		t.Errorf("Quin (only staff) checked in %v, Ann %v", regs["quin.rao@x.org"].CheckIn, regs["ann.lee@x.org"].CheckIn)
	}
	if c := regs["rae.ito@x.org"].CheckIn; c == nil || c.Minutes != 50 {
		t.Errorf("Rae (panelist who also attended) checked in %+v; want attended, 50 minutes", c)
	}
	// Staff are not decided on as walk-ins.
	if _, err := f.eng.MatchWalkIn(ctx, f.ev.ID, staff["pat.vu@partner.org"].ID, f.regs["dee.park@x.org"].ID); core.ErrorCode(err) != core.ECONFLICT {
		t.Errorf("matching a panelist to a registrant: %v, want a refusal", err)
	}
	if _, err := f.eng.AddWalkInAsRegistrant(ctx, f.ev.ID, staff["pat.vu@partner.org"].ID, core.Registrant{}); core.ErrorCode(err) != core.ECONFLICT {
		t.Errorf("adding a panelist as a registrant: %v, want a refusal", err)
	}
	// Again: nothing moves.
	if _, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil); err != nil {
		t.Fatal(err)
	}
	h, err := f.eng.Report(ctx, f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Active 5: Ann and Rae attended; Bo and Dee are no-shows; Quin ran the event.
	if h.Attended != 2 || h.NoShows != 2 || h.WalkIns != 2 || h.Staff != 4 || h.StaffRegistrants != 1 ||
		h.StaffMinutes != 60+55+55+58 || h.AttendanceRate != 0.5 {
		t.Errorf("headcount: attended %d, no-shows %d, walk-ins %d, staff %d (%d registered, %d min), rate %.3f; "+
			"want 2, 2, 2, 4 (1, 228 min), 0.5", h.Attended, h.NoShows, h.WalkIns, h.Staff, h.StaffRegistrants,
			h.StaffMinutes, h.AttendanceRate)
	}
}

// The office's staff list by domain: its people are staff on any event,
// whether or not they registered.
func TestOfficeStaffListByDomain(t *testing.T) {
	emails := []string{"ann.lee@x.org", "cy.doe@riverside.example.org"}
	f := newCheckInFixture(t, core.AttendanceRule{Minutes: 10}, emails)
	ctx := context.Background()
	if list, err := f.eng.AddStaff(ctx, " @Riverside.Example.ORG "); err != nil || len(list) != 1 || list[0] != "@riverside.example.org" {
		t.Fatalf("AddStaff = %q, %v", list, err)
	}
	if _, err := f.eng.AddStaff(ctx, "temp@helpers.org"); err != nil {
		t.Fatal(err)
	}
	// Saving the office settings from a form opened earlier keeps the list.
	o, _ := f.eng.Office(ctx)
	o.Staff, o.Name = nil, "Riverside"
	if _, err := f.eng.SaveOffice(ctx, o); err != nil {
		t.Fatal(err)
	}
	if list, _ := f.eng.ListStaff(ctx); len(list) != 2 {
		t.Fatalf("staff list after saving the office = %q", list)
	}
	if _, err := f.eng.RemoveStaff(ctx, "nobody@x.org"); core.ErrorCode(err) != core.ENOTFOUND {
		t.Errorf("removing an address not listed: %v, want not found", err)
	}
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "m1==", Start: f.start, Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann.lee@x.org", f.rids["ann.lee@x.org"], 0, 60),
		f.join("Cy Doe", "Cy.Doe@Riverside.example.org", f.rids["cy.doe@riverside.example.org"], 0, 60),
		f.join("Meg Ops", "meg@riverside.example.org", "", 0, 45),
		f.join("Tom Temp", "temp@helpers.org", "", 0, 30),
		f.join("Zed Walker", "zed@gmail.com", "", 0, 40),
	}})
	f.clock.Set(f.at(90))
	if _, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil); err != nil {
		t.Fatal(err)
	}
	staff := staffRoles(t, f)
	for _, e := range []string{"cy.doe@riverside.example.org", "meg@riverside.example.org", "temp@helpers.org"} {
		if staff[e].Role != core.RoleOfficeStaff {
			t.Errorf("%s: role %q, want office staff", e, staff[e].Role)
		}
	}
	if got := walkInNames(t, f); len(got) != 1 || got[0] != "Zed Walker" {
		t.Errorf("walk-ins = %q, want only Zed Walker", got)
	}
	h, err := f.eng.Report(ctx, f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Attended != 1 || h.NoShows != 0 || h.WalkIns != 1 || h.Staff != 3 || h.AttendanceRate != 1 {
		t.Errorf("headcount: attended %d, no-shows %d, walk-ins %d, staff %d, rate %.2f; want 1, 0, 1, 3, 1",
			h.Attended, h.NoShows, h.WalkIns, h.Staff, h.AttendanceRate)
	}
	// Taking the domain off: the next check-in counts Cy as attended.
	if list, err := f.eng.RemoveStaff(ctx, "@RIVERSIDE.example.org"); err != nil || len(list) != 1 {
		t.Fatalf("RemoveStaff = %q, %v", list, err)
	}
	if _, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil); err != nil {
		t.Fatal(err)
	}
	if h, _ = f.eng.Report(ctx, f.ev.ID); h.Attended != 2 || h.WalkIns != 2 || h.Staff != 1 {
		t.Errorf("after removing the domain: attended %d, walk-ins %d, staff %d; want 2, 2 (Meg, Zed), 1 (Tom)",
			h.Attended, h.WalkIns, h.Staff)
	}
}

// An address put on the staff list after a check-in: the next run takes
// back the report's check-in of that registrant (staff are never
// attended), keeps a check-in staff made by hand, and neither is a no-show.
func TestStaffListAddedAfterACheckIn(t *testing.T) {
	emails := []string{"ann.lee@x.org", "cy.doe@riverside.example.org", "di.fox@riverside.example.org"}
	f := newCheckInFixture(t, core.AttendanceRule{Minutes: 10}, emails)
	ctx := context.Background()
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "m1==", Start: f.start, Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann.lee@x.org", f.rids["ann.lee@x.org"], 0, 60),
		f.join("Cy Doe", "cy.doe@riverside.example.org", f.rids["cy.doe@riverside.example.org"], 0, 60),
	}})
	f.clock.Set(f.at(90))
	if res, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil); err != nil || res.Attended != 2 {
		t.Fatalf("first run: %d attended, %v", res.Attended, err)
	}
	di := f.regs["di.fox@riverside.example.org"]
	if _, err := f.eng.CheckInManually(ctx, f.ev.ID, di.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.AddStaff(ctx, "@riverside.example.org"); err != nil {
		t.Fatal(err)
	}
	res, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil || res.Attended != 1 || res.Staff != 1 || res.StaffUndone != 1 {
		t.Fatalf("second run: attended %d, staff %d, undone %d, %v; want 1, 1, 1", res.Attended, res.Staff, res.StaffUndone, err)
	}
	regs := f.registrants(t)
	if regs["cy.doe@riverside.example.org"].CheckIn != nil || regs["di.fox@riverside.example.org"].CheckIn == nil {
		t.Errorf("Cy (report check-in, now staff) %v; Di (checked in by hand) %v",
			regs["cy.doe@riverside.example.org"].CheckIn, regs["di.fox@riverside.example.org"].CheckIn)
	}
	h, err := f.eng.Report(ctx, f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Attended != 2 || h.NoShows != 0 || h.Staff != 1 || h.WalkIns != 0 {
		t.Errorf("headcount: attended %d (Ann, Di), no-shows %d, staff %d, walk-ins %d; want 2, 0, 1, 0",
			h.Attended, h.NoShows, h.Staff, h.WalkIns)
	}
	var absent strings.Builder
	if _, err := f.eng.Export(ctx, f.ev.ID, core.GroupAbsent, core.ExportCSV, &absent, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(absent.String(), "cy.doe@") {
		t.Errorf("the absent list names Cy, who ran the event:\n%s", absent.String())
	}
}
