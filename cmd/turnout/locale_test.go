package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets a test run this program as a child: with
// TURNOUT_MAIN_ARGS set, the test binary runs main with those arguments.
func TestMain(m *testing.M) {
	if args := os.Getenv("TURNOUT_MAIN_ARGS"); args != "" {
		var list []string
		if err := json.Unmarshal([]byte(args), &list); err != nil {
			panic(err)
		}
		os.Args = append([]string{"turnout"}, list...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestNoFyneLocaleErrorUnderTheCLocale: with LANG=C.UTF-8 (servers,
// containers) every command printed Fyne's "Error parsing user locale C"
// three-line error on stderr.
func TestNoFyneLocaleErrorUnderTheCLocale(t *testing.T) {
	data := filepath.Join(t.TempDir(), "turnout.db")
	args, _ := json.Marshal([]string{"--data", data, "event", "list"})
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "LANG=") && !strings.HasPrefix(e, "LANGUAGE=") && !strings.HasPrefix(e, "LC_") {
			cmd.Env = append(cmd.Env, e)
		}
	}
	cmd.Env = append(cmd.Env, "LANG=C.UTF-8", "TURNOUT_MAIN_ARGS="+string(args))
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("event list under LANG=C.UTF-8: %v\n%s", err, stderr.String())
	}
	if stderr.Len() != 0 || !strings.Contains(stdout.String(), "No events yet") {
		t.Fatalf("under LANG=C.UTF-8\nstdout: %s\nstderr: %s", stdout.String(), stderr.String())
	}
}
