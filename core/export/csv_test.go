package export

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

func TestCSVRoundTrip(t *testing.T) {
	rows, shown := sampleRows()
	var buf bytes.Buffer
	writeAll(t, NewCSV(&buf), rows)

	data := buf.String()
	if !strings.HasPrefix(data, utf8BOM) {
		t.Fatalf("no UTF-8 BOM at the start: %q", data[:10])
	}
	if !strings.HasSuffix(data, "\r\n") || strings.Count(data, "\r\n") < len(rows) {
		t.Errorf("rows do not end in CRLF: %q", data)
	}
	got, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(data, utf8BOM))).ReadAll()
	if err != nil {
		t.Fatalf("reading back: %v", err)
	}
	want := guardedCSV(shown)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back:\n got %q\nwant %q", got, want)
	}
}

// guardedCSV is what the CSV holds for shown: text cells that a
// spreadsheet would treat as a formula get an apostrophe; numbers do not.
func guardedCSV(shown [][]string) [][]string {
	out := make([][]string, len(shown))
	for i, row := range shown {
		out[i] = append([]string(nil), row...)
	}
	out[2][0] = `'=HYPERLINK("http://evil")`
	out[2][1] = "'+1 555 0100"
	out[2][6] = "'-just text"
	out[3][0] = "'@SUM(A1)"
	out[3][1] = "'\tTabbed"
	// encoding/csv drops a lone CR inside a cell when it writes CRLF line
	// ends; nobody can see one anyway.
	out[3][6] = "'CR"
	return out
}

func TestGuardFormula(t *testing.T) {
	for in, want := range map[string]string{
		"":         "",
		"Ann":      "Ann",
		"=1+2":     "'=1+2",
		"+1":       "'+1",
		"-1":       "'-1",
		"@x":       "'@x",
		"\tx":      "'\tx",
		"\rx":      "'\rx",
		" =1+2":    " =1+2",
		"a=b":      "a=b",
		"'already": "'already",
	} {
		if got := guardFormula(in); got != want {
			t.Errorf("guardFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCellText(t *testing.T) {
	tokyo := mustLocation("Asia/Tokyo")
	for _, tt := range []struct {
		in   any
		want string
	}{
		{nil, ""},
		{"x", "x"},
		{-12, "-12"},
		{int64(1) << 40, "1099511627776"},
		{0.1, "0.1"},
		{1e21, "1000000000000000000000"},
		{nan(), ""},
		{time.Date(2026, 1, 2, 3, 4, 5, 0, tokyo), "2026-01-02 03:04"},
		{time.Time{}, ""},
		{true, "Yes"},
		{false, ""},
	} {
		got, err := cellText(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("cellText(%#v) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func nan() float64 { zero := 0.0; return zero / zero }

func TestCSVRefusesMisuse(t *testing.T) {
	var buf bytes.Buffer
	w := NewCSV(&buf)
	if err := w.Write([]any{"a", int32(3)}); err == nil || !strings.Contains(err.Error(), "int32") {
		t.Errorf("Write(int32) error = %v, want one naming the type", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if err := w.Write([]any{"late"}); !errors.Is(err, errClosed) {
		t.Errorf("Write after Close = %v, want %v", err, errClosed)
	}
	if buf.String() != utf8BOM {
		t.Errorf("file = %q, want only the BOM (nothing of the refused row)", buf.String())
	}
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

func TestWriteErrorsReachCaller(t *testing.T) {
	full := errors.New("disk full")
	for _, format := range core.ExportFormats {
		t.Run(string(format), func(t *testing.T) {
			w, err := New(format, failingWriter{full}, "Sheet")
			if err != nil {
				t.Fatal(err)
			}
			for range 3 {
				if err = w.Write([]any{"x", 1}); err != nil {
					break
				}
			}
			if err == nil {
				err = w.Close()
			}
			if !errors.Is(err, full) {
				t.Errorf("error = %v, want it to wrap %v", err, full)
			}
		})
	}
}
