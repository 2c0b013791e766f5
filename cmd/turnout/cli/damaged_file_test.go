package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// Issue 12, defect 4: a data file cut short (a half-finished copy, a full
// USB stick) killed "turnout" with SIGBUS and a stack trace. Each cut
// copy now gets the "damaged" message, in a separate process as staff run
// it, and "turnout restore" brings the data back.
func TestCutDataFileSaysDamagedAndRestoreBringsItBack(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	csv := filepath.Join(t.TempDir(), "people.csv")
	writeBigCSV(t, csv, 2000)
	mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)
	// A backup holds exactly the pages in use, so its size is the size
	// every copy of this data needs.
	backup := filepath.Join(t.TempDir(), "backup.db")
	mustRun(t, "--data", data, "backup", "--out", backup)
	whole, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	used, page := len(whole), os.Getpagesize()
	if used < 16*page {
		t.Fatalf("the backup is only %d bytes", used)
	}
	dir := t.TempDir()
	for _, n := range []int{1, 100, page - 1, page, page + page/2, 2 * page, 3 * page, used / 2, used - page, used - 1} {
		cut := filepath.Join(dir, "cut-"+strconv.Itoa(n)+".db")
		if err := os.WriteFile(cut, whole[:n], 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := turnoutProcess(t, "--data", cut, "event", "list")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		msg := stderr.String()
		if err == nil || !strings.Contains(msg, "This data file is damaged (") || !strings.Contains(msg, "restore --from") ||
			strings.Contains(msg, "goroutine") || strings.Contains(msg, "SIGBUS") {
			t.Errorf("cut at %d bytes: %v, stderr:\n%s", n, err, msg)
		}
		if got, _ := os.ReadFile(cut); len(got) != n {
			t.Errorf("cut at %d bytes: the file changed to %d bytes", n, len(got))
		}
	}

	cut := filepath.Join(dir, "cut-"+strconv.Itoa(used/2)+".db")
	out := mustRun(t, "--data", cut, "restore", "--from", backup)
	if !strings.Contains(out, cut+".damaged") {
		t.Errorf("restore said %q", out)
	}
	if list := mustRun(t, "--data", cut, "registrant", "list", "--event", id); !strings.Contains(list, "person1999@example.org") {
		t.Error("the restored file lacks the registrants")
	}
	// A file that opens is replaced only on --force.
	if code, _, errOut := run(t, "--data", cut, "restore", "--from", backup); code == 0 || !strings.Contains(errOut, "--force") {
		t.Errorf("restore over a good file without --force: exit %d, %q", code, errOut)
	}
}

func TestEmptyFileAndMistypedDataPathAreRefused(t *testing.T) {
	empty := dataFile(t)
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "--data", empty, "event", "list"); code == 0 || !strings.Contains(errOut, "damaged (it is empty: 0 bytes)") {
		t.Errorf("empty file: exit %d, %q", code, errOut)
	}
	if st, _ := os.Stat(empty); st.Size() != 0 {
		t.Error("the empty file was turned into a new data file")
	}

	missing := filepath.Join(t.TempDir(), "Turnuot", "turnout.db")
	if code, _, errOut := run(t, "--data", missing, "event", "list"); code == 0 || !strings.Contains(errOut, missing) || !strings.Contains(errOut, "does not exist") {
		t.Errorf("missing folder: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("the mistyped folder was created")
	}

	folder := t.TempDir()
	if code, _, errOut := run(t, "--data", folder, "event", "list"); code == 0 || !strings.Contains(errOut, "is a folder") || strings.Contains(errOut, "Something went wrong") {
		t.Errorf("--data naming a folder: exit %d, %q", code, errOut)
	}
}

// Every "something went wrong" points to a log that exists: beside the
// data file, or in the user's cache folder when that folder cannot take
// it.
func TestUnexpectedErrorsAreLoggedWhereTheMessageSays(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	missing := filepath.Join(t.TempDir(), "gone", "turnout.db")
	log, closeLog, path := openLog(missing)
	log.Error("something unexpected", "err", "boom")
	closeLog()
	if !strings.HasPrefix(path, os.Getenv("XDG_CACHE_HOME")) {
		t.Fatalf("log at %q, want the cache folder", path)
	}
	if b, err := os.ReadFile(path); err != nil || !strings.Contains(string(b), "boom") {
		t.Fatalf("log %s: %q, %v", path, b, err)
	}
	msg := core.ErrorMessage(withLogPath(os.ErrClosed, path))
	if !strings.Contains(msg, path) {
		t.Errorf("message %q does not name the log", msg)
	}
}
