package coretest_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core/coretest"
)

// moduleRoot is the folder holding go.mod, found from this package's folder.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test folder")
		}
		dir = parent
	}
}

// TestNoTestWritesADateNextToTheRealClock is the lint half of the guard
// against tests that age (the other half is `make test` running the
// command-line tests a year ahead): tests of cmd/ always run the real
// clock, and so does any test building an engine without WithClock; none of
// them may hold a calendar date.
func TestNoTestWritesADateNextToTheRealClock(t *testing.T) {
	root := moduleRoot(t)
	checked := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		realClock := strings.HasPrefix(filepath.ToSlash(rel), "cmd/")
		dated, err := coretest.RealClockDates(rel, src, realClock)
		if err != nil {
			return err
		}
		checked++
		for _, d := range dated {
			t.Errorf("%s:%d: %s next to the real clock; build the date from coretest.Now() or inject a clock", d.File, d.Line, d.Text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Fatalf("only %d test files checked; the walk missed the tree", checked)
	}
}

func TestRealClockDatesFindsEveryKindOfDate(t *testing.T) {
	src := `package x
func TestA(t *testing.T) {
	run("--start", "2026-12-01 14:00")
	report := "Ann,12/01/2026 02:00:00 PM"
	show := "Tue 1 Dec 2026, 12:00 EST"
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	d := 2026 // a number, not a date
	layout := "2006-01-02 15:04"
	msg := "write it as 20"
}`
	got, err := coretest.RealClockDates("x_test.go", []byte(src), true)
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, d := range got {
		lines = append(lines, d.Line)
	}
	if want := []int{3, 4, 5, 6}; !slices.Equal(lines, want) {
		t.Fatalf("dates found on lines %v, want %v (%+v)", lines, want, got)
	}
}

func TestRealClockDatesLeavesInjectedClocksAlone(t *testing.T) {
	injected := `package x
func TestB(t *testing.T) {
	eng := engine.New(db, engine.WithClock(clock))
	eng.Add("2026-12-01 14:00")
}`
	if got, _ := coretest.RealClockDates("b_test.go", []byte(injected), false); len(got) != 0 {
		t.Fatalf("a file with an injected clock was reported: %+v", got)
	}
	real := strings.Replace(injected, ", engine.WithClock(clock)", "", 1)
	if got, _ := coretest.RealClockDates("b_test.go", []byte(real), false); len(got) != 1 {
		t.Fatalf("an engine on the real clock with a literal date was not reported: %+v", got)
	}
}
