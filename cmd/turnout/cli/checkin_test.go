package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCheckInFromReportFile(t *testing.T) {
	data := dataFile(t)
	start := inDays(t, -1)
	id := addEventAt(t, data, start)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann", "--last", "Lee")
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "bo@example.org", "--first", "Bo", "--last", "Kim")
	report := filepath.Join(t.TempDir(), "participants.csv")
	at := func(minutes int) string {
		return start.Add(time.Duration(minutes) * time.Minute).Format("01/02/2006 03:04:05 PM")
	}
	csv := "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n" +
		"Ann Lee,ANN@example.org," + at(0) + "," + at(40) + ",40\n" +
		"Bo Kim,bo.kim@gmail.com," + at(5) + "," + at(50) + ",45\n" +
		"Walk In,walk@in.org," + at(5) + "," + at(10) + ",5\n"
	if err := os.WriteFile(report, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "--data", data, "checkin", "--event", id, "--report", report)
	for _, want := range []string{"1 attended", "Walk-ins: 2", "Walk In walk@in.org, 5 min", "suggested: Bo Kim <bo@example.org>", "Same name"} {
		if !strings.Contains(out, want) {
			t.Errorf("checkin output lacks %q:\n%s", want, out)
		}
	}
	again := mustRun(t, "--data", data, "checkin", "--event", id, "--report", report)
	if !strings.Contains(again, "0 newly checked in") {
		t.Errorf("second run:\n%s", again)
	}
}

func TestCheckInReportDryRun(t *testing.T) {
	data := dataFile(t)
	start := inDays(t, -1)
	id := addEventAt(t, data, start)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann", "--last", "Lee")
	at := func(minutes int) string {
		return start.Add(time.Duration(minutes) * time.Minute).Format("01/02/2006 03:04:05 PM")
	}
	report := filepath.Join(t.TempDir(), "webinar.csv")
	csv := "Host Details,,,,,\nAttended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes)\n" +
		"Yes,Hana Host,hana@office.example," + at(-10) + "," + at(60) + ",70\n" +
		"Attendee Details,,,,,\nAttended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes)\n" +
		"Yes,Ann Lee,ann@example.org," + at(0) + "," + at(40) + ",40\n" +
		"No,Cy Doe,cy@example.org,--,--,--\n" +
		"Yes,Walt Inn,walt@else.example," + at(5) + "," + at(10) + ",5\n"
	if err := os.WriteFile(report, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, "--data", data, "checkin", "--event", id, "--report", report, "--dry-run")
	for _, want := range []string{"Zoom webinar attendee report: 3 lines read, 3 people.", "Registered: 1\n", "Walk-ins: 1\n",
		"Staff (hosts, panelists, organizers, presenters): 1\n", "line 7: registered but marked as not attended", "Nothing was changed"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if after := mustRun(t, "--data", data, "checkin", "--event", id, "--report", report); !strings.Contains(after, "1 newly checked in") {
		t.Errorf("after the dry run, the import checks Ann in:\n%s", after)
	}
}
