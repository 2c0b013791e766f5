package export

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// DateTimeLayout is how a time.Time cell reads; the xlsx number format
// below shows the same text.
const DateTimeLayout = "2006-01-02 15:04"

const xlsxDateTimeFormat = "yyyy-mm-dd hh:mm"

// cellText is a cell as text. Numbers use plain decimal notation ("1500000",
// not "1.5e+06") because staff read these files, not programs.
func cellText(v any) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		if !finite(v) {
			return "", nil
		}
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case time.Time:
		if v.IsZero() {
			return "", nil
		}
		return v.Format(DateTimeLayout), nil
	case bool:
		if v {
			return "Yes", nil
		}
		return "", nil
	}
	return "", checkCell(v)
}

// checkCell reports a cell type the writers can't show, which is a bug in
// the caller, before any of the row is written.
func checkCell(v any) error {
	switch v.(type) {
	case nil, string, int, int64, float64, time.Time, bool:
		return nil
	}
	return fmt.Errorf("export: a cell of type %T is not supported", v)
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// guardFormula keeps a spreadsheet from running text as a formula when a CSV
// file is opened: registrants type their own names, and a "name" such as
// =HYPERLINK(...) must stay text. A leading apostrophe is OWASP's advice;
// spreadsheets hide it and show the text as typed.
func guardFormula(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// displayWidth estimates how many characters wide a cell shows, for column
// widths: the longest line of text, or the length of the shown number/date.
func displayWidth(v any) int {
	switch v := v.(type) {
	case string:
		widest := 0
		for line := range strings.Lines(v) {
			widest = max(widest, utf8.RuneCountInString(strings.TrimRight(line, "\r\n")))
		}
		return widest
	case time.Time:
		return len(DateTimeLayout)
	}
	s, _ := cellText(v)
	return len(s)
}
