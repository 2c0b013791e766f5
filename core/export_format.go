package core

import "strings"

// ExportFormat is a file type a table (headcount list, report) can be
// exported as.
type ExportFormat string

const (
	ExportCSV  ExportFormat = "csv"
	ExportXLSX ExportFormat = "xlsx"
)

// ExportFormats lists the formats in the order menus show them.
var ExportFormats = []ExportFormat{ExportCSV, ExportXLSX}

// ParseExportFormat accepts a format name or file extension in any case
// ("xlsx", ".CSV").
func ParseExportFormat(s string) (ExportFormat, error) {
	name := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), "."))
	for _, f := range ExportFormats {
		if string(f) == name {
			return f, nil
		}
	}
	return "", Errorf(EINVALID, "Export format %q is unknown; choose csv (any spreadsheet program) or xlsx (Excel workbook).", s)
}

// Extension is the file name extension, with the dot.
func (f ExportFormat) Extension() string { return "." + string(f) }
