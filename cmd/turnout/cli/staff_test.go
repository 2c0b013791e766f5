package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStaffCommands(t *testing.T) {
	data := dataFile(t)
	if out := mustRun(t, "--data", data, "staff", "list"); !strings.Contains(out, "Nobody is on the staff list") {
		t.Fatalf("empty staff list said %q", out)
	}
	if out := mustRun(t, "--data", data, "staff", "add", "@Riverside.Example.org"); !strings.Contains(out, "@riverside.example.org is on the staff list") {
		t.Errorf("staff add said %q", out)
	}
	mustRun(t, "--data", data, "staff", "add", "temp@helpers.org")
	var list []string
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "staff", "list")), &list); err != nil ||
		strings.Join(list, " ") != "@riverside.example.org temp@helpers.org" {
		t.Fatalf("staff list --json = %q, %v", list, err)
	}
	mustRun(t, "--data", data, "staff", "remove", "TEMP@helpers.org")
	if out := mustRun(t, "--data", data, "staff", "list"); out != "@riverside.example.org\n" {
		t.Errorf("after remove the list is %q", out)
	}
	for _, bad := range [][]string{{"staff", "add"}, {"staff", "add", "riverside"}, {"staff", "remove", "nobody@x.org"}} {
		code, _, errOut := run(t, append([]string{"--data", data}, bad...)...)
		if code != 1 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("turnout %v: exit %d, %q; want 1 and a one-line message", bad, code, errOut)
		}
	}

	// Office staff in an attendee report are staff, not walk-ins.
	start := inDays(t, -1)
	id := addEventAt(t, data, start)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann", "--last", "Lee")
	at := func(minutes int) string {
		return start.Add(time.Duration(minutes) * time.Minute).Format("01/02/2006 03:04:05 PM")
	}
	csv := "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n" +
		"Ann Lee,ann@example.org," + at(0) + "," + at(40) + ",40\n" +
		"Meg Ops,meg@riverside.example.org," + at(0) + "," + at(55) + ",55\n" +
		"Walk In,walk@in.org," + at(5) + "," + at(20) + ",15\n"
	report := filepath.Join(t.TempDir(), "participants.csv")
	if err := os.WriteFile(report, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--data", data, "checkin", "--event", id, "--report", report)
	out := mustRun(t, "--data", data, "report", "--event", id)
	for _, want := range []string{"Walk-ins  1", "Staff  1", "(hosts, panelists, your office: not attendees)"} {
		if !strings.Contains(strings.Join(strings.Fields(out), "  "), strings.Join(strings.Fields(want), "  ")) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	var h struct {
		WalkIns int `json:"walk_ins"`
		Staff   int `json:"staff"`
		Members []struct {
			Name, Email, Role string
			Minutes           int
		} `json:"staff_members"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "report", "--event", id)), &h); err != nil {
		t.Fatal(err)
	}
	if h.WalkIns != 1 || h.Staff != 1 || len(h.Members) != 1 || h.Members[0].Email != "meg@riverside.example.org" ||
		h.Members[0].Role != "staff" || h.Members[0].Minutes != 55 {
		t.Errorf("report --json = %+v", h)
	}
}
