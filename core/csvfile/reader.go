// Package csvfile is the one CSV front end of Turnout: it reads the files
// staff export from spreadsheets, ticketing sites, CRMs and webinar portals,
// whatever the encoding (UTF-8 with or without BOM, UTF-16 with BOM), line
// ends (Windows, Unix, old Mac) or delimiter (comma, semicolon, tab, or the
// one an Excel "sep=" first line names). Records come with the row number a
// spreadsheet shows, and a line that can't be read is reported by that
// number instead of swallowing the lines after it. Headings are compared
// through one normaliser, HeaderKey, so every import understands "Join
// Time", "join_time" and "JOIN TIME (UTC)" alike.
package csvfile

import (
	"bufio"
	"io"
)

// Options say how forgiving a Reader is.
type Options struct {
	// LazyQuotes keeps a quote mark that sits inside a cell as text, as
	// webinar portals write names like Bob "Bobby" Ray without escaping.
	// Without it such a line is reported as a *LineError. Either way a
	// quote that is never closed is reported, never read to the end of
	// the file.
	LazyQuotes bool
	// Advice ends the message for a file that is not CSV at all (a
	// workbook, a PDF): where to get a CSV file instead. Empty means
	// SpreadsheetAdvice.
	Advice string
}

// Reader reads records from a CSV file.
type Reader struct {
	src   *bufio.Reader
	comma byte
	lazy  bool
	eof   bool

	// pushback holds lines, each ending in '\n', to read again before src:
	// the lines after a broken quote, which it had taken into one cell.
	pushback []byte
	raw      []byte   // the current record's text, lines joined by '\n'
	cells    []byte   // the current record's cell contents
	ends     []int    // where each cell ends in cells
	fields   []string // returned by Read, reused
	row      int      // spreadsheet row number of the next line
}

// NewReader recognises the file's encoding, "sep=" line and delimiter. It
// fails with a *core.Error (EINVALID) for a file that is plainly not CSV
// and with a wrapped error when r fails.
func NewReader(r io.Reader, opts Options) (*Reader, error) {
	text, comma, err := openText(r, opts.Advice)
	if err != nil {
		return nil, err
	}
	return newReader(text, comma, opts.LazyQuotes), nil
}

func newReader(text *bufio.Reader, comma byte, lazy bool) *Reader {
	return &Reader{src: text, comma: comma, lazy: lazy, row: 1}
}

// Comma is the delimiter the file uses.
func (r *Reader) Comma() rune { return rune(r.comma) }

// Read returns the next record and its row number: the row a spreadsheet
// shows, which is the text line number unless an earlier cell holds line
// breaks (an Excel "sep=" line is not a row: Excel hides it). Empty lines
// are skipped but counted. The record is only valid until the next call;
// its strings may be kept.
//
// A line that can't be read gives a *LineError; Read can be called again
// and goes on with the next line. At the end it returns io.EOF; a failing
// underlying reader gives a wrapped error.
func (r *Reader) Read() (record []string, row int, err error) {
	for {
		r.raw = r.raw[:0]
		more, err := r.appendLine()
		if err != nil {
			return nil, 0, err
		}
		if !more {
			return nil, 0, io.EOF
		}
		row = r.row
		r.row++
		if len(r.raw) == 0 {
			continue
		}
		problem, err := r.parseRecord()
		switch {
		case err != nil:
			return nil, 0, err
		case problem != 0:
			return nil, row, &LineError{Line: row, Problem: problem}
		}
		return r.fields, row, nil
	}
}
