package store

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// damagedCopies writes a real data file cut at ten sizes (inside the
// first meta page, between the meta pages, inside the data) and returns
// their paths.
func damagedCopies(t *testing.T) []string {
	t.Helper()
	db := openTemp(t)
	fill(t, db, 3, 400)
	var used int64 // the high water mark: bytes bbolt has data in
	if err := db.bolt.View(func(tx *bolt.Tx) error { used = tx.Size(); return nil }); err != nil {
		t.Fatal(err)
	}
	whole := readFile(t, db.Path())
	db.Close()
	page := int64(os.Getpagesize())
	if used < 8*page {
		t.Fatalf("the sample file uses only %d bytes; fill it more", used)
	}
	sizes := []int64{1, 100, page - 1, page, page + page/2, 2 * page, 3 * page, used / 2, used - page, used - 1}
	dir := t.TempDir()
	var paths []string
	for _, n := range sizes {
		path := filepath.Join(dir, "cut-"+strconv.FormatInt(n, 10)+".db")
		writeFile(t, path, whole[:n])
		paths = append(paths, path)
	}
	return paths
}

// Issue 12, defect 4: a data file cut short crashed Turnout with SIGBUS
// in bbolt instead of saying what happened.
func TestOpenSaysACutFileIsDamaged(t *testing.T) {
	for _, path := range damagedCopies(t) {
		before := readFile(t, path)
		db, err := Open(path)
		if err == nil {
			db.Close()
			t.Errorf("%s: Open succeeded", filepath.Base(path))
			continue
		}
		msg := core.ErrorMessage(err)
		if !errors.Is(err, ErrDamaged) || !strings.HasPrefix(msg, "This data file is damaged (") ||
			!strings.Contains(msg, "Restore from a backup") || !strings.Contains(msg, path) {
			t.Errorf("%s: %q", filepath.Base(path), msg)
		}
		if string(readFile(t, path)) != string(before) {
			t.Errorf("%s: refusing the file changed it", filepath.Base(path))
		}
	}
}

func TestOpenRefusesAnEmptyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "turnout.db")
	writeFile(t, path, nil)
	db, err := Open(path)
	if err == nil {
		db.Close()
		t.Fatal("an empty file was silently taken as a new data file")
	}
	if msg := core.ErrorMessage(err); !strings.Contains(msg, "damaged (it is empty: 0 bytes)") {
		t.Errorf("message = %q", msg)
	}
}

func TestOpenRefusesAMissingFolderAndAFolder(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "Turnuot", "turnout.db")
	if _, err := Open(missing); err == nil || !strings.Contains(core.ErrorMessage(err), missing) || !strings.Contains(core.ErrorMessage(err), "does not exist") {
		t.Errorf("missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
		t.Error("Open created the mistyped folder")
	}
	folder := t.TempDir()
	if _, err := Open(folder); err == nil || !strings.Contains(core.ErrorMessage(err), "is a folder") {
		t.Errorf("a folder: %v", err)
	}
}

func TestReplaceDamagedInstallsTheBackupAndKeepsTheDamagedFile(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 2, 50)
	backup := backupFile(t, db)
	path := db.Path()
	db.Close()
	whole := readFile(t, path)
	writeFile(t, path, whole[:len(whole)/3])
	if _, err := Open(path); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open = %v, want damaged", err)
	}
	kept, err := ReplaceDamaged(path, backup)
	if err != nil {
		t.Fatal(err)
	}
	if kept != path+DamagedSuffix || len(readFile(t, kept)) != len(whole)/3 {
		t.Errorf("damaged file kept as %s", kept)
	}
	db, err = Open(path)
	if err != nil {
		t.Fatalf("restored file does not open: %v", err)
	}
	db.Close()
	if _, err := ReplaceDamaged(path, filepath.Join(t.TempDir(), "nothing.db")); core.ErrorCode(err) != core.ENOTFOUND {
		t.Errorf("missing backup: %v", err)
	}
}

// A data file whose first page was overwritten still opens from its
// second header page, as bbolt does; it is not "not a data file".
func TestOpenUsesTheSecondHeaderPageWhenTheFirstIsOverwritten(t *testing.T) {
	db := openTemp(t)
	addEvent(t, db, "Kept", time.Hour)
	path := db.Path()
	db.Close()
	whole := readFile(t, path)
	copy(whole[:os.Getpagesize()], make([]byte, os.Getpagesize()))
	writeFile(t, path, whole)
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	db.Close()
}
