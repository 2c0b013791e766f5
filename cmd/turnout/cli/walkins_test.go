package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// walkInEvent is a past event with Ann and Bo registered, checked in from
// a report where Ann came, Bo joined from another address (a walk-in with
// Bo suggested) and two strangers came. It returns the event ID.
func walkInEvent(t *testing.T, data string) string {
	t.Helper()
	start := inDays(t, -1)
	id := addEventAt(t, data, start)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann", "--last", "Lee")
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "bo@example.org", "--first", "Bo", "--last", "Kim")
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "cy@example.org", "--first", "Cy", "--last", "Park")
	report := writeReport(t, start, reportRow{"Ann Lee", "ann@example.org", 0, 40}, reportRow{"Bo Kim", "bo.kim@gmail.com", 5, 45},
		reportRow{"Walk In", "walk@in.org", 5, 20}, reportRow{"Phone User", "", 2, 30})
	mustRun(t, "--data", data, "checkin", "--event", id, "--report", report)
	return id
}

// walkIns reads "walkin list --json": name → walk-in ID, and the first
// suggestion's registrant ID for each.
func walkIns(t *testing.T, data, id string) (map[string]float64, map[string]float64) {
	t.Helper()
	var list []struct {
		ID          float64 `json:"id"`
		Name        string  `json:"name"`
		Suggestions []struct {
			RegistrantID float64 `json:"registrant_id"`
		} `json:"suggestions"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "walkin", "list", "--event", id)), &list); err != nil {
		t.Fatal(err)
	}
	ids, suggested := map[string]float64{}, map[string]float64{}
	for _, p := range list {
		ids[p.Name] = p.ID
		if len(p.Suggestions) > 0 {
			suggested[p.Name] = p.Suggestions[0].RegistrantID
		}
	}
	return ids, suggested
}

func TestReportJSONListsWalkInsWithSuggestions(t *testing.T) {
	data := dataFile(t)
	id := walkInEvent(t, data)
	var h struct {
		WalkIns    int `json:"walk_ins"`
		WalkInList []struct {
			Name        string `json:"name"`
			Suggestions []struct {
				Email string `json:"email"`
			} `json:"suggestions"`
		} `json:"walk_in_list"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "report", "--event", id)), &h); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, p := range h.WalkInList {
		names[p.Name] = true
		if p.Name == "Bo Kim" && (len(p.Suggestions) == 0 || p.Suggestions[0].Email != "bo@example.org") {
			t.Errorf("Bo's walk-in suggests %v, want bo@example.org first", p.Suggestions)
		}
	}
	if h.WalkIns != 3 || len(h.WalkInList) != 3 || !names["Bo Kim"] || !names["Walk In"] || !names["Phone User"] {
		t.Fatalf("report --json: %d walk-ins, list %+v; want Bo Kim, Walk In and Phone User", h.WalkIns, h.WalkInList)
	}
	text := mustRun(t, "--data", data, "report", "--event", id)
	if !strings.HasSuffix(text, "\n") || !strings.Contains(text, "suggested: #2 Bo Kim <bo@example.org>") {
		t.Errorf("report text lacks the walk-ins or the final newline:\n%q", text)
	}
}

func TestWalkInDecisions(t *testing.T) {
	data := dataFile(t)
	id := walkInEvent(t, data)
	ids, suggested := walkIns(t, data, id)
	if suggested["Bo Kim"] != 2 {
		t.Fatalf("Bo Kim's walk-in suggests registrant %v, want 2", suggested["Bo Kim"])
	}
	num := func(f float64) string { return fmt.Sprint(int(f)) }

	// Reject the suggestion, then confirm it anyway by naming Bo.
	mustRun(t, "--data", data, "walkin", "reject", "--event", id, "--walkin", num(ids["Bo Kim"]))
	if _, s := walkIns(t, data, id); s["Bo Kim"] == 2 {
		t.Fatal("walkin reject left Bo suggested")
	}
	out := mustRun(t, "--data", data, "walkin", "match", "--event", id, "--walkin", num(ids["Bo Kim"]), "--registrant", "2")
	if !strings.Contains(out, "Bo Kim <bo@example.org>, checked in") {
		t.Errorf("walkin match printed %q", out)
	}
	// The stranger is registered; the phone user has no email to register with.
	mustRun(t, "--data", data, "walkin", "add", "--event", id, "--walkin", num(ids["Walk In"]))
	code, _, errOut := run(t, "--data", data, "walkin", "add", "--event", id, "--walkin", num(ids["Phone User"]))
	if code != 1 || !strings.Contains(errOut, "without an email") {
		t.Errorf("walkin add without email: exit %d, %q", code, errOut)
	}
	mustRun(t, "--data", data, "walkin", "confirm", "--event", id, "--walkin", num(ids["Phone User"]), "--registrant", "3")
	if left, _ := walkIns(t, data, id); len(left) != 0 {
		t.Errorf("walk-ins left after every decision: %v", left)
	}
	h := reportOf(t, data, id)
	if h["attended"] != float64(4) || h["walk_ins"] != float64(0) {
		t.Errorf("after the decisions: attended %v, walk-ins %v; want 4 and 0", h["attended"], h["walk_ins"])
	}
	history := mustRun(t, "--data", data, "checkin", "history", "--event", id)
	if !strings.Contains(history, "attendee report") || strings.Count(history, "\n") != 2 {
		t.Errorf("checkin history:\n%s", history)
	}
}
