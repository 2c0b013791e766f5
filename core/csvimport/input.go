package csvimport

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

// sampleSize is how much of the file is looked at to recognise its encoding
// and delimiter. It is also the read buffer size.
const sampleSize = 64 << 10

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// openText turns the raw file into UTF-8 text with '\n' line ends and tells
// which delimiter the header line uses. It refuses files that are plainly not
// CSV before the CSV parser turns them into nonsense rows.
func openText(r io.Reader) (*bufio.Reader, rune, error) {
	br := bufio.NewReaderSize(r, sampleSize)
	head, err := br.Peek(len(bomUTF8))
	if err != nil && err != io.EOF {
		return nil, 0, fmt.Errorf("csvimport: reading file: %w", err)
	}
	switch {
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		// Excel's "Unicode Text" export: UTF-16, tab-separated.
		decoder := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, decoder), sampleSize)
	case bytes.HasPrefix(head, bomUTF8):
		_, _ = br.Discard(len(bomUTF8))
	}

	sample, err := br.Peek(sampleSize)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, 0, fmt.Errorf("csvimport: reading file: %w", err)
	}
	if err := refuseBinary(sample); err != nil {
		return nil, 0, err
	}
	if usesBareCR(sample) {
		br = bufio.NewReaderSize(crToLF{br}, sampleSize)
	}
	return br, sniffDelimiter(sample), nil
}

// refuseBinary recognises workbooks and other binary files, which staff
// often pick by mistake instead of the CSV they meant to export.
func refuseBinary(sample []byte) error {
	switch {
	case bytes.HasPrefix(sample, []byte("PK\x03\x04")):
		return notCSV("This file is an Excel workbook (.xlsx) or another zipped document, not a CSV file.")
	case bytes.HasPrefix(sample, []byte("\xD0\xCF\x11\xE0")):
		return notCSV("This file is an old-style Excel workbook (.xls) or another Office document, not a CSV file.")
	case bytes.HasPrefix(sample, []byte("%PDF")):
		return notCSV("This file is a PDF document, not a CSV file.")
	case bytes.IndexByte(sample, 0) >= 0:
		return notCSV("This file does not contain plain text, so it is not a CSV file.")
	}
	return nil
}

func notCSV(what string) error {
	return core.Errorf(core.EINVALID, "%s Open the list in Excel or Google Sheets and save it as CSV (in Excel: File › Save As › \"CSV UTF-8\"; in Google Sheets: File › Download › Comma-separated values), then import that file.", what)
}

// usesBareCR reports whether lines end in a lone carriage return, as in
// Excel for Mac's "CSV (Macintosh)" files, which encoding/csv would read as
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

// sniffDelimiter picks the delimiter that occurs most often, outside quotes,
// in the header line: Excel writes ";" where the decimal mark is a comma,
// and tab for "Unicode Text". Ties and single-column files get a comma.
func sniffDelimiter(sample []byte) rune {
	var commas, semicolons, tabs int
	inQuotes := false
	for _, b := range headerLine(sample) {
		switch {
		case b == '"':
			inQuotes = !inQuotes
		case inQuotes:
		case b == ',':
			commas++
		case b == ';':
			semicolons++
		case b == '\t':
			tabs++
		}
	}
	switch {
	case semicolons > commas && semicolons >= tabs:
		return ';'
	case tabs > commas && tabs > semicolons:
		return '\t'
	}
	return ','
}

// headerLine returns the first line of sample that holds more than spaces
// and delimiters, the same line Read takes as the header.
func headerLine(sample []byte) []byte {
	for len(sample) > 0 {
		line := sample
		if i := bytes.IndexAny(sample, "\r\n"); i >= 0 {
			line, sample = sample[:i], sample[i+1:]
		} else {
			sample = nil
		}
		if len(bytes.Trim(line, " \t\r,;")) > 0 {
			return line
		}
	}
	return nil
}
