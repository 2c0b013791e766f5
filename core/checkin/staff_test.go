package checkin

import (
	"testing"

	"github.com/turnout-app/turnout/core"
)

// A person whose every row is a staff row is staff; one also on an
// attendee row is an attendee, counted once.
func TestMergeKeepsStaffRole(t *testing.T) {
	staff := func(r core.JoinRow, role core.StaffRole) core.JoinRow { r.Role = role; return r }
	rows := []core.JoinRow{
		staff(row("", "Hal Host", "hal@x.org", "", 0, 60), core.RoleHost),
		staff(row("", "Pat Panel", "pat@x.org", "", 0, 30), core.RolePanelist),
		staff(row("", "Pat Panel", "pat@x.org", "", 35, 60), core.RolePanelist),
		staff(row("", "Quin Panel", "quin@x.org", "", 0, 20), core.RolePanelist),
		row("", "Quin Panel", "QUIN@x.org", "r9", 20, 50),
		row("", "Ann", "ann@x.org", "", 0, 40),
	}
	want := map[string]core.StaffRole{"hal@x.org": core.RoleHost, "pat@x.org": core.RolePanelist, "quin@x.org": "", "ann@x.org": ""}
	got := Merge(rows)
	if len(got) != len(want) {
		t.Fatalf("%d people, want %d: %+v", len(got), len(want), got)
	}
	for _, a := range got {
		if r, ok := want[core.EmailKey(a.Email)]; !ok || a.Role != r {
			t.Errorf("%s: role %q, want %q", a.Email, a.Role, r)
		}
	}
}
