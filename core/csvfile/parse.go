package csvfile

import (
	"bufio"
	"bytes"
	"io"
)

// maxCellBytes bounds a quoted cell that spans lines. Excel keeps at most
// 32,767 characters in a cell and Google Sheets 50,000, so a longer one is
// a quote that was never closed; the bound also keeps such a file from
// being held in memory whole.
const maxCellBytes = 1 << 20

// appendLine adds the next line of text, without its line end, to r.raw.
// It reports false at the end of the file.
func (r *Reader) appendLine() (bool, error) {
	if len(r.pushback) > 0 {
		i := bytes.IndexByte(r.pushback, '\n')
		r.raw = append(r.raw, r.pushback[:i]...)
		r.pushback = r.pushback[i+1:]
		return true, nil
	}
	if r.eof {
		return false, nil
	}
	start := len(r.raw)
	for {
		chunk, err := r.src.ReadSlice('\n')
		r.raw = append(r.raw, chunk...)
		switch err {
		case nil:
			r.raw = trimLineEnd(r.raw[:len(r.raw)-1], start)
			return true, nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			r.eof = true
			r.raw = trimLineEnd(r.raw, start)
			return len(chunk) > 0 || len(r.raw) > start, nil
		default:
			return false, readError(err)
		}
	}
}

// trimLineEnd drops the '\r' of a Windows line end.
func trimLineEnd(raw []byte, start int) []byte {
	if n := len(raw); n > start && raw[n-1] == '\r' {
		return raw[:n-1]
	}
	return raw
}

// parseRecord splits r.raw, which holds one line, into r.fields, reading
// more lines while a quoted cell goes on. It returns the Problem of a line
// that can't be read; err is only for a failing reader.
func (r *Reader) parseRecord() (Problem, error) {
	r.cells, r.ends = r.cells[:0], r.ends[:0]
	pos := 0
	for {
		quoted := pos < len(r.raw) && r.raw[pos] == '"'
		if quoted {
			cellStart := len(r.cells)
			next, problem, err := r.quotedCell(pos + 1)
			switch {
			case problem == notQuoted:
				r.cells, quoted = r.cells[:cellStart], false
			case problem != 0 || err != nil:
				return problem, err
			default:
				pos = next
			}
		}
		if !quoted {
			end := len(r.raw)
			if i := bytes.IndexByte(r.raw[pos:], r.comma); i >= 0 {
				end = pos + i
			}
			cell := r.raw[pos:end]
			if !r.lazy && bytes.IndexByte(cell, '"') >= 0 {
				return BareQuote, nil
			}
			r.cells = append(r.cells, cell...)
			pos = end
		}
		r.ends = append(r.ends, len(r.cells))
		if pos >= len(r.raw) {
			break
		}
		pos++ // the delimiter
	}
	all := string(r.cells)
	r.fields = r.fields[:0]
	start := 0
	for _, end := range r.ends {
		r.fields = append(r.fields, all[start:end])
		start = end
	}
	return 0, nil
}

// notQuoted tells parseRecord to read a cell again as unquoted text: with
// lazy quotes, "Ann"x is the text "Ann"x.
const notQuoted Problem = -1

// quotedCell reads a quoted cell whose text starts at pos, just after the
// opening quote, and returns the position after the closing quote.
func (r *Reader) quotedCell(pos int) (int, Problem, error) {
	openLineEnd := len(r.raw) // the quote opened on the last line read so far
	spans := false
	for {
		i := bytes.IndexByte(r.raw[pos:], '"')
		if i < 0 {
			// The cell goes on to the next line, or the quote is never closed.
			r.cells = append(r.cells, r.raw[pos:]...)
			if len(r.raw)-openLineEnd > maxCellBytes {
				return 0, r.rewind(openLineEnd), nil
			}
			pos = len(r.raw) + 1
			r.raw = append(r.raw, '\n')
			more, err := r.appendLine()
			if err != nil {
				return 0, 0, err
			}
			if !more {
				r.raw = r.raw[:len(r.raw)-1]
				return 0, r.rewind(openLineEnd), nil
			}
			r.cells = append(r.cells, '\n')
			spans = true
			continue
		}
		r.cells = append(r.cells, r.raw[pos:pos+i]...)
		pos += i + 1
		switch {
		case pos < len(r.raw) && r.raw[pos] == '"': // "" is a quote mark in the text
			r.cells = append(r.cells, '"')
			pos++
		case pos == len(r.raw) || r.raw[pos] == r.comma:
			return pos, 0, nil
		case spans:
			// A quote that pairs with one lines further down is a quote
			// that was never closed on its own line.
			return 0, r.rewind(openLineEnd), nil
		case !r.lazy:
			return 0, ExtraQuote, nil
		default:
			return 0, notQuoted, nil
		}
	}
}

// rewind gives back the lines after the one where a quote was opened but
// never closed, so that they are read again as rows of their own.
func (r *Reader) rewind(openLineEnd int) Problem {
	if openLineEnd < len(r.raw) {
		rest := r.raw[openLineEnd+1:]
		pushback := make([]byte, 0, len(rest)+1+len(r.pushback))
		pushback = append(pushback, rest...)
		pushback = append(pushback, '\n')
		r.pushback = append(pushback, r.pushback...)
	}
	return UnclosedQuote
}
