package coretest

import (
	"os"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet of a test workbook. A cell is a string, a number,
// a bool or a time.Time (stored as Excel stores dates: a number with a date
// format); nil leaves the cell empty, and a nil row leaves the row empty.
type Sheet struct {
	Name   string
	Rows   [][]any
	Hidden bool
}

// XLSX returns an Excel workbook (.xlsx) holding the sheets in tab order.
// It streams the rows, so a sheet of 100,000 rows takes a second or two.
func XLSX(tb testing.TB, sheets ...Sheet) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				tb.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			tb.Fatal(err)
		}
		sw, err := f.NewStreamWriter(sh.Name)
		if err != nil {
			tb.Fatal(err)
		}
		for r, row := range sh.Rows {
			if row == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := sw.SetRow(cell, row); err != nil {
				tb.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			tb.Fatal(err)
		}
	}
	for _, sh := range sheets {
		if sh.Hidden {
			if err := f.SetSheetVisible(sh.Name, false); err != nil {
				tb.Fatal(err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// WriteXLSX writes the workbook XLSX builds to path.
func WriteXLSX(tb testing.TB, path string, sheets ...Sheet) {
	tb.Helper()
	if err := os.WriteFile(path, XLSX(tb, sheets...), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// WriteRegistrantsXLSX writes path as an Excel workbook of registrants, as
// staff would import it: one sheet "Registrants" with the heading row
// First name | Last name | Email and then one row per person, each given
// as {first name, last name, email}.
func WriteRegistrantsXLSX(tb testing.TB, path string, people ...[3]string) {
	tb.Helper()
	rows := [][]any{{"First name", "Last name", "Email"}}
	for _, p := range people {
		rows = append(rows, []any{p[0], p[1], p[2]})
	}
	WriteXLSX(tb, path, Sheet{Name: "Registrants", Rows: rows})
}
