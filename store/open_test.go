package store

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

func TestOpenCreatesPrivateFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix permission bits")
	}
	path := filepath.Join(t.TempDir(), "new", "folder", "turnout.db")
	if err := MakeFolder(path); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != path {
		t.Errorf("Path() = %q, want %q", db.Path(), path)
	}
	for _, c := range []struct {
		path string
		want os.FileMode
	}{{path, 0o600}, {filepath.Dir(path), 0o700}, {filepath.Dir(filepath.Dir(path)), 0o700}} {
		info, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != c.want {
			t.Errorf("%s has mode %v, want %v", c.path, got, c.want)
		}
	}
}

func TestOpenWritesSchemaVersion(t *testing.T) {
	path := filepath.Join(t.TempDir(), "turnout.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if got := fileSchemaVersion(t, path); got != schemaVersion() {
		t.Errorf("schema_version = %d, want %d", got, schemaVersion())
	}
	// Every bucket the schema names exists.
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketSettings, bucketEvents, bucketRegistrants, bucketRegistrantEmails,
			bucketRegistrantCounts, bucketParticipants, bucketOutbox, bucketOutboxKeys, bucketClicks, bucketAccounts,
			bucketAudit, bucketCheckInRuns, bucketAliases} {
			if tx.Bucket(name) == nil {
				t.Errorf("bucket %s is missing", name)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func fileSchemaVersion(t *testing.T, path string) uint64 {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var v uint64
	err = b.View(func(tx *bolt.Tx) error {
		var ok bool
		var err error
		v, ok, err = readSchemaVersion(tx)
		if !ok {
			return errors.New("no meta bucket")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "turnout.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	e := addEvent(t, db, "Tax basics", 0)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	view(t, db, func(tx core.Tx) error {
		got, err := tx.Event(e.ID)
		if err != nil || got.Title != e.Title {
			t.Errorf("after reopen Event = %+v, %v; want title %q", got, err, e.Title)
		}
		return nil
	})
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "turnout.db")
	writeBoltFile(t, path, func(tx *bolt.Tx) error {
		if err := createBuckets(tx); err != nil {
			return err
		}
		return writeSchemaVersion(tx, schemaVersion()+1)
	})
	before := readFile(t, path)

	_, err := Open(path)
	wantCode(t, err, core.EINVALID)
	want := fmt.Sprintf("This data file was written by a newer Turnout (schema %d); install the newer version.", schemaVersion()+1)
	if got := core.ErrorMessage(err); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if string(readFile(t, path)) != string(before) {
		t.Error("refusing the file changed it")
	}
}

func TestOpenRefusesFilesThatAreNotTurnoutData(t *testing.T) {
	random := make([]byte, 64<<10)
	_, _ = rand.Read(random)
	cases := []struct {
		name  string
		write func(t *testing.T, path string)
	}{
		{"text file", func(t *testing.T, path string) {
			writeFile(t, path, []byte("first_name,last_name,email\nAnn,Lee,ann@example.org\n"))
		}},
		{"random bytes", func(t *testing.T, path string) { writeFile(t, path, random) }},
		{"bbolt file of another program", func(t *testing.T, path string) {
			writeBoltFile(t, path, func(tx *bolt.Tx) error {
				_, err := tx.CreateBucket([]byte("widgets"))
				return err
			})
		}},
		{"meta bucket without a version", func(t *testing.T, path string) {
			writeBoltFile(t, path, func(tx *bolt.Tx) error {
				_, err := tx.CreateBucket(bucketMeta)
				return err
			})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "turnout.db")
			c.write(t, path)
			before := readFile(t, path)

			db, err := Open(path)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			wantCode(t, err, core.EINVALID)
			if want := path + " is not a Turnout data file."; core.ErrorMessage(err) != want {
				t.Errorf("message = %q, want %q", core.ErrorMessage(err), want)
			}
			if string(readFile(t, path)) != string(before) {
				t.Error("refusing the file changed it")
			}
		})
	}
}

// helperEnv tells a re-executed test binary to act as another Turnout
// process holding the data file named by the variable's value.
const helperEnv = "TURNOUT_STORE_HELPER_DB"

// TestHelperProcess is not a test: run by TestSecondProcessIsRefused, it
// opens the data file, says "ready" and holds the file until its stdin
// closes.
func TestHelperProcess(t *testing.T) {
	path := os.Getenv(helperEnv)
	if path == "" {
		t.Skip("helper process for TestSecondProcessIsRefused")
	}
	db, err := Open(path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(2)
	}
	fmt.Println("ready")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n') // EOF when the parent is done
	db.Close()
	os.Exit(0)
}

func TestSecondProcessIsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the lock timeout")
	}
	path := filepath.Join(t.TempDir(), "turnout.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if strings.TrimSpace(line) != "ready" {
		t.Fatalf("helper said %q (%v), want ready", line, err)
	}

	began := time.Now()
	db, err := Open(path)
	took := time.Since(began)
	if err == nil {
		db.Close()
		t.Fatal("second Open of a file held by another process succeeded")
	}
	if !errors.Is(err, core.ErrAlreadyRunning) {
		t.Errorf("error %v is not core.ErrAlreadyRunning", err)
	}
	if got, want := core.ErrorMessage(err), core.ErrAlreadyRunning.Message; got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if core.ErrorCode(err) != core.EUNAVAILABLE {
		t.Errorf("code = %q, want %q", core.ErrorCode(err), core.EUNAVAILABLE)
	}
	if took < lockTimeout/2 || took > 3*time.Second {
		t.Errorf("Open gave up after %v, want about %v", took, lockTimeout)
	}
}

func TestClosedStoreRefusesWork(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	noop := func(core.Tx) error { return nil }
	for name, err := range map[string]error{
		"View":   db.View(context.Background(), noop),
		"Update": db.Update(context.Background(), noop),
		"Backup": func() error { _, err := db.Backup(new(strings.Builder)); return err }(),
	} {
		if core.ErrorCode(err) != core.EUNAVAILABLE {
			t.Errorf("%s after Close: %v, want EUNAVAILABLE", name, err)
		}
	}
}

func TestCancelledContextStartsNoTransaction(t *testing.T) {
	db := openTemp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	fn := func(core.Tx) error { ran = true; return nil }
	if err := db.View(ctx, fn); !errors.Is(err, context.Canceled) {
		t.Errorf("View: %v, want context.Canceled", err)
	}
	if err := db.Update(ctx, fn); !errors.Is(err, context.Canceled) {
		t.Errorf("Update: %v, want context.Canceled", err)
	}
	if ran {
		t.Error("fn ran despite the cancelled context")
	}
}

func TestTxRefusesUseAfterItEnds(t *testing.T) {
	db := openTemp(t)
	e := addEvent(t, db, "Tax basics", 0)
	var kept core.Tx
	view(t, db, func(tx core.Tx) error { kept = tx; return nil })
	if _, err := kept.Event(e.ID); !errors.Is(err, errTxEnded) {
		t.Errorf("Event on an ended View: %v, want errTxEnded", err)
	}
	update(t, db, func(tx core.Tx) error { kept = tx; return nil })
	if err := kept.PutEvent(&e); !errors.Is(err, errTxEnded) {
		t.Errorf("PutEvent on an ended Update: %v, want errTxEnded", err)
	}
}

func writeBoltFile(t *testing.T, path string, fn func(*bolt.Tx) error) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(fn); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
