package csvfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/unicode"

	"github.com/turnout-app/turnout/core"
)

// record is what Read gave for one row.
type record struct {
	Row    int
	Fields []string
}

// readAll reads every record; broken lines are collected, not fatal.
func readAll(t testing.TB, in []byte, opts Options) (recs []record, broken []*LineError, comma rune) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(in), opts)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	for {
		fields, row, err := r.Read()
		var lineErr *LineError
		switch {
		case err == io.EOF:
			return recs, broken, r.Comma()
		case errors.As(err, &lineErr):
			broken = append(broken, lineErr)
			continue
		case err != nil:
			t.Fatalf("Read: %v", err)
		}
		recs = append(recs, record{row, append([]string(nil), fields...)})
	}
}

// table is what every encoding and delimiter case must read back: a quoted
// delimiter, a quoted quote, a quoted line break, accents and an empty cell.
var table = [][]string{
	{"First name", "Last name", "Email", "Notes"},
	{"Zoé", "Dupont; Jr, \"DJ\"", "zoe@example.fr", "two\nlines"},
	{"Ann", "Åberg", "ann@example.org", ""},
}

// wantTable is table as Read returns it: row 3 follows a cell with a line
// break, so it is text line 4 but spreadsheet row 3.
func wantTable() []record {
	var want []record
	for i, f := range table {
		want = append(want, record{i + 1, f})
	}
	return want
}

// writeTable writes table with the delimiter and line end given.
func writeTable(comma rune, crlf bool) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = comma, crlf
	_ = w.WriteAll(table)
	return b.String()
}

func encode(t *testing.T, text, encoding string) []byte {
	t.Helper()
	switch encoding {
	case "UTF-8":
		return []byte(text)
	case "UTF-8 BOM":
		return append([]byte("\uFEFF"), text...)
	case "UTF-16LE BOM", "UTF-16BE BOM":
		order := unicode.LittleEndian
		if encoding == "UTF-16BE BOM" {
			order = unicode.BigEndian
		}
		out, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		return []byte(out)
	}
	t.Fatalf("unknown encoding %q", encoding)
	return nil
}

var encodings = []string{"UTF-8", "UTF-8 BOM", "UTF-16LE BOM", "UTF-16BE BOM"}

func TestReadEncodingsAndDelimiters(t *testing.T) {
	for _, enc := range encodings {
		for _, d := range []struct {
			name  string
			comma rune
		}{{"comma", ','}, {"semicolon", ';'}, {"tab", '\t'}} {
			for _, crlf := range []bool{false, true} {
				name := enc + "/" + d.name + map[bool]string{false: "/LF", true: "/CRLF"}[crlf]
				t.Run(name, func(t *testing.T) {
					recs, broken, comma := readAll(t, encode(t, writeTable(d.comma, crlf), enc), Options{})
					if comma != d.comma {
						t.Errorf("delimiter %q, want %q", comma, d.comma)
					}
					if len(broken) > 0 || !reflect.DeepEqual(recs, wantTable()) {
						t.Errorf("got %+v (broken %v)\nwant %+v", recs, broken, wantTable())
					}
				})
			}
		}
	}
}

func TestReadSepLine(t *testing.T) {
	for _, tt := range []struct {
		name, sep string
		comma     rune
	}{
		{"semicolon", "sep=;", ';'},
		{"comma", "sep=,", ','},
		{"tab", "sep=\t", '\t'},
		{"tab written as \\t", `sep=\t`, '\t'},
		{"upper case, quoted", `"SEP=;"`, ';'},
		{"padded with delimiters", "sep=;;;;", ';'},
		{"pipe", "sep=|", '|'},
	} {
		for _, enc := range encodings {
			for _, crlf := range []bool{false, true} {
				nl := map[bool]string{false: "\n", true: "\r\n"}[crlf]
				t.Run(tt.name+"/"+enc+nl, func(t *testing.T) {
					// A comma table under "sep=;" would split wrongly if the
					// line were ignored, and the sep line must not be the header.
					text := tt.sep + nl + writeTable(tt.comma, crlf)
					recs, broken, comma := readAll(t, encode(t, text, enc), Options{})
					if comma != tt.comma {
						t.Errorf("delimiter %q, want %q", comma, tt.comma)
					}
					if len(broken) > 0 || !reflect.DeepEqual(recs, wantTable()) {
						t.Errorf("got %+v (broken %v)\nwant %+v", recs, broken, wantTable())
					}
				})
			}
		}
	}
	t.Run("sep line overrides sniffing", func(t *testing.T) {
		recs, _, comma := readAll(t, []byte("sep=;\nName;Notes\nAnn;a,b,c,d\n"), Options{})
		if comma != ';' || !reflect.DeepEqual(recs[1].Fields, []string{"Ann", "a,b,c,d"}) {
			t.Errorf("comma %q, records %+v", comma, recs)
		}
	})
	for _, notSep := range []string{"sep=", "sep=a", "sep=;x", "separator=;", "sep=\"", " sep=;x"} {
		t.Run("not a sep line: "+notSep, func(t *testing.T) {
			recs, _, _ := readAll(t, []byte(notSep+"\nb\n"), Options{LazyQuotes: true})
			if len(recs) != 2 || recs[0].Row != 1 {
				t.Errorf("records %+v: the first line must be read as a record", recs)
			}
		})
	}
}

func TestReadLineEndsAndRows(t *testing.T) {
	for _, tt := range []struct {
		name, in string
		want     []record
	}{
		{"old Mac CR only", "a,b\rc,d\r", []record{{1, []string{"a", "b"}}, {2, []string{"c", "d"}}}},
		{"old Mac CR only after a sep line", "sep=;\ra;b,c\rd\r", []record{{1, []string{"a", "b,c"}}, {2, []string{"d"}}}},
		{"no line end at the end", "a,b\nc,d", []record{{1, []string{"a", "b"}}, {2, []string{"c", "d"}}}},
		{"CR at the very end", "a\r\nb\r", []record{{1, []string{"a"}}, {2, []string{"b"}}}},
		{"empty lines are counted", "\n\na\n\r\n\nb\n", []record{{3, []string{"a"}}, {6, []string{"b"}}}},
		{"quoted CRLF becomes LF", "\"x\r\ny\",z\r\nw\r\n", []record{{1, []string{"x\ny", "z"}}, {2, []string{"w"}}}},
		{"lone CR inside a line is text", "a\rb,c\nd\n", []record{{1, []string{"a\rb", "c"}}, {2, []string{"d"}}}},
		{"trailing delimiter is an empty cell", "a,\n,\n", []record{{1, []string{"a", ""}}, {2, []string{"", ""}}}},
		{"empty quoted cells", "\"\",\"\"\"\"\n", []record{{1, []string{"", "\""}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs, broken, _ := readAll(t, []byte(tt.in), Options{})
			if len(broken) > 0 || !reflect.DeepEqual(recs, tt.want) {
				t.Errorf("got %+v (broken %v), want %+v", recs, broken, tt.want)
			}
		})
	}
}

func TestReadBrokenLines(t *testing.T) {
	good := strings.Repeat("Cy,Doe,cy@example.org\n", 5)
	for _, tt := range []struct {
		name   string
		in     string
		lazy   bool
		rows   []int // rows read, in order
		broken map[int]Problem
		cells  map[int][]string // some rows' cells
	}{
		{
			name:   "unclosed quote at the end of the file",
			in:     "Name,Email\nAnn,\"Lee,ann@example.org\n" + good,
			rows:   []int{1, 3, 4, 5, 6, 7},
			broken: map[int]Problem{2: UnclosedQuote},
		},
		{
			name:   "unclosed quote that pairs with a later one",
			in:     "Name,Email\nAnn,\"Lee,ann@example.org\nBob,\"Ray\",bob@example.org\n" + good,
			rows:   []int{1, 3, 4, 5, 6, 7, 8},
			broken: map[int]Problem{2: UnclosedQuote},
		},
		{
			name:   "the same when quotes are lazy",
			in:     "Name,Email\nAnn,\"Lee,ann@example.org\nBob,\"Ray\",bob@example.org\n" + good,
			lazy:   true,
			rows:   []int{1, 3, 4, 5, 6, 7, 8},
			broken: map[int]Problem{2: UnclosedQuote},
		},
		{
			name:   "two unclosed quotes",
			in:     "a\n\"b\nc\n\"d\ne\n",
			rows:   []int{1, 3, 5},
			broken: map[int]Problem{2: UnclosedQuote, 4: UnclosedQuote},
		},
		{
			name:   "unclosed quote after a cell with a line break",
			in:     "\"x\ny\",\"z\nw\nv\n",
			rows:   []int{2, 3},
			broken: map[int]Problem{1: UnclosedQuote},
		},
		{
			name:   "bare quote costs its line only",
			in:     "a\nBob \"B\" Ray,x\nc\n",
			rows:   []int{1, 3},
			broken: map[int]Problem{2: BareQuote},
		},
		{
			name:   "text after a closing quote costs its line only",
			in:     "a\n\"Ann\"x,y\nc\n",
			rows:   []int{1, 3},
			broken: map[int]Problem{2: ExtraQuote},
		},
		{
			name:  "lazy quotes keep stray quote marks as text",
			in:    "a\nBob \"B\" Ray,x\n\"Ann\"x,y\nc\n",
			lazy:  true,
			rows:  []int{1, 2, 3, 4},
			cells: map[int][]string{2: {`Bob "B" Ray`, "x"}, 3: {`"Ann"x`, "y"}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			recs, broken, _ := readAll(t, []byte(tt.in), Options{LazyQuotes: tt.lazy})
			var rows []int
			for _, r := range recs {
				rows = append(rows, r.Row)
				if want, ok := tt.cells[r.Row]; ok && !reflect.DeepEqual(r.Fields, want) {
					t.Errorf("row %d = %q, want %q", r.Row, r.Fields, want)
				}
			}
			got := map[int]Problem{}
			for _, b := range broken {
				got[b.Line] = b.Problem
			}
			if !reflect.DeepEqual(rows, tt.rows) || len(got) != len(tt.broken) || (len(got) > 0 && !reflect.DeepEqual(got, tt.broken)) {
				t.Errorf("rows %v broken %v; want rows %v broken %v", rows, got, tt.rows, tt.broken)
			}
		})
	}
}

func TestUnclosedQuoteDoesNotEatTheFile(t *testing.T) {
	const n = 100_000
	in := "First name,Last name,Email\nAnn,\"Lee,ann@example.org\n" + strings.Repeat("Bob,Ray,bob@example.org\n", n)
	recs, broken, _ := readAll(t, []byte(in), Options{})
	if len(recs) != n+1 || recs[n].Row != n+2 {
		t.Fatalf("read %d records, want %d", len(recs), n+1)
	}
	if len(broken) != 1 || broken[0].Line != 2 || broken[0].Problem != UnclosedQuote {
		t.Fatalf("broken %v, want line 2", broken)
	}
	msg := core.ErrorMessage(broken[0])
	if !strings.HasPrefix(msg, "Line 2 has a quote that is never closed") || core.ErrorCode(broken[0]) != core.EINVALID {
		t.Errorf("message %q (code %q)", msg, core.ErrorCode(broken[0]))
	}
}

func TestLongQuotedCell(t *testing.T) {
	long := strings.Repeat("word ", 20_000) // 100 kB, like a long notes cell
	in := "Notes,Email\n\"" + strings.ReplaceAll(long, " ", "\n") + "\",a@example.org\nb,b@example.org\n"
	recs, broken, _ := readAll(t, []byte(in), Options{})
	if len(broken) > 0 || len(recs) != 3 || recs[2].Row != 3 || len(recs[1].Fields[0]) != len(long) {
		t.Errorf("broken %v, %d records", broken, len(recs))
	}
	// A "cell" far longer than a spreadsheet allows is a quote never closed.
	lines := maxCellBytes/1024 + 10
	// Without the bound the quote would close on the last line.
	in = "Notes\n\"open\n" + strings.Repeat(strings.Repeat("x", 1023)+"\n", lines) + "\",end\n"
	recs, broken, _ = readAll(t, []byte(in), Options{})
	if len(broken) != 2 || broken[0].Line != 2 || broken[1].Line != lines+3 || len(recs) != lines+1 {
		t.Errorf("broken %v, %d records", broken, len(recs))
	}
}

func TestReadOneByteAtATime(t *testing.T) {
	in := encode(t, "sep=;\r\n"+writeTable(';', true)+"x;\"open\r\ny\r\n", "UTF-16LE BOM")
	want, wantBroken, _ := readAll(t, in, Options{})
	r, err := NewReader(iotest.OneByteReader(bytes.NewReader(in)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []record
	var gotBroken []*LineError
	for {
		fields, row, err := r.Read()
		var lineErr *LineError
		if err == io.EOF {
			break
		} else if errors.As(err, &lineErr) {
			gotBroken = append(gotBroken, lineErr)
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		got = append(got, record{row, append([]string(nil), fields...)})
	}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotBroken, wantBroken) || len(wantBroken) != 1 {
		t.Errorf("one byte at a time: %+v %v\nwant %+v %v", got, gotBroken, want, wantBroken)
	}
}

func TestNewReaderRefusesFile(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"xlsx", "PK\x03\x04rest", "Excel workbook (.xlsx)"},
		{"xls", "\xD0\xCF\x11\xE0\xA1\xB1", "old-style Excel workbook (.xls)"},
		{"pdf", "%PDF-1.7\n", "PDF document"},
		{"binary", "Email\x00\x01\n", "not contain plain text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.in), Options{Advice: "Download it again."})
			if core.ErrorCode(err) != core.EINVALID || !strings.Contains(err.Error(), tt.want) || !strings.HasSuffix(err.Error(), "Download it again.") {
				t.Errorf("error %v", err)
			}
		})
	}
}

func TestReadReportsIOError(t *testing.T) {
	broken := errors.New("disk on fire")
	r, err := NewReader(io.MultiReader(strings.NewReader("a,b\n\"c\n"), iotest.ErrReader(broken)), Options{})
	if err == nil {
		_, _, err = r.Read()
		if err == nil {
			_, _, err = r.Read()
		}
	}
	if !errors.Is(err, broken) || core.ErrorCode(err) != core.EINTERNAL {
		t.Errorf("error %v, want %v as an internal error", err, broken)
	}
}

func TestSniffDelimiter(t *testing.T) {
	for in, want := range map[string]byte{
		"":                             ',',
		"Email":                        ',',
		"Email,Name":                   ',',
		"Email;Name;Last":              ';',
		"Email\tName":                  '\t',
		`"Name, full";Email`:           ';',
		"\n ,;\nEmail;Name\nx,y,z,w,v": ';',
		"Email;Name,Last":              ',',
		"Attendee Report\n\nName;Email;Join Time\n": ';',
		"Email\nann@example.org\n":                  ',',
	} {
		if got := sniffDelimiter([]byte(in)); got != want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", in, got, want)
		}
	}
}

// A UTF-16 file is tab-separated even when its first lines hold more
// commas than tabs, as Teams' attendance summary does.
func TestReadUTF16PrefersTabs(t *testing.T) {
	text := "1. Summary\nMeeting title\tClinic, winter, Q&A\n\nName\tEmail\nAnn Lee\tann@example.org\n"
	recs, broken, comma := readAll(t, encode(t, text, "UTF-16LE BOM"), Options{})
	if comma != '\t' || len(broken) > 0 || len(recs) != 4 || !reflect.DeepEqual(recs[1].Fields, []string{"Meeting title", "Clinic, winter, Q&A"}) {
		t.Errorf("delimiter %q, records %+v", comma, recs)
	}
}
