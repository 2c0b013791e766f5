package export

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestXLSXOpensInLibreOffice has a real spreadsheet program open the
// workbook and save it as CSV, which catches files that excelize reads back
// but office software would call damaged. It must not pass unnoticed when
// LibreOffice is missing, so it fails unless skipping is asked for.
func TestXLSXOpensInLibreOffice(t *testing.T) {
	office, err := exec.LookPath("libreoffice")
	if err != nil {
		if os.Getenv("TURNOUT_SKIP_LIBREOFFICE") == "1" {
			t.Skip("SKIPPED: libreoffice is not on PATH and TURNOUT_SKIP_LIBREOFFICE=1; the xlsx export was not checked in a spreadsheet program")
		}
		t.Fatal("libreoffice is not on PATH: install it (apt-get install -y libreoffice-calc) or set TURNOUT_SKIP_LIBREOFFICE=1 to skip this check")
	}
	dir := t.TempDir()
	rows, shown := sampleRows()
	book := filepath.Join(dir, "headcount.xlsx")
	f, err := os.Create(book)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewXLSX(f, "Headcount")
	if err != nil {
		t.Fatal(err)
	}
	writeAll(t, w, rows)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	outDir := filepath.Join(dir, "out")
	cmd := exec.CommandContext(ctx, office,
		// A private profile, so a running LibreOffice or a parallel test
		// run cannot lock this one out.
		"-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless",
		// Comma, double quote, UTF-8 (76), start at line 1.
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1",
		"--outdir", outDir, book)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(outDir, "headcount.csv"))
	if err != nil {
		t.Fatalf("libreoffice wrote no CSV (%v); its output:\n%s", err, out)
	}
	got, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatalf("reading LibreOffice's CSV: %v\n%s", err, data)
	}
	if !reflect.DeepEqual(got, shown) {
		t.Errorf("LibreOffice shows:\n got %q\nwant %q", got, shown)
	}
}
