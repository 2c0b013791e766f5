package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestEventAddListShow(t *testing.T) {
	data := dataFile(t)
	start := inDays(t, 7)
	id := addEventAt(t, data, start)
	if id != "1" {
		t.Fatalf("event add printed %q, want the new ID 1", id)
	}
	out := mustRun(t, "--data", data, "event", "show", id)
	reminder := start.Add(-2 * time.Hour).Format("Mon 2 Jan 2006, 15:04 MST")
	for _, want := range []string{"Alumni webinar", start.Format("2006-01-02 15:04 MST"), "Vimeo", "https://vimeo.com/123", reminder} {
		if !strings.Contains(out, want) {
			t.Errorf("event show lacks %q:\n%s", want, out)
		}
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "event", "list")), &list); err != nil || len(list) != 1 || list[0]["title"] != "Alumni webinar" {
		t.Fatalf("event list --json = %v, %v", list, err)
	}
}

func TestBadInputExitsOneWithAOneLineMessage(t *testing.T) {
	data := dataFile(t)
	addEvent(t, data)
	start := localTime(inDays(t, 7))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, `Unknown command "frobnicate"`},
		{"missing title", []string{"event", "add", "--start", start}, "--title is required"},
		{"zoom without ID", []string{"event", "add", "--title", "T", "--start", start, "--provider", "zoom"}, "Zoom meeting ID is required"},
		{"bad start", []string{"event", "add", "--title", "T", "--start", "tomorrow", "--url", "https://x.org"}, "write it as 20"},
		{"bad zone", []string{"event", "add", "--title", "T", "--start", start, "--tz", "Nowhere", "--url", "https://x.org"}, `Time zone "Nowhere" is unknown`},
		{"bad event ID", []string{"registrant", "list", "--event", "abc"}, `Event ID "abc" is not a number`},
		{"unknown event", []string{"report", "--event", "42"}, "Event 42 was not found"},
		{"bad email", []string{"registrant", "add", "--event", "1", "--email", "bob@"}, `Email "bob@" is not a valid address`},
		{"missing file", []string{"registrant", "import", "--event", "1", "nope.csv"}, "Cannot open nope.csv"},
		{"bad format", []string{"export", "--event", "1", "--format", "pdf", "--out", "x.pdf"}, "pdf"},
		{"bad group", []string{"export", "--event", "1", "--format", "csv", "--out", "x.csv", "--group", "vip"}, `Group "vip" is unknown`},
		{"cancel unknown", []string{"registrant", "cancel", "--event", "1", "--email", "zed@example.org"}, "Nobody with email zed@example.org"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := run(t, append([]string{"--data", data}, tt.args...)...)
			if code != 1 || !strings.Contains(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q; want 1 and one line containing %q", code, errOut, tt.want)
			}
		})
	}
}

func TestRegistrantImportDryRunAndReport(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	csvPath := filepath.Join("..", "..", "..", "core", "engine", "testdata", "registrants-12.csv")

	out := mustRun(t, "--data", data, "registrant", "import", "--event", id, csvPath, "--dry-run")
	for _, want := range []string{"nothing written", "9 new", "1 duplicate", "2 invalid", "1 duplicate line skipped", "2 invalid lines skipped",
		"line 4: Carla Cruz <carla@example> — Email", "line 9: Gus Grant <not-an-email> — Email", "line 6: Annie Archer <ANN@Example.org> — Repeats"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if out := mustRun(t, "--data", data, "registrant", "list", "--event", id); !strings.Contains(out, "Nobody is registered") {
		t.Fatalf("--dry-run wrote registrants:\n%s", out)
	}
	mustRun(t, "--data", data, "registrant", "import", "--event", id, "--skip-invalid", csvPath)
	mustRun(t, "--data", data, "registrant", "cancel", "--event", id, "--email", "BOB@example.org")
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "zoe@example.org", "--first", "Zoe")

	var h map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "report", "--event", id)), &h); err != nil {
		t.Fatal(err)
	}
	if h["registered"] != 10.0 || h["cancelled"] != 1.0 || h["active"] != 9.0 {
		t.Fatalf("report = %v", h)
	}
	out = mustRun(t, "--data", data, "report", "--event", id)
	// The event is a week ahead: no-shows and the rate wait for its end.
	if !strings.Contains(out, "No-shows") || !strings.Contains(out, "Attendance rate") ||
		!strings.Contains(out, "(after the event)") || strings.Contains(out, "0%") || h["not_over"] != true {
		t.Fatalf("report:\n%s", out)
	}
}

func TestExportAndBackupWriteFiles(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann")
	dir := t.TempDir()
	for _, format := range []string{"csv", "xlsx"} {
		out := filepath.Join(dir, "all."+format)
		msg := mustRun(t, "--data", data, "export", "--event", id, "--format", format, "--out", out)
		if !strings.Contains(msg, "Exported 1 people") {
			t.Errorf("export said %q", msg)
		}
		if info, err := os.Stat(out); err != nil || info.Size() == 0 {
			t.Fatalf("%s not written: %v", out, err)
		}
	}
	backup := filepath.Join(dir, "backup.db")
	mustRun(t, "--data", data, "backup", "--out", backup)
	if out := mustRun(t, "--data", backup, "registrant", "list", "--event", id); !strings.Contains(out, "ann@example.org") {
		t.Fatalf("backup lacks the registrant:\n%s", out)
	}
}

func TestDataFileIsPrivate(t *testing.T) {
	data := dataFile(t)
	addEvent(t, data)
	info, err := os.Stat(data)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("data file mode = %v, %v; want 0600", info.Mode(), err)
	}
}

func TestSecondProcessIsToldTurnoutIsRunning(t *testing.T) {
	data := dataFile(t)
	addEvent(t, data)
	// A child holds the data file open, as a running Turnout would: it
	// imports from a pipe that we never close.
	holder := turnoutProcess(t, "--data", data, "registrant", "import", "--event", "1", "/dev/stdin")
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { holder.Process.Kill(); holder.Wait() }()
	waitLocked(t, data)

	start := time.Now()
	code, _, errOut := run(t, "--data", data, "event", "list")
	elapsed := time.Since(start)
	if code != 1 || !strings.Contains(errOut, "Turnout is already running with this data file") {
		t.Fatalf("exit %d, %q; want the already-running message", code, errOut)
	}
	if elapsed > 3*time.Second {
		t.Fatalf("took %v to refuse; must be about 2 s, never hang", elapsed)
	}
}
