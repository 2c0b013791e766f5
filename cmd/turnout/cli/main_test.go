package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets a test run the command line in a separate process, the
// way staff and scripts run it: with TURNOUT_CLI_ARGS set, this test binary
// becomes "turnout ARGS…".
func TestMain(m *testing.M) {
	if args := os.Getenv("TURNOUT_CLI_ARGS"); args != "" {
		var list []string
		if err := json.Unmarshal([]byte(args), &list); err != nil {
			panic(err)
		}
		os.Exit(Main(list, os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// turnoutProcess prepares "turnout args…" as a child process.
func turnoutProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	b, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "TURNOUT_CLI_ARGS="+string(b))
	return cmd
}

// run runs the command line in this process and returns its exit code and
// outputs.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// mustRun runs a command that must succeed and returns its output.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := run(t, args...)
	if code != 0 {
		t.Fatalf("turnout %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func dataFile(t *testing.T) string { return filepath.Join(t.TempDir(), "turnout.db") }

// addEvent adds a link-only event and returns its ID as printed.
func addEvent(t *testing.T, data string) string {
	t.Helper()
	out := mustRun(t, "--data", data, "event", "add", "--title", "Alumni webinar", "--start", "2026-12-01 14:00",
		"--tz", "America/New_York", "--url", "https://vimeo.com/123", "--provider", "vimeo")
	return strings.TrimSpace(out)
}

// addUpcomingEvent adds a link-only event a month from now (reminders
// can still go out) and returns its ID as printed.
func addUpcomingEvent(t *testing.T, data string) string {
	t.Helper()
	start := time.Now().AddDate(0, 1, 0).Format("2006-01-02") + " 14:00"
	out := mustRun(t, "--data", data, "event", "add", "--title", "Alumni webinar", "--start", start,
		"--tz", "America/New_York", "--url", "https://vimeo.com/123", "--provider", "vimeo")
	return strings.TrimSpace(out)
}
