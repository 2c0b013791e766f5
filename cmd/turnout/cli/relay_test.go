package cli

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// startServe runs "turnout serve" on data (the click endpoint on a free
// port) and waits until other commands can reach it.
func startServe(t *testing.T, data string) {
	t.Helper()
	mustRun(t, "--data", data, "track", "set", "--listen", "127.0.0.1:"+strconv.Itoa(freePort(t)),
		"--base-url", "https://clicks.example.org")
	serve := turnoutProcess(t, "--data", data, "serve")
	out, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { serve.Process.Kill(); serve.Wait() })
	if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
		t.Fatalf("turnout serve did not start: %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := os.Stat(relaySocket(data)); err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("turnout serve never opened its command socket")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestCommandsWorkWhileServeRuns: before, while "turnout serve" ran no
// other turnout command could work on its data file at all. Now they are
// run by the serving Turnout, with file names relative to where they
// were typed.
func TestCommandsWorkWhileServeRuns(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	startServe(t, data)

	if info, err := os.Stat(relaySocket(data)); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("command socket: %v, %v; want owner-only", info, err)
	}
	if out := mustRun(t, "--data", data, "event", "list"); !strings.Contains(out, "Alumni webinar") && !strings.Contains(out, id) {
		t.Fatalf("event list while serving:\n%s", out)
	}
	dir := t.TempDir()
	writeBigCSV(t, filepath.Join(dir, "people.csv"), 25)
	t.Chdir(dir)
	out := mustRun(t, "--data", data, "registrant", "import", "--event", id, "people.csv")
	if !strings.Contains(out, "25 new") {
		t.Fatalf("import of a relative file while serving:\n%s", out)
	}
	mustRun(t, "--data", data, "export", "--event", id, "--format", "csv", "--out", "people-out.csv")
	if b, err := os.ReadFile(filepath.Join(dir, "people-out.csv")); err != nil || strings.Count(string(b), "\n") < 26 {
		t.Fatalf("export while serving did not land beside the command: %v", err)
	}
	// Errors keep their exit code and message; a second serve or a
	// restore is refused with the already-running message.
	if code, _, errOut := run(t, "--data", data, "event", "show", "--event", "999"); code != 1 || errOut == "" {
		t.Fatalf("a failing relayed command: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "--data", data, "serve"); code != 1 || !strings.Contains(errOut, "already running") {
		t.Fatalf("a second serve: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "--data", data, "registrant", "import", "--event", id, "/dev/stdin"); code != 1 ||
		!strings.Contains(errOut, "Save it to a file") {
		t.Fatalf("importing stdin through the running Turnout: exit %d, %q", code, errOut)
	}
}
