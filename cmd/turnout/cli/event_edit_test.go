package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// reportRow is one person in a participant report: joined join minutes
// after the start and stayed minutes.
type reportRow struct {
	name, email   string
	join, minutes int
}

// writeReport writes a Zoom participant report for an event that started
// at start.
func writeReport(t *testing.T, start time.Time, rows ...reportRow) string {
	t.Helper()
	at := func(minutes int) string {
		return start.Add(time.Duration(minutes) * time.Minute).Format("01/02/2006 03:04:05 PM")
	}
	csv := "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
	for _, r := range rows {
		csv += fmt.Sprintf("%s,%s,%s,%s,%d\n", r.name, r.email, at(r.join), at(r.join+r.minutes), r.minutes)
	}
	path := filepath.Join(t.TempDir(), "participants.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// reportOf reads "report --json" for the event.
func reportOf(t *testing.T, data, id string) map[string]any {
	t.Helper()
	var h map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "report", "--event", id)), &h); err != nil {
		t.Fatal(err)
	}
	return h
}

// TestEventSetMinMinutesChangesTheNextCheckIn: five minutes counts as
// attended under the default rule ("any time at all"); after "event set ID
// --min-minutes 10" the same report checks the person in as joined
// briefly, not attended.
func TestEventSetMinMinutesChangesTheNextCheckIn(t *testing.T) {
	data := dataFile(t)
	start := inDays(t, -1)
	report := writeReport(t, start, reportRow{"Ann Lee", "ann@example.org", 0, 5})
	for _, rule := range []string{"", "10"} {
		id := addEventAt(t, data, start)
		mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann", "--last", "Lee")
		if rule != "" {
			out := mustRun(t, "--data", data, "event", "set", id, "--min-minutes", rule)
			if !strings.Contains(out, "attended = at least 10 minutes") || !strings.HasSuffix(out, "\n") {
				t.Fatalf("event set printed %q", out)
			}
		}
		mustRun(t, "--data", data, "checkin", "--event", id, "--report", report)
		h := reportOf(t, data, id)
		attended, briefly := h["attended"].(float64), h["joined_briefly"].(float64)
		switch {
		case rule == "" && (attended != 1 || briefly != 0):
			t.Errorf("default rule: attended %v, joined briefly %v; want Ann's 5 minutes to count", attended, briefly)
		case rule != "" && (attended != 0 || briefly != 1):
			t.Errorf("--min-minutes %s: attended %v, joined briefly %v; want Ann's 5 minutes to fall short", rule, attended, briefly)
		}
	}
	// The first event, checked in under the old rule: the next check-in
	// applies the new one.
	mustRun(t, "--data", data, "event", "set", "1", "--min-minutes", "10")
	out := mustRun(t, "--data", data, "checkin", "--event", "1", "--report", report)
	if !strings.Contains(out, "0 attended") || !strings.Contains(out, "1 joined briefly") || !strings.Contains(out, "Rule: attended = at least 10 minutes") {
		t.Errorf("check-in after event set --min-minutes 10:\n%s", out)
	}
	// The headcount agrees: the check-in the old rule gave is taken back.
	if h := reportOf(t, data, "1"); h["attended"].(float64) != 0 || h["joined_briefly"].(float64) != 1 {
		t.Errorf("headcount after the stricter rule: attended %v, joined briefly %v; want 0 and 1", h["attended"], h["joined_briefly"])
	}
}

func TestEventSetChangesOnlyTheOptionsGiven(t *testing.T) {
	data := dataFile(t)
	start := inDays(t, 7)
	id := addEventAt(t, data, start)
	mustRun(t, "--data", data, "event", "set", id, "--title", "Spring webinar", "--duration", "90", "--min-percent", "50", "--sessions", "2")
	var ev map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "event", "show", id)), &ev); err != nil {
		t.Fatal(err)
	}
	loc := ev["location"].(map[string]any)
	rule := ev["attendance"].(map[string]any)
	if ev["title"] != "Spring webinar" || ev["duration"] != float64(90*time.Minute) || loc["join_url"] != "https://vimeo.com/123" ||
		rule["percent"] != float64(50) || rule["sessions"] != float64(2) || ev["time_zone"] != eventZone {
		t.Errorf("after event set: %v", ev)
	}
	if got, _ := time.Parse(time.RFC3339, ev["start"].(string)); !got.Equal(start) {
		t.Errorf("start moved to %v, want %v", got, start)
	}
	for _, bad := range [][]string{{"event", "set", id}, {"event", "set", id, "--min-minutes", "5", "--min-percent", "5"},
		{"event", "set", id, "--min-percent", "120"}, {"event", "set", "x", "--title", "T"}} {
		if code, _, errOut := run(t, append([]string{"--data", data}, bad...)...); code != 1 || strings.Count(errOut, "\n") != 1 {
			t.Errorf("turnout %s: exit %d, %q; want 1 and one line", strings.Join(bad, " "), code, errOut)
		}
	}
}

func TestEventDeleteNeedsYes(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org")
	code, _, errOut := run(t, "--data", data, "event", "delete", id)
	if code != 1 || !strings.Contains(errOut, "1 registrants") || !strings.Contains(errOut, "--yes") {
		t.Fatalf("event delete without --yes: exit %d, %q", code, errOut)
	}
	mustRun(t, "--data", data, "event", "show", id) // still there
	copyID := strings.TrimSpace(mustRun(t, "--data", data, "event", "duplicate", id))
	if !strings.Contains(mustRun(t, "--data", data, "event", "show", copyID), "Copy of Alumni webinar") {
		t.Error("event duplicate made no copy")
	}
	mustRun(t, "--data", data, "event", "delete", id, "--yes")
	if code, _, errOut := run(t, "--data", data, "event", "show", id); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("deleted event still shows: exit %d, %q", code, errOut)
	}
}

func TestRegistrantSetDeleteReregister(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "An")
	mustRun(t, "--data", data, "registrant", "set", "--event", id, "--email", "ANN@example.org", "--first", "Ann", "--last", "Lee", "--new-email", "ann.lee@example.org")
	list := mustRun(t, "--data", data, "registrant", "list", "--event", id)
	if !strings.Contains(list, "Ann Lee") || !strings.Contains(list, "ann.lee@example.org") {
		t.Fatalf("registrant set did not change the person:\n%s", list)
	}
	if code, _, errOut := run(t, "--data", data, "registrant", "delete", "--event", id, "--id", "1"); code != 1 || !strings.Contains(errOut, "--yes") {
		t.Fatalf("registrant delete without --yes: exit %d, %q", code, errOut)
	}
	mustRun(t, "--data", data, "registrant", "delete", "--event", id, "--id", "1", "--yes")
	if list := mustRun(t, "--data", data, "registrant", "list", "--event", id); !strings.Contains(list, "cancelled") {
		t.Fatalf("registrant delete left them registered:\n%s", list)
	}
	mustRun(t, "--data", data, "registrant", "reregister", "--event", id, "--email", "ann.lee@example.org")
	if list := mustRun(t, "--data", data, "registrant", "list", "--event", id); strings.Contains(list, "cancelled") {
		t.Fatalf("registrant reregister left them cancelled:\n%s", list)
	}
}
