package csvimport

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/turnout-app/turnout/core"
)

var (
	// zipMagic starts every .xlsx workbook, which is a zip archive.
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts an old .xls workbook and an .xlsx encrypted with a
	// password, which Excel wraps in the old container.
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	// encryptionInfo is the stream name (UTF-16) an encrypted workbook holds.
	encryptionInfo = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o\x00")
)

// maxUnzippedBytes bounds what a workbook may unpack to, so a zip bomb is
// refused instead of filling the disk; a sheet of a million registrants
// unpacks to a few hundred MB.
const maxUnzippedBytes = 1 << 30

// maxPartBytes bounds the other parts of a workbook (styles, workbook
// settings, pictures): excelize sets aside memory for the size a part
// claims before reading it, and only sheets and shared strings over 16 MB
// go to a temporary file instead.
const maxPartBytes = 64 << 20

const saveAgainAdvice = `Open it in Excel, save it again (File › Save As › "Excel Workbook (.xlsx)" or "CSV UTF-8") and import that file.`

// readWorkbook reads registrants from the first sheet with an Email column
// (visible sheets first, in tab order). Cells come as Excel shows them, so
// dates and numbers are the text staff see; empty rows are skipped; line
// numbers are the sheet's row numbers.
func readWorkbook(r io.Reader) (*Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("csvimport: reading file: %w", err)
	}
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, encryptionInfo) {
			return nil, core.Errorf(core.EINVALID, "This workbook is protected with a password, so Turnout can't read it. Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear the password), save it and import it again.")
		}
		return nil, core.Errorf(core.EINVALID, "This file is an old-style Excel workbook (.xls) or another Office document, which Turnout can't read. Open it in Excel and save it as \"Excel Workbook (.xlsx)\", or save it as CSV UTF-8, then import that file.")
	}
	if err := checkUnzippedSizes(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzippedBytes})
	if err != nil {
		return nil, damaged(err)
	}
	defer f.Close()

	sheets := sheetsInOrder(f)
	if len(sheets) == 0 {
		return nil, core.Errorf(core.EINVALID, "This file is a zipped document but not an Excel workbook: it has no sheets. Open the registrant list in Excel and save it as \"Excel Workbook (.xlsx)\" or CSV UTF-8, then import that file.")
	}
	var first []string // the first sheet's headings, to explain a missing Email column
	for i, name := range sheets {
		src, header, err := openSheet(f, name)
		if err != nil {
			return nil, err
		}
		cols, columns, ignored := mapHeader(header)
		if cols.email >= 0 {
			res, err := readRows(src, cols, &Result{Columns: columns, Ignored: ignored, Sheet: name})
			src.close()
			return res, err
		}
		src.close()
		if i == 0 {
			first = header
		}
	}
	if first == nil {
		return nil, core.Errorf(core.EINVALID, "The workbook is empty. Put the registrant list on the first sheet with a heading row such as First name | Last name | Email and import it again.")
	}
	return nil, missingEmail(first, sheetWords(sheets[0]))
}

// checkUnzippedSizes refuses a workbook whose parts claim more room than a
// registrant list needs, before excelize sets memory aside for them. The
// zip reader fails on a part longer than it claims, so the claims hold.
func checkUnzippedSizes(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return damaged(err)
	}
	var total uint64
	for _, part := range zr.File {
		total += part.UncompressedSize64
		name := strings.ToLower(part.Name)
		streamed := strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml"
		if total > maxUnzippedBytes || (!streamed && part.UncompressedSize64 > maxPartBytes) {
			return core.Errorf(core.EINVALID, "This workbook unpacks to far more data than a registrant list needs (over %d MB in %q), so Turnout does not open it. Save the registrant list as CSV UTF-8, or copy it into a new workbook, and import that file.", part.UncompressedSize64>>20, part.Name)
		}
	}
	return nil
}

// sheetsInOrder lists the worksheets, visible ones first, each in tab order.
func sheetsInOrder(f *excelize.File) []string {
	var visible, hidden []string
	for _, name := range f.GetSheetList() {
		if shown, err := f.GetSheetVisible(name); err == nil && !shown {
			hidden = append(hidden, name)
			continue
		}
		visible = append(visible, name)
	}
	return slices.Concat(visible, hidden)
}

// openSheet starts reading a sheet and returns its first non-blank row,
// nil for a sheet with nothing on it.
func openSheet(f *excelize.File, name string) (*sheetRows, []string, error) {
	rows, err := f.Rows(name)
	if err != nil {
		if errors.Is(err, excelize.ErrSheetNotExist{SheetName: name}) {
			return &sheetRows{}, nil, nil // a chart sheet: no cells
		}
		return nil, nil, damaged(err)
	}
	src := &sheetRows{rows: rows}
	for {
		record, _, err := src.Read()
		switch {
		case err == io.EOF:
			return src, nil, nil
		case err != nil:
			src.close()
			return nil, nil, err
		}
		if !blank(record) {
			return src, record, nil
		}
	}
}

// sheetRows reads a worksheet row by row without loading it whole.
type sheetRows struct {
	rows *excelize.Rows
	row  int // the row number of the last row read
}

// Read gives every row number in turn, an empty record for a row with no
// cells, and io.EOF after the last row.
func (s *sheetRows) Read() ([]string, int, error) {
	if s.rows == nil || !s.rows.Next() {
		if s.rows != nil && s.rows.Error() != nil {
			return nil, 0, damaged(s.rows.Error())
		}
		return nil, 0, io.EOF
	}
	s.row++
	cells, err := s.rows.Columns()
	if err != nil {
		return nil, 0, damaged(err)
	}
	return cells, s.row, nil
}

func (s *sheetRows) close() {
	if s.rows != nil {
		_ = s.rows.Close()
	}
}

// damaged is the message for a workbook excelize can't read; the cause
// goes to the log through the wrapped error.
func damaged(err error) error {
	if errors.Is(err, excelize.ErrMaxRows) {
		return core.Errorf(core.EINVALID, "This workbook has more rows than Excel allows (1,048,576), so it is damaged or was not written by a spreadsheet program. %s", saveAgainAdvice)
	}
	msg := core.Errorf(core.EINVALID, "This file looks like an Excel workbook (.xlsx) but can't be opened: it may be damaged or only partly downloaded. %s", saveAgainAdvice)
	return fmt.Errorf("%w (excelize: %v)", msg, err)
}
