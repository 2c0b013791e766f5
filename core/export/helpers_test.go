package export

import (
	"testing"
	"time"
)

var newYork = mustLocation("America/New_York")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// sampleRows is a small headcount table using every supported cell type,
// with the text each cell should read as in a spreadsheet. Provider IDs
// are 64-bit keys above 2^53 given as text: a spreadsheet must show every
// digit, not a rounded number.
func sampleRows() (rows [][]any, shown [][]string) {
	joined := time.Date(2026, 3, 5, 14, 30, 59, 0, newYork)
	rows = [][]any{
		{"Name", "Email", "Minutes", "Score", "Joined", "Attended", "Notes", "Provider ID"},
		{"Zoé Åberg", "zoe@example.se", 42, 97.5, joined, true, "line one\nline \"two\", with comma", "8439885694023999999"},
		{"=HYPERLINK(\"http://evil\")", "+1 555 0100", int64(-7), -0.25, time.Time{}, false, "-just text", ""},
		{"@SUM(A1)", "\tTabbed", 0, 1500000.0, joined.UTC(), nil, "\rCR", "9007199254740993"},
	}
	shown = [][]string{
		{"Name", "Email", "Minutes", "Score", "Joined", "Attended", "Notes", "Provider ID"},
		{"Zoé Åberg", "zoe@example.se", "42", "97.5", "2026-03-05 14:30", "Yes", "line one\nline \"two\", with comma", "8439885694023999999"},
		{"=HYPERLINK(\"http://evil\")", "+1 555 0100", "-7", "-0.25", "", "", "-just text", ""},
		{"@SUM(A1)", "\tTabbed", "0", "1500000", "2026-03-05 19:30", "", "\rCR", "9007199254740993"},
	}
	return rows, shown
}

func writeAll(t testing.TB, w Writer, rows [][]any) {
	t.Helper()
	for _, row := range rows {
		if err := w.Write(row); err != nil {
			t.Fatalf("Write(%v): %v", row, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
}
