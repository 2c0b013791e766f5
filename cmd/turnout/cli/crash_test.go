package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/store"
)

// waitLocked waits until another process holds the data file's lock.
func waitLocked(t *testing.T, path string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if f, err := os.Open(path); err == nil {
			err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
			if err == nil {
				syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			}
			f.Close()
			if err == syscall.EWOULDBLOCK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the other process never opened the data file")
}

func writeBigCSV(t *testing.T, path string, rows int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "First name,Last name,Email,Source")
	for i := range rows {
		fmt.Fprintf(w, "First%d,Last%d,person%d@example.org,crash-test\n", i, i, i)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

func countRegistrants(t *testing.T, data string) int {
	t.Helper()
	db, err := store.Open(data)
	if err != nil {
		t.Fatalf("data file does not open after kill -9: %v", err)
	}
	defer db.Close()
	var n int
	err = db.View(context.Background(), func(tx core.Tx) error {
		return tx.Registrants(1, func(core.Registrant) error { n++; return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
}

// TestKillDuringImportLeavesAllOrNothing kills the CLI with SIGKILL at
// moments spread over a 100,000-row import and checks that the data file
// always opens with either every row or none.
func TestKillDuringImportLeavesAllOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 100,000 rows several times; run without -short")
	}
	const rows = 100_000
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "big.csv")
	writeBigCSV(t, csvPath, rows)
	template := filepath.Join(dir, "template.db")
	addEvent(t, template)

	// One undisturbed run tells how long an import takes on this machine.
	data := filepath.Join(dir, "full.db")
	copyFile(t, template, data)
	start := time.Now()
	if out, err := turnoutProcess(t, "--data", data, "registrant", "import", "--event", "1", csvPath).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	full := time.Since(start)
	if n := countRegistrants(t, data); n != rows {
		t.Fatalf("undisturbed import stored %d rows, want %d", n, rows)
	}

	const attempts = 8
	killed, none, all := 0, 0, 0
	for i := range attempts {
		data := filepath.Join(dir, fmt.Sprintf("run%d.db", i))
		copyFile(t, template, data)
		cmd := turnoutProcess(t, "--data", data, "registrant", "import", "--event", "1", csvPath)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Spread the kills from early in the run to just past its usual end.
		time.Sleep(full * time.Duration(2*i+1) / (2 * attempts) * 11 / 10)
		if cmd.Process.Signal(syscall.SIGKILL) == nil {
			if err := cmd.Wait(); err != nil {
				killed++
			}
		}
		switch n := countRegistrants(t, data); n {
		case 0:
			none++
		case rows:
			all++
		default:
			t.Fatalf("kill at step %d left %d of %d rows: a half-written import", i, n, rows)
		}
	}
	t.Logf("import takes %v; %d of %d runs killed; %d left none, %d left all", full, killed, attempts, none, all)
	if killed == 0 {
		t.Fatal("no run was killed mid-import; the test proved nothing")
	}
}
