package core

import (
	"strings"
	"testing"
)

func TestParseExportFormat(t *testing.T) {
	for in, want := range map[string]ExportFormat{"csv": ExportCSV, " XLSX ": ExportXLSX, ".csv": ExportCSV, "Xlsx": ExportXLSX} {
		if got, err := ParseExportFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "pdf", "xls", "csv2"} {
		_, err := ParseExportFormat(in)
		if ErrorCode(err) != EINVALID || !strings.Contains(err.Error(), "csv") || !strings.Contains(err.Error(), "xlsx") {
			t.Errorf("ParseFormat(%q) error = %v, want EINVALID naming csv and xlsx", in, err)
		}
	}
}

func TestExportFormatExtension(t *testing.T) {
	if ExportCSV.Extension() != ".csv" || ExportXLSX.Extension() != ".xlsx" {
		t.Errorf("extensions %q %q", ExportCSV.Extension(), ExportXLSX.Extension())
	}
}
