package ui

import (
	"context"
	"strings"
	"testing"
)

// The headcount lists staff in their own tab with role and minutes, and
// neither among walk-ins nor attendees.
func TestHeadcountStaffTab(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Alumni webinar")
	addPerson(t, eng, ev, "Ann", "ann@example.org")
	addPerson(t, eng, ev, "Meg", "meg@riverside.example.org") // registered, but runs the event
	if _, err := eng.AddStaff(ctx, "@riverside.example.org"); err != nil {
		t.Fatal(err)
	}
	at := ev.Start.Format("01/02/2006 03:04:05 PM")
	report := "Name,User Email,Join Time,Duration (Minutes)\n" +
		"Ann Test,ann@example.org," + at + ",40\n" +
		"Meg Test,meg@riverside.example.org," + at + ",58\n" +
		"Hal Ops,hal@riverside.example.org," + at + ",61\n" +
		"Zed New,zed@new.org," + at + ",30\n"
	if _, err := eng.ImportAttendeeReport(ctx, ev.ID, strings.NewReader(report), nil); err != nil {
		t.Fatal(err)
	}
	h := u.OpenEvent(ev, ScreenHeadcount).headcount
	u.wait()
	tabs := []string{}
	for _, it := range h.listTabs.Items {
		tabs = append(tabs, it.Text)
	}
	if got := strings.Join(tabs, " | "); got != "Attendees (1) | Walk-ins (1) | Staff (2)" {
		t.Errorf("tabs = %q", got)
	}
	if h.attended.value.Text != "1" || h.noShows.value.Text != "0" || h.walkIns.value.Text != "1" || h.rate.value.Text != "100%" {
		t.Errorf("cards: attended=%s no-shows=%s walk-ins=%s rate=%s; Meg ran the event and is no no-show",
			h.attended.value.Text, h.noShows.value.Text, h.walkIns.value.Text, h.rate.value.Text)
	}
	if n, _ := h.staff.table.Length(); n != 2 {
		t.Fatalf("staff table has %d rows, want 2", n)
	}
	var rows []string
	for r := range 2 {
		rows = append(rows, strings.Join([]string{h.staff.text(r, 0), h.staff.text(r, 1), h.staff.text(r, 2), h.staff.text(r, 3)}, ", "))
	}
	want := "Meg Test, meg@riverside.example.org, Office staff, 58 / Hal Ops, hal@riverside.example.org, Office staff, 61"
	if got := strings.Join(rows, " / "); got != want {
		t.Errorf("staff rows:\n%s\nwant\n%s", got, want)
	}
}
