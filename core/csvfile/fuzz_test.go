package csvfile

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func FuzzReader(f *testing.F) {
	for _, s := range []string{
		"",
		"a,b\r\nc,d\r\n",
		"\uFEFFEmail;Name\nann@example.org;Ann Lee\n",
		"sep=;\nEmail;Name\nx;y\n",
		"sep=\\t\nEmail\tName\n",
		"\xFF\xFEE\x00m\x00a\x00i\x00l\x00\n\x00",
		"\xFE\xFF\x00E\x00,\x00b\x00\n",
		"Name,Email\n\"Ann\nLee\",ann@example.org\nBob,bob@\n",
		"Name,Email\nBob \"B\" Ray,bob@example.org\n\"Ann\"x,ann@example.org\n\"open,x\n",
		"a\n\"b\nc\n\"d\ne\n",
		"\"x\ny\",\"z\nw\nv\n",
		"Email,Name\rann@example.org,Ann\r",
		"\"\",\"\"\"\"\n,\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, lazy bool) {
		checkInvariants(t, data, lazy)
		checkAgainstEncodingCSV(t, data, lazy)
	})
}

// checkInvariants: every error is one staff can read, rows only go up,
// and reading ends.
func checkInvariants(t *testing.T, data []byte, lazy bool) {
	r, err := NewReader(bytes.NewReader(data), Options{LazyQuotes: lazy})
	if err != nil {
		if core.ErrorCode(err) != core.EINVALID {
			t.Fatalf("NewReader: %v (code %q)", err, core.ErrorCode(err))
		}
		return
	}
	prev := 0
	for calls := 0; ; calls++ {
		if calls > len(data)+1 {
			t.Fatalf("more records than lines")
		}
		fields, row, err := r.Read()
		var lineErr *LineError
		switch {
		case err == io.EOF:
			return
		case errors.As(err, &lineErr):
			if lineErr.Line != row || core.ErrorCode(err) != core.EINVALID || lineErr.Reason() == "" {
				t.Fatalf("line error %+v at row %d", lineErr, row)
			}
		case err != nil:
			t.Fatalf("Read: %v", err)
		case len(fields) == 0:
			t.Fatalf("row %d has no cells", row)
		}
		if row <= prev {
			t.Fatalf("row %d after row %d", row, prev)
		}
		prev = row
	}
}

// checkAgainstEncodingCSV: a text that encoding/csv reads without any error
// reads the same here, without a broken line.
func checkAgainstEncodingCSV(t *testing.T, data []byte, lazy bool) {
	if lazy {
		return // lazy quotes differ on purpose: a stray quote never eats lines
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	want, err := cr.ReadAll()
	if err != nil {
		return
	}
	r := newReader(bufio.NewReader(bytes.NewReader(data)), ',', false)
	var got [][]string
	for {
		fields, _, err := r.Read()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("Read: %v where encoding/csv read %q", err, want)
		}
		got = append(got, append([]string(nil), fields...))
	}
	if len(got) != len(want) || (len(got) > 0 && !reflect.DeepEqual(got, want)) {
		t.Fatalf("got %q\nencoding/csv %q", got, want)
	}
}
