// Package csvimport reads the registrant lists that office staff export from
// spreadsheets, ticketing sites and CRMs: CSV files through the shared CSV
// front end core/csvfile, and Excel workbooks (.xlsx) through excelize. It
// recognises the usual column headings, accepts every row that has a valid
// email and explains, by row number, each row it turns away and whose row it
// was. Duplicate addresses are left to the engine, which knows who is
// already registered.
package csvimport

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/csvfile"
)

// Row is one registrant read from the file. Fields are trimmed; Email has
// passed core.NormalizeEmail.
type Row struct {
	// Line is the 1-based row number a spreadsheet shows for this record
	// (the header is row 1 when it is the file's first line; an Excel
	// "sep=" line is not counted, as Excel hides it). It equals the text
	// line number unless an earlier cell holds line breaks.
	Line       int
	FirstName  string
	LastName   string
	Email      string
	ExternalID string
	Source     string
}

// Rejected is a row that was not imported, with a sentence for staff and
// the person on it as written in the file (empty when the row could not be
// read at all), so staff can tell whose row to fix.
type Rejected struct {
	Line   int
	Reason string
	Name   string
	Email  string
}

// Result is what Read found. Rows and Rejected are in file order.
type Result struct {
	Rows     []Row
	Rejected []Rejected
	Columns  map[Field]string // field → its heading as written in the file
	Ignored  []string         // headings that were not used, in file order
	// Sheet is the worksheet read from a workbook; empty for a CSV file.
	// Line numbers are then the sheet's row numbers.
	Sheet string
}

// records is where the rows come from: a CSV file or a worksheet. Read
// gives the next record and its spreadsheet row number, a *csvfile.LineError
// for a row that can't be read, and io.EOF at the end.
type records interface {
	Read() (record []string, row int, err error)
}

// Read parses a registrant list: an Excel workbook (.xlsx, recognised by
// its content, see readWorkbook) or a CSV file: UTF-8 with or without BOM
// (or UTF-16 with BOM, as Excel's "Unicode Text"), comma, semicolon or tab
// separated, or separated as an Excel "sep=" first line says. The header is
// the first non-blank line and must have an Email column. A line that can't
// be read (a quote that is never closed, a stray quote mark) is rejected by
// its row number and the lines after it are read as usual. Errors about the
// file as a whole are *core.Error with EINVALID; a failing r gives a
// wrapped I/O error.
func Read(r io.Reader) (*Result, error) {
	// The size csvfile reads with, so it takes this reader over as it is.
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(len(oleMagic))
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("csvimport: reading file: %w", err)
	}
	if bytes.HasPrefix(head, zipMagic) || bytes.HasPrefix(head, oleMagic) {
		return readWorkbook(br)
	}
	cr, err := csvfile.NewReader(br, csvfile.Options{})
	if err != nil {
		return nil, err
	}
	header, err := readHeader(cr)
	if err != nil {
		return nil, err
	}
	cols, columns, ignored := mapHeader(header)
	if cols.email < 0 {
		return nil, missingEmail(header, csvWords)
	}
	return readRows(cr, cols, &Result{Columns: columns, Ignored: ignored})
}

// readRows reads the records after the header into res.
func readRows(src records, cols layout, res *Result) (*Result, error) {
	for {
		record, line, err := src.Read()
		var broken *csvfile.LineError
		switch {
		case err == io.EOF:
			return res, nil
		case errors.As(err, &broken):
			res.Rejected = append(res.Rejected, Rejected{Line: line, Reason: broken.Reason()})
			continue
		case err != nil:
			return nil, fmt.Errorf("csvimport: %w", err)
		}
		if blank(record) {
			continue
		}
		row, reason := cols.row(record)
		if reason != "" {
			name, email := cols.person(record)
			res.Rejected = append(res.Rejected, Rejected{Line: line, Reason: reason, Name: name, Email: email})
			continue
		}
		row.Line = line
		res.Rows = append(res.Rows, row)
	}
}

// readHeader returns a copy of the first non-blank record.
func readHeader(cr *csvfile.Reader) ([]string, error) {
	for {
		record, _, err := cr.Read()
		var broken *csvfile.LineError
		switch {
		case err == io.EOF:
			return nil, core.Errorf(core.EINVALID, "The file is empty. Export the registrant list as CSV with a heading line such as First name,Last name,Email and import it again.")
		case errors.As(err, &broken):
			return nil, csvfile.NotCSV("The first line of this file could not be read as CSV column headings. "+broken.Reason(), "")
		case err != nil:
			return nil, fmt.Errorf("csvimport: %w", err)
		}
		if blank(record) {
			continue
		}
		if !validUTF8(record...) {
			return nil, core.Errorf(core.EINVALID, "The column headings are not UTF-8 text, so names with accents would come out garbled. %s", saveAsUTF8)
		}
		return slices.Clone(record), nil
	}
}

func blank(record []string) bool {
	for _, cell := range record {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}
