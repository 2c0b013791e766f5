package csvfile

import (
	"fmt"

	"github.com/turnout-app/turnout/core"
)

// Problem is why a line can't be read as CSV.
type Problem int

const (
	// UnclosedQuote: a quoted cell runs to the end of the file, or pairs
	// with a quote lines further down.
	UnclosedQuote Problem = iota + 1
	// BareQuote: a quote mark inside a cell that does not start with one.
	BareQuote
	// ExtraQuote: text follows the quote that closes a cell.
	ExtraQuote
)

// LineError is a line that can't be read. The lines after it are read as
// usual.
type LineError struct {
	Line    int // spreadsheet row number, as Reader.Read counts
	Problem Problem
}

// Reason says what is wrong with the line and how to put it right, in
// words for staff.
func (e *LineError) Reason() string {
	switch e.Problem {
	case UnclosedQuote:
		return fmt.Sprintf(`Line %d has a quote that is never closed: a cell starts with a quote mark (") but no quote mark ends it, so the lines after it would run together. Add the missing quote mark or remove the stray one (in a text editor or your spreadsheet program) and save the sheet again as CSV.`, e.Line)
	case BareQuote:
		return `A quote mark (") sits inside a cell that does not start with one, so the row's cells can't be told apart. Remove the mark, or save the sheet again as CSV from your spreadsheet program.`
	}
	return `The quote marks (") on this row don't pair up, so its cells can't be told apart. Check the row in your spreadsheet program and save the sheet again as CSV.`
}

// Error names the line, for a message that stands alone.
func (e *LineError) Error() string {
	if e.Problem == UnclosedQuote {
		return e.Reason()
	}
	return fmt.Sprintf("Line %d: %s", e.Line, e.Reason())
}

// Unwrap makes the error user-safe: core.ErrorMessage shows Error() and
// core.ErrorCode says EINVALID.
func (e *LineError) Unwrap() error { return core.Errorf(core.EINVALID, "%s", e.Error()) }
