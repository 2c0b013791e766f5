package ui

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
)

// Issue 12, defect 1 in the window: fyne's save dialog emptied the chosen
// file (the data file, if staff picked it) before Turnout saw its name.
func TestSaveDialogWriterLeavesTheChosenFileAlone(t *testing.T) {
	test.NewTempApp(t)
	guardOnce = sync.Once{} // a fresh app registered a fresh repository
	guardSaveDialogs()
	path := filepath.Join(t.TempDir(), "turnout.db")
	if err := os.WriteFile(path, []byte("all the office's data"), 0o600); err != nil {
		t.Fatal(err)
	}
	saveDialogOpen.Store(true) // as askSavePath sets it
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "all the office's data" {
		t.Fatalf("the chosen file was emptied: %q", b)
	}
	// Any other writer still writes at once.
	w, err = storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	w.Close()
	if b, _ := os.ReadFile(path); len(b) != 0 {
		t.Fatalf("an ordinary writer did not truncate: %q", b)
	}
}
