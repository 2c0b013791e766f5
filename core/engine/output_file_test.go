package engine_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// Issue 12, defect 1: an export or backup written onto the data file, by
// any spelling of its path, destroyed every event.
func TestExportAndBackupNeverWriteOntoTheDataFileOrItsLog(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "Lee")
	data := eng.DataPath()
	dir := filepath.Dir(data)
	before, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(data, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(data, hard); err != nil {
		t.Fatal(err)
	}
	spellings := []string{data, filepath.Join(dir, "..", filepath.Base(dir), "turnout.db"),
		filepath.Join(dir, ".", "turnout.db"), link, hard,
		filepath.Join(dir, core.LogFileName), filepath.Join(dir, "..", filepath.Base(dir), core.LogFileName+".1")}
	for _, path := range spellings {
		if _, err := eng.ExportFile(ctx, ev.ID, core.GroupAll, core.ExportCSV, path, nil); core.ErrorCode(err) != core.EINVALID {
			t.Errorf("ExportFile(%s) = %v, want a refusal", path, err)
		}
		if _, err := eng.BackupFile(path); core.ErrorCode(err) != core.EINVALID {
			t.Errorf("BackupFile(%s) = %v, want a refusal", path, err)
		}
		for _, overwrite := range []bool{false, true} {
			if err := eng.CheckOutputFile(path, overwrite); core.ErrorCode(err) != core.EINVALID {
				t.Errorf("CheckOutputFile(%s, %v) = %v, want a refusal", path, overwrite, err)
			}
		}
	}
	after, err := os.ReadFile(data)
	if err != nil || !bytes.Equal(before, after) {
		t.Fatalf("the data file changed (%v)", err)
	}
	if _, err := eng.Event(ctx, ev.ID); err != nil {
		t.Fatalf("the event is gone: %v", err)
	}
}

func TestCheckOutputFileAsksBeforeReplacingAnotherFile(t *testing.T) {
	eng, _ := newEngine(t)
	dir := t.TempDir()
	existing := filepath.Join(dir, "people.csv")
	if err := os.WriteFile(existing, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := eng.CheckOutputFile(existing, false); core.ErrorCode(err) != core.ECONFLICT {
		t.Errorf("existing file without overwrite: %v, want ECONFLICT", err)
	}
	if err := eng.CheckOutputFile(existing, true); err != nil {
		t.Errorf("existing file with overwrite: %v", err)
	}
	if err := eng.CheckOutputFile(filepath.Join(dir, "new.csv"), false); err != nil {
		t.Errorf("new file: %v", err)
	}
	if err := eng.CheckOutputFile(dir, true); core.ErrorCode(err) != core.EINVALID {
		t.Errorf("a folder: %v, want a refusal", err)
	}
}
