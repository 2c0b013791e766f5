package export

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// utf8BOM makes Excel read the file as UTF-8; without it Excel on Windows
// assumes the local code page and garbles accented names.
const utf8BOM = "\uFEFF"

var errClosed = errors.New("export: write after Close")

type csvWriter struct {
	out    *csv.Writer
	record []string // reused between rows
	closed bool
}

// NewCSV returns a Writer that writes UTF-8 CSV with a BOM and CRLF line ends,
// as Excel itself saves "CSV UTF-8". Text that a spreadsheet would run as a
// formula gets a leading apostrophe (see guardFormula).
func NewCSV(w io.Writer) Writer {
	buf := bufio.NewWriterSize(w, 64<<10)
	// An error here is kept by buf and returned by Write or Close.
	_, _ = buf.WriteString(utf8BOM)
	out := csv.NewWriter(buf) // reuses buf: it is already a large bufio.Writer
	out.UseCRLF = true
	return &csvWriter{out: out}
}

func (w *csvWriter) Write(row []any) error {
	if w.closed {
		return errClosed
	}
	w.record = w.record[:0]
	for _, v := range row {
		s, err := cellText(v)
		if err != nil {
			return err
		}
		if _, isText := v.(string); isText {
			s = guardFormula(s)
		}
		w.record = append(w.record, s)
	}
	if err := w.out.Write(w.record); err != nil {
		return fmt.Errorf("export: writing CSV: %w", err)
	}
	return nil
}

func (w *csvWriter) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	w.out.Flush()
	if err := w.out.Error(); err != nil {
		return fmt.Errorf("export: writing CSV: %w", err)
	}
	return nil
}
