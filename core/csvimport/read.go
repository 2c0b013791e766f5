// Package csvimport reads the registrant lists that office staff export from
// spreadsheets, ticketing sites and CRMs. It recognises the usual column
// headings, accepts every row that has a valid email and explains, by row
// number, each row it turns away. Duplicate addresses are left to the engine,
// which knows who is already registered.
package csvimport

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// Row is one registrant read from the file. Fields are trimmed; Email has
// passed core.NormalizeEmail.
type Row struct {
	// Line is the 1-based row number a spreadsheet shows for this record
	// (the header is row 1 when it is the file's first line). It equals the
	// text line number unless an earlier cell holds line breaks.
	Line       int
	FirstName  string
	LastName   string
	Email      string
	ExternalID string
	Source     string
}

// Rejected is a row that was not imported, with a sentence for staff.
type Rejected struct {
	Line   int
	Reason string
}

// Result is what Read found. Rows and Rejected are in file order.
type Result struct {
	Rows     []Row
	Rejected []Rejected
	Columns  map[Field]string // field → its heading as written in the file
	Ignored  []string         // headings that were not used, in file order
}

// Read parses a registrant CSV file: UTF-8 with or without BOM (or Excel's
// UTF-16 "Unicode Text"), comma, semicolon or tab separated. The header is
// the first non-blank line and must have an Email column. Errors about the
// file as a whole are *core.Error with EINVALID; a failing r gives a
// wrapped I/O error.
func Read(r io.Reader) (*Result, error) {
	text, delimiter, err := openText(r)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(text)
	cr.Comma = delimiter
	cr.FieldsPerRecord = -1 // ragged rows: missing cells are simply empty
	cr.ReuseRecord = true   // rows copy out what they keep (Row.detach)

	var rows rowNumbers
	header, err := readHeader(cr, &rows)
	if err != nil {
		return nil, err
	}
	cols, columns, ignored := mapHeader(header)
	if cols.email < 0 {
		return nil, missingEmail(header)
	}

	res := &Result{Columns: columns, Ignored: ignored}
	for {
		record, err := cr.Read()
		var parseErr *csv.ParseError
		switch {
		case err == io.EOF:
			return res, nil
		case errors.As(err, &parseErr):
			// encoding/csv drops the rest of the bad line and carries on,
			// so one stray quote costs one row, not the whole import.
			res.Rejected = append(res.Rejected, Rejected{Line: rows.failed(parseErr), Reason: parseReason(parseErr)})
			continue
		case err != nil:
			return nil, fmt.Errorf("csvimport: reading file: %w", err)
		}
		line := rows.record(cr, record)
		if blank(record) {
			continue
		}
		row, reason := cols.row(record)
		if reason != "" {
			res.Rejected = append(res.Rejected, Rejected{Line: line, Reason: reason})
			continue
		}
		row.Line = line
		res.Rows = append(res.Rows, row)
	}
}

// readHeader returns a copy of the first non-blank record.
func readHeader(cr *csv.Reader, rows *rowNumbers) ([]string, error) {
	for {
		record, err := cr.Read()
		var parseErr *csv.ParseError
		switch {
		case err == io.EOF:
			return nil, core.Errorf(core.EINVALID, "The file is empty. Export the registrant list as CSV with a heading line such as First name,Last name,Email and import it again.")
		case errors.As(err, &parseErr):
			return nil, notCSV("The first line of this file could not be read as CSV column headings.")
		case err != nil:
			return nil, fmt.Errorf("csvimport: reading file: %w", err)
		}
		rows.record(cr, record)
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

// rowNumbers turns the text line where a record starts into the row number a
// spreadsheet shows, which is what staff look up. The two differ once a
// quoted cell has held line breaks: more text lines, still one row.
type rowNumbers struct{ hiddenBreaks int }

func (n *rowNumbers) record(cr *csv.Reader, record []string) int {
	line, _ := cr.FieldPos(0)
	row := line - n.hiddenBreaks
	for _, cell := range record {
		n.hiddenBreaks += strings.Count(cell, "\n")
	}
	return row
}

func (n *rowNumbers) failed(err *csv.ParseError) int {
	row := err.StartLine - n.hiddenBreaks
	n.hiddenBreaks += err.Line - err.StartLine
	return row
}
