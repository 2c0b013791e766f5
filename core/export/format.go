// Package export writes tables (headcount lists, reports) as CSV or Excel
// files that office staff open in Excel, Numbers, LibreOffice or Google
// Sheets. Both writers stream, so a 100,000-row list needs little memory.
package export

import (
	"io"

	"github.com/turnout-app/turnout/core"
)

// Writer writes a table row by row. The first row written is the header.
// Cells may be string, int, int64, float64, time.Time, bool or nil:
//   - time.Time shows as "2006-01-02 15:04" in the time's own location (the
//     caller converts to the office time zone first); the zero time is empty.
//   - bool shows as "Yes" or an empty cell.
//   - nil, NaN and ±Inf are empty cells.
//
// Close finishes the file and must be called even after a failed Write, as
// it also removes temporary files. It does not close the io.Writer.
type Writer interface {
	Write(row []any) error
	Close() error
}

// New returns a Writer for f. sheetName is the worksheet title for xlsx and
// is ignored for csv.
func New(f core.ExportFormat, w io.Writer, sheetName string) (Writer, error) {
	f, err := core.ParseExportFormat(string(f))
	if err != nil {
		return nil, err
	}
	if f == core.ExportXLSX {
		return NewXLSX(w, sheetName)
	}
	return NewCSV(w), nil
}
