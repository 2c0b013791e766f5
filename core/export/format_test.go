package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"csv": CSV, " XLSX ": XLSX, ".csv": CSV, "Xlsx": XLSX} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "pdf", "xls", "csv2"} {
		_, err := ParseFormat(in)
		if core.ErrorCode(err) != core.EINVALID || !strings.Contains(err.Error(), "csv") || !strings.Contains(err.Error(), "xlsx") {
			t.Errorf("ParseFormat(%q) error = %v, want EINVALID naming csv and xlsx", in, err)
		}
	}
}

func TestNew(t *testing.T) {
	var buf bytes.Buffer
	if _, err := New("pdf", &buf, ""); core.ErrorCode(err) != core.EINVALID {
		t.Errorf("New(pdf) error = %v, want EINVALID", err)
	}
	if CSV.Extension() != ".csv" || XLSX.Extension() != ".xlsx" {
		t.Errorf("extensions %q %q", CSV.Extension(), XLSX.Extension())
	}
	for _, f := range []Format{CSV, XLSX, "CSV", ".xlsx"} {
		w, err := New(f, &buf, "Sheet")
		if err != nil {
			t.Fatalf("New(%s): %v", f, err)
		}
		writeAll(t, w, [][]any{{"Email"}, {"a@example.org"}})
	}
}
