package export

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func writeXLSX(t testing.TB, sheet string, rows [][]any) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewXLSX(&buf, sheet)
	if err != nil {
		t.Fatalf("NewXLSX: %v", err)
	}
	writeAll(t, w, rows)
	book, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("OpenReader: %v", err)
	}
	t.Cleanup(func() { _ = book.Close() })
	return book
}

func TestXLSXCells(t *testing.T) {
	rows, shown := sampleRows()
	book := writeXLSX(t, "Headcount", rows)
	if got := book.GetSheetList(); !reflect.DeepEqual(got, []string{"Headcount"}) {
		t.Fatalf("sheets = %q", got)
	}
	got, err := book.GetRows("Headcount")
	if err != nil {
		t.Fatal(err)
	}
	// GetRows drops trailing empty cells, as spreadsheets do.
	want := trimTrailingEmpty(shown)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cells:\n got %q\nwant %q", got, want)
	}

	for _, ref := range []string{"C2", "D2", "C3", "D3", "D4"} {
		typ, _ := book.GetCellType("Headcount", ref)
		raw, _ := book.GetCellValue("Headcount", ref, excelize.Options{RawCellValue: true})
		if _, err := strconv.ParseFloat(raw, 64); err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s = %q of type %v, want a number cell", ref, raw, typ)
		}
	}
	for _, ref := range []string{"A2", "A3", "B3", "F2", "H2", "H4"} {
		if typ, _ := book.GetCellType("Headcount", ref); typ != excelize.CellTypeInlineString {
			t.Errorf("%s has type %v, want text", ref, typ)
		}
	}
	if f, _ := book.GetCellFormula("Headcount", "A3"); f != "" {
		t.Errorf("A3 became the formula %q; text must stay text", f)
	}
}

func TestXLSXDateCells(t *testing.T) {
	at := time.Date(2026, 3, 5, 14, 30, 0, 0, newYork)
	book := writeXLSX(t, "Sheet1", [][]any{{"Joined"}, {at}, {at.UTC()}})
	for ref, want := range map[string]time.Time{
		"A2": time.Date(2026, 3, 5, 14, 30, 0, 0, time.UTC), // wall clock in New York
		"A3": time.Date(2026, 3, 5, 19, 30, 0, 0, time.UTC),
	} {
		raw, _ := book.GetCellValue("Sheet1", ref, excelize.Options{RawCellValue: true})
		serial, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Fatalf("%s = %q, want a date serial number", ref, raw)
		}
		got, err := excelize.ExcelDateToTime(serial, false)
		if err != nil || !got.Equal(want) {
			t.Errorf("%s = %v (%v), want %v", ref, got, err, want)
		}
		style := cellStyle(t, book, "Sheet1", ref)
		if style.CustomNumFmt == nil || *style.CustomNumFmt != xlsxDateTimeFormat {
			t.Errorf("%s number format = %v, want %q", ref, style.CustomNumFmt, xlsxDateTimeFormat)
		}
	}
}

func TestXLSXTimeBeforeExcelEpoch(t *testing.T) {
	old := time.Date(1850, 7, 1, 9, 5, 0, 0, time.UTC)
	book := writeXLSX(t, "Sheet1", [][]any{{"When"}, {old}})
	if got, _ := book.GetCellValue("Sheet1", "A2"); got != "1850-07-01 09:05" {
		t.Errorf("A2 = %q, want the time as text", got)
	}
}

func cellStyle(t *testing.T, book *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := book.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	style, err := book.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return style
}

func TestXLSXLayout(t *testing.T) {
	rows := [][]any{{"ID", "Email", "Note"}}
	for i := range 250 { // more than sizingRows, so some rows stream directly
		rows = append(rows, []any{i, fmt.Sprintf("person%d@example.org", i), ""})
	}
	rows[150][2] = "a note far past the sizing sample"
	book := writeXLSX(t, "Q3: Tax/Law [final]?", rows)

	sheet := "Q3 Tax Law final"
	if got := book.GetSheetList(); !reflect.DeepEqual(got, []string{sheet}) {
		t.Fatalf("sheets = %q, want %q", got, sheet)
	}
	if last, _ := book.GetCellValue(sheet, "B251"); last != "person249@example.org" {
		t.Errorf("B251 = %q", last)
	}
	if !cellStyle(t, book, sheet, "A1").Font.Bold || (cellStyle(t, book, sheet, "A2").Font != nil && cellStyle(t, book, sheet, "A2").Font.Bold) {
		t.Error("the header row should be bold, and only the header row")
	}
	panes, err := book.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes = %+v, %v; want the first row frozen", panes, err)
	}
	for col, want := range map[string]float64{"A": minColumnWidth, "B": float64(len("person99@example.org") + 2), "C": minColumnWidth} {
		if got, _ := book.GetColWidth(sheet, col); got != want {
			t.Errorf("column %s width = %v, want %v", col, got, want)
		}
	}
}

func TestXLSXEmptyAndShortTables(t *testing.T) {
	book := writeXLSX(t, "", nil)
	if got := book.GetSheetList(); !reflect.DeepEqual(got, []string{"Sheet1"}) {
		t.Errorf("sheets = %q", got)
	}
	book = writeXLSX(t, "Only header", [][]any{{"Email", "Name"}})
	if got, _ := book.GetRows("Only header"); !reflect.DeepEqual(got, [][]string{{"Email", "Name"}}) {
		t.Errorf("rows = %q", got)
	}
}

func TestSheetTitle(t *testing.T) {
	for in, want := range map[string]string{
		"":                                      "Sheet1",
		"  ":                                    "Sheet1",
		"Headcount":                             "Headcount",
		"Q3: Tax/Law":                           "Q3 Tax Law",
		"'quoted'":                              "quoted",
		"a\tb\nc":                               "a b c",
		"[]*?:/\\":                              "Sheet1",
		"Webinar über Steuern und Abgaben 2026": "Webinar über Steuern und Abgabe",
		"😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀": "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", // 2 UTF-16 units each
	} {
		if got := sheetTitle(in); got != want {
			t.Errorf("sheetTitle(%q) = %q, want %q", in, got, want)
		}
		if _, err := NewXLSX(&bytes.Buffer{}, in); err != nil {
			t.Errorf("NewXLSX(%q): %v", in, err)
		}
	}
}

func trimTrailingEmpty(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, row := range rows {
		n := len(row)
		for n > 0 && row[n-1] == "" {
			n--
		}
		out[i] = row[:n]
	}
	return out
}
