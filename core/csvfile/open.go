package csvfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/turnout-app/turnout/core"
)

// sampleSize is how much of the file is looked at to recognise its encoding,
// a "sep=" line and the delimiter. It is also the read buffer size.
const sampleSize = 64 << 10

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// openText turns the raw file into UTF-8 text whose lines end in '\n' (or
// "\r\n"), drops an Excel "sep=" first line and tells which delimiter the
// file uses. It refuses files that are plainly not CSV before the parser
// turns them into nonsense rows.
func openText(r io.Reader, advice string) (*bufio.Reader, byte, error) {
	br := bufio.NewReaderSize(r, sampleSize)
	head, err := br.Peek(len(bomUTF8))
	if err != nil && err != io.EOF {
		return nil, 0, readError(err)
	}
	utf16 := false
	switch {
	case bytes.HasPrefix(head, bomUTF16LE):
		// Excel's "Unicode Text" export and Teams' attendance report:
		// UTF-16, tab-separated.
		br, utf16 = decodeUTF16(br, unicode.LittleEndian), true
	case bytes.HasPrefix(head, bomUTF16BE):
		br, utf16 = decodeUTF16(br, unicode.BigEndian), true
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
	}

	sample, err := br.Peek(sampleSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, 0, readError(err)
	}
	if err := refuseBinary(sample, advice); err != nil {
		return nil, 0, err
	}
	bareCR := usesBareCR(sample)
	delimiter, sepLen := sepLine(sample)
	if sepLen > 0 {
		_, _ = br.Discard(sepLen)
	} else if utf16 && tabFirst(sample) {
		delimiter = '\t'
	} else {
		delimiter = sniffDelimiter(sample)
	}
	if bareCR {
		br = bufio.NewReaderSize(crToLF{br}, sampleSize)
	}
	return br, delimiter, nil
}

func decodeUTF16(br *bufio.Reader, order unicode.Endianness) *bufio.Reader {
	decoder := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()
	return bufio.NewReaderSize(transform.NewReader(br, decoder), sampleSize)
}

// readError wraps a failure of the underlying reader. It is not the file's
// fault, so it stays an internal error rather than a message for staff.
func readError(err error) error { return fmt.Errorf("csvfile: reading file: %w", err) }

// refuseBinary recognises workbooks and other binary files, which staff
// often pick by mistake instead of the CSV they meant to export.
func refuseBinary(sample []byte, advice string) error {
	switch {
	case bytes.HasPrefix(sample, []byte("PK\x03\x04")):
		return NotCSV("This file is an Excel workbook (.xlsx) or another zipped document, not a CSV file.", advice)
	case bytes.HasPrefix(sample, []byte("\xD0\xCF\x11\xE0")):
		return NotCSV("This file is an old-style Excel workbook (.xls) or another Office document, not a CSV file.", advice)
	case bytes.HasPrefix(sample, []byte("%PDF")):
		return NotCSV("This file is a PDF document, not a CSV file.", advice)
	case bytes.IndexByte(sample, 0) >= 0:
		return NotCSV("This file does not contain plain text, so it is not a CSV file.", advice)
	}
	return nil
}

// SpreadsheetAdvice is what to do with a file that is not CSV when it came
// from a spreadsheet program.
const SpreadsheetAdvice = `Open the list in Excel or Google Sheets and save it as CSV (in Excel: File › Save As › "CSV UTF-8"; in Google Sheets: File › Download › Comma-separated values), then import that file.`

// NotCSV is the error for a file that can't be read as CSV: what is wrong
// with it, then what to do.
func NotCSV(what, advice string) error {
	if advice == "" {
		advice = SpreadsheetAdvice
	}
	return core.Errorf(core.EINVALID, "%s %s", what, advice)
}

// usesBareCR reports whether lines end in a lone carriage return, as in
// Excel for Mac's "CSV (Macintosh)" files, which would otherwise read as
// one endless line.
func usesBareCR(sample []byte) bool {
	cr := bytes.IndexByte(sample, '\r')
	return cr >= 0 && cr < len(sample)-1 && bytes.IndexByte(sample, '\n') < 0
}

type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}
