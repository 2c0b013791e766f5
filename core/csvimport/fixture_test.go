package csvimport

import (
	"os"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// testdata/registrants-12.csv is an Excel-style export (CRLF, quoted cells,
// accents) with 12 data rows: rows 5 and 10 have invalid emails and row 9
// repeats row 2's address in another case. The engine's import test uses the
// same file and expects 9 new registrants and 1 duplicate.
func TestReadFixture(t *testing.T) {
	f, err := os.Open("testdata/registrants-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Read(f)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(res.Rows) != 10 {
		t.Errorf("got %d rows, want 10", len(res.Rows))
	}
	want := []Rejected{
		{Line: 5, Name: "Deepak Rao", Email: "deepak@", Reason: `Email "deepak@" is not a valid address; it should look like name@example.org.`},
		{Line: 10, Name: "Hiro Tanaka", Email: "hiro.tanaka.example.jp", Reason: `Email "hiro.tanaka.example.jp" is not a valid address; it should look like name@example.org.`},
	}
	checkRejected(t, res.Rejected, want)

	keys := map[string][]int{}
	for _, r := range res.Rows {
		keys[core.EmailKey(r.Email)] = append(keys[core.EmailKey(r.Email)], r.Line)
	}
	if len(keys) != 9 {
		t.Errorf("got %d distinct addresses, want 9", len(keys))
	}
	if lines := keys["ann.lee@example.org"]; len(lines) != 2 || lines[0] != 2 || lines[1] != 9 {
		t.Errorf("ann.lee@example.org on lines %v, want [2 9]", lines)
	}
	carla := res.Rows[2]
	if carla.Line != 4 || carla.FirstName != "Carla" || carla.LastName != "Gómez, Jr" || carla.ExternalID != "M-1003" || carla.Source != "partner-site" {
		t.Errorf("row 4 = %+v", carla)
	}
}

func checkRejected(t *testing.T, got, want []Rejected) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("Rejected = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Rejected[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// testdata/registrants-12.xlsx is the same list saved as a workbook by
// LibreOffice Calc: a real spreadsheet program's file (shared strings,
// styles) reads exactly like the CSV, row numbers included.
func TestReadFixtureWorkbookMatchesTheCSV(t *testing.T) {
	read := func(path string) *Result {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		res, err := Read(f)
		if err != nil {
			t.Fatalf("Read %s: %v", path, err)
		}
		return res
	}
	csv, book := read("testdata/registrants-12.csv"), read("testdata/registrants-12.xlsx")
	if book.Sheet == "" || csv.Sheet != "" {
		t.Errorf("sheet: workbook %q, CSV %q", book.Sheet, csv.Sheet)
	}
	if len(book.Rows) != len(csv.Rows) {
		t.Fatalf("workbook has %d rows, CSV %d", len(book.Rows), len(csv.Rows))
	}
	for i := range csv.Rows {
		if book.Rows[i] != csv.Rows[i] {
			t.Errorf("row %d: workbook %+v, CSV %+v", i, book.Rows[i], csv.Rows[i])
		}
	}
	checkRejected(t, book.Rejected, csv.Rejected)
}
