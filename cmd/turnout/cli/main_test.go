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

	"github.com/turnout-app/turnout/core/coretest"
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
	os.Exit(runTests(m))
}

// runTests keeps the tests' secrets away from the password store of the
// computer running them: they are sealed with a key in a temporary folder
// (secrets_test.go starts its own Secret Service where it tests that).
func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "turnout-secrets-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	os.Setenv(SecretStoreEnv, "file")
	os.Setenv(SecretKeyFileEnv, filepath.Join(dir, "secret.key"))
	return m.Run()
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

// eventZone is the office time zone of the CLI tests' events.
const eventZone = "America/New_York"

// inDays is 14:00 in eventZone, days from the test's now (coretest.Now, so
// it follows the calendar shift of the year-ahead run); negative days are in
// the past.
func inDays(t *testing.T, days int) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(eventZone)
	if err != nil {
		t.Fatal(err)
	}
	d := coretest.Now().In(loc).AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), 14, 0, 0, 0, loc)
}

// localTime writes t as staff type it after --start.
func localTime(t time.Time) string { return t.Format("2006-01-02 15:04") }

// addEvent adds a link-only event a week from now and returns its ID as
// printed.
func addEvent(t *testing.T, data string) string {
	t.Helper()
	return addEventAt(t, data, inDays(t, 7))
}

// addEventAt adds a link-only event starting at start and returns its ID.
func addEventAt(t *testing.T, data string, start time.Time) string {
	t.Helper()
	out := mustRun(t, "--data", data, "event", "add", "--title", "Alumni webinar", "--start", localTime(start),
		"--tz", eventZone, "--url", "https://vimeo.com/123", "--provider", "vimeo")
	return strings.TrimSpace(out)
}
