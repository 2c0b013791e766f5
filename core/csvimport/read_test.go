package csvimport

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/unicode"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/csvfile"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		rows     []Row
		rejected []Rejected
		columns  map[Field]string // checked when not nil
		ignored  []string         // checked when columns is not nil
	}{
		{
			name: "plain comma file with CRLF",
			in:   "First name,Last name,Email\r\nAnn,Lee,ann@example.org\r\nBob,Ray,bob@example.org\r\n",
			rows: []Row{
				{Line: 2, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org"},
				{Line: 3, FirstName: "Bob", LastName: "Ray", Email: "bob@example.org"},
			},
			columns: map[Field]string{FirstName: "First name", LastName: "Last name", Email: "Email"},
		},
		{
			name:    "UTF-8 BOM is not part of the first heading",
			in:      "\uFEFFEmail,First name\nann@example.org,Ann\n",
			rows:    []Row{{Line: 2, FirstName: "Ann", Email: "ann@example.org"}},
			columns: map[Field]string{Email: "Email", FirstName: "First name"},
		},
		{
			name: "semicolon from a European Excel",
			in:   "Last name;First name;E-mail\nMüller;Jürgen;j.mueller@example.de\n\"Dupont, Jr\";Zoé;zoe@example.fr\n",
			rows: []Row{
				{Line: 2, FirstName: "Jürgen", LastName: "Müller", Email: "j.mueller@example.de"},
				{Line: 3, FirstName: "Zoé", LastName: "Dupont, Jr", Email: "zoe@example.fr"},
			},
		},
		{
			name: "tab separated",
			in:   "Email\tName\nann@example.org\tAnn Lee\n",
			rows: []Row{{Line: 2, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org"}},
		},
		{
			name: "headings in any order, case, spacing and synonym",
			in: " EMAIL ADDRESS ,Phone,SURNAME,given name,Member ID,utm_source,Notes\n" +
				" ann@example.org ,555,Lee,Ann,M-17,newsletter,hi\n",
			rows: []Row{{Line: 2, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org", ExternalID: "M-17", Source: "newsletter"}},
			columns: map[Field]string{
				Email: "EMAIL ADDRESS", LastName: "SURNAME", FirstName: "given name",
				ExternalID: "Member ID", Source: "utm_source",
			},
			ignored: []string{"Phone", "Notes"},
		},
		{
			name:    "more synonyms; the first column for a field wins",
			in:      "Family name,Firstname,Mail,E-mail,Contact ID,ID,Campaign,Channel\nLee,Ann,ann@example.org,other@example.org,C1,X,spring,web\n",
			rows:    []Row{{Line: 2, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org", ExternalID: "C1", Source: "spring"}},
			columns: map[Field]string{LastName: "Family name", FirstName: "Firstname", Email: "Mail", ExternalID: "Contact ID", Source: "Campaign"},
			ignored: []string{"E-mail", "ID", "Channel"},
		},
		{
			name: "full name split on the last space",
			in:   "Attendee name,Email,Source\nMary Ann   Smith,mary@example.org,web\nCher,cher@example.org,\n,anon@example.org,\n",
			rows: []Row{
				{Line: 2, FirstName: "Mary Ann", LastName: "Smith", Email: "mary@example.org", Source: "web"},
				{Line: 3, FirstName: "Cher", Email: "cher@example.org"},
				{Line: 4, Email: "anon@example.org"},
			},
			columns: map[Field]string{FullName: "Attendee name", Email: "Email", Source: "Source"},
		},
		{
			name: "full name fills in only when first and last are empty",
			in:   "First,Last,Full name,Email\nAnn,,Ann Lee,ann@example.org\n,,Bob Ray,bob@example.org\n",
			rows: []Row{
				{Line: 2, FirstName: "Ann", Email: "ann@example.org"},
				{Line: 3, FirstName: "Bob", LastName: "Ray", Email: "bob@example.org"},
			},
		},
		{
			name: "quoted line breaks keep spreadsheet row numbers",
			in:   "Name,Email,Notes\n\"Ann\nLee\",ann@example.org,\"two\r\nlines\r\nhere\"\nBob,bob@,\nCy Young,cy@example.org,\n",
			rows: []Row{
				{Line: 2, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org"},
				{Line: 4, FirstName: "Cy", LastName: "Young", Email: "cy@example.org"},
			},
			rejected: []Rejected{{Line: 3, Name: "Bob", Email: "bob@", Reason: `Email "bob@" is not a valid address; it should look like name@example.org.`}},
		},
		{
			name: "invalid and missing emails are named by row",
			in:   "First,Email\nAnn,ann@example.org\nBob,bob@\nCy,cy.example.org\nDee,\nEd,Ed <ed@example.org>\nFay,fay@localhost\nGus,gus@example.org\n",
			rows: []Row{
				{Line: 2, FirstName: "Ann", Email: "ann@example.org"},
				{Line: 8, FirstName: "Gus", Email: "gus@example.org"},
			},
			rejected: []Rejected{
				{Line: 3, Name: "Bob", Email: "bob@", Reason: `Email "bob@" is not a valid address; it should look like name@example.org.`},
				{Line: 4, Name: "Cy", Email: "cy.example.org", Reason: `Email "cy.example.org" is not a valid address; it should look like name@example.org.`},
				{Line: 5, Name: "Dee", Reason: `Email is missing; every registrant needs an email address.`},
				{Line: 6, Name: "Ed", Email: "Ed <ed@example.org>", Reason: `Email "Ed <ed@example.org>" is not a valid address; it should look like name@example.org.`},
				{Line: 7, Name: "Fay", Email: "fay@localhost", Reason: `Email "fay@localhost" is not a valid address; it should look like name@example.org.`},
			},
		},
		{
			name: "blank rows are skipped but still counted",
			in:   "\n\nEmail,Name\n\na@example.org,A\n,\n  ,  \nb@example.org,B\n",
			rows: []Row{{Line: 5, FirstName: "A", Email: "a@example.org"}, {Line: 8, FirstName: "B", Email: "b@example.org"}},
		},
		{
			name: "ragged rows: short rows have empty cells, long rows extra ones",
			in:   "Email,First,Last,Source\nann@example.org,Ann\nbob@example.org,Bob,Ray,web,extra,cells\n",
			rows: []Row{
				{Line: 2, FirstName: "Ann", Email: "ann@example.org"},
				{Line: 3, FirstName: "Bob", LastName: "Ray", Email: "bob@example.org", Source: "web"},
			},
		},
		{
			name:     "invalid UTF-8 (a Windows-1252 file) rejects the row",
			in:       "First,Email\nJos\xe9,jose@example.org\nAnn,ann@example.org\n",
			rows:     []Row{{Line: 3, FirstName: "Ann", Email: "ann@example.org"}},
			rejected: []Rejected{{Line: 2, Name: "Jos\uFFFD", Email: "jose@example.org", Reason: "This row has characters that are not UTF-8 text, so names would come out garbled. " + saveAsUTF8}},
		},
		{
			name:     "invalid UTF-8 in an unused column does no harm",
			in:       "Email,Notes\nann@example.org,caf\xe9\n",
			rows:     []Row{{Line: 2, Email: "ann@example.org"}},
			columns:  map[Field]string{Email: "Email"},
			ignored:  []string{"Notes"},
			rejected: nil,
		},
		{
			name: "a stray quote costs one row only",
			in:   "Name,Email\nBob \"Bobby\" Ray,bob@example.org\n\"Ann\"x,ann@example.org\nCy,cy@example.org\n",
			rows: []Row{{Line: 4, FirstName: "Cy", Email: "cy@example.org"}},
			rejected: []Rejected{
				{Line: 2, Reason: (&csvfile.LineError{Line: 2, Problem: csvfile.BareQuote}).Reason()},
				{Line: 3, Reason: (&csvfile.LineError{Line: 3, Problem: csvfile.ExtraQuote}).Reason()},
			},
		},
		{
			name: "duplicates are left to the engine",
			in:   "Email\nann@example.org\nANN@Example.org\n",
			rows: []Row{{Line: 2, Email: "ann@example.org"}, {Line: 3, Email: "ANN@Example.org"}},
		},
		{
			name: "old Mac line ends (CR only)",
			in:   "Email,Name\rann@example.org,Ann Lee\rbob@example.org,Bob\r",
			rows: []Row{
				{Line: 2, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org"},
				{Line: 3, FirstName: "Bob", Email: "bob@example.org"},
			},
		},
		{
			name:     "a shifted note in the Email column is not repeated in full",
			in:       "Email\n" + strings.Repeat("note ", 40) + "\n",
			rejected: []Rejected{{Line: 2, Email: strings.Repeat("note ", 24) + "…", Reason: `Email "` + strings.Repeat("note ", 16) + `"… is not a valid address; it should look like name@example.org (check that the columns are not shifted).`}},
		},
		{
			name: "header only",
			in:   "First name,Email\n",
		},
		{
			name:     "long name is refused like the engine would",
			in:       "First,Email\n" + strings.Repeat("x", 201) + ",x@example.org\n",
			rejected: []Rejected{{Line: 2, Name: strings.Repeat("x", 120) + "…", Email: "x@example.org", Reason: "The name is too long; keep first and last name under 200 characters each (check that the columns are not shifted)."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			checkResult(t, res, tt.rows, tt.rejected)
			if tt.columns != nil {
				if !reflect.DeepEqual(res.Columns, tt.columns) {
					t.Errorf("Columns = %v, want %v", res.Columns, tt.columns)
				}
				if !reflect.DeepEqual(res.Ignored, tt.ignored) {
					t.Errorf("Ignored = %q, want %q", res.Ignored, tt.ignored)
				}
			}
		})
	}
}

func checkResult(t *testing.T, res *Result, rows []Row, rejected []Rejected) {
	t.Helper()
	if len(res.Rows) != len(rows) || (len(rows) > 0 && !reflect.DeepEqual(res.Rows, rows)) {
		t.Errorf("Rows:\n got %+v\nwant %+v", res.Rows, rows)
	}
	if len(res.Rejected) != len(rejected) || (len(rejected) > 0 && !reflect.DeepEqual(res.Rejected, rejected)) {
		t.Errorf("Rejected:\n got %+v\nwant %+v", res.Rejected, rejected)
	}
}

func TestReadSlowReader(t *testing.T) {
	// A reader that hands out one byte at a time (a pipe, a network share)
	// must give the same result as reading the file at once.
	data, err := os.ReadFile("testdata/registrants-12.csv")
	if err != nil {
		t.Fatal(err)
	}
	data = append([]byte("\uFEFF"), data...)
	want, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(iotest.OneByteReader(bytes.NewReader(data)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("one byte at a time:\n got %+v\nwant %+v", got, want)
	}
	if want.Columns[FirstName] != "First Name" {
		t.Errorf("BOM leaked into the first heading: %q", want.Columns)
	}
}

func TestReadUTF16(t *testing.T) {
	// Excel's "Unicode Text" export: UTF-16LE with BOM, tab separated.
	enc := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder()
	in, err := enc.String("First name\tLast name\tEmail\r\nZoé\tÅberg\tzoe@example.se\r\n")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	checkResult(t, res, []Row{{Line: 2, FirstName: "Zoé", LastName: "Åberg", Email: "zoe@example.se"}}, nil)
}

func TestReadRefusesFile(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // substrings of the message
	}{
		{"empty file", "", []string{"The file is empty", "First name,Last name,Email"}},
		{"only blank lines", "\r\n\n  \n,,,\n", []string{"The file is empty"}},
		{"BOM only", "\uFEFF", []string{"The file is empty"}},
		{"no Email column", "Name,Phone,,Company\nAnn,555,,ACME\n", []string{`No Email column was found; the columns in this file are "Name", "Phone", "Company".`, `headed "Email"`}},
		{"many headings are summarised", "A,B,C,D,E,F,G,H,I,J,K,L,M,N\n", []string{`"L" and 2 more.`}},
		{"no header line", "ann@example.org,Ann Lee\nbob@example.org,Bob\n", []string{`The first line holds an email address ("ann@example.org") instead of column headings`}},
		{"old xls workbook", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", []string{"old-style Excel workbook (.xls)", "save it as CSV"}},
		{"PDF", "%PDF-1.7\n...", []string{"PDF document", "save it as CSV"}},
		{"binary", "Email\x00\x01\x02\n", []string{"not contain plain text", "save it as CSV"}},
		{"header that is not CSV", "\"Email,Name\nann@example.org,Ann\n", []string{"could not be read as CSV column headings", "save it as CSV"}},
		{"header not UTF-8", "Pr\xe9nom,Email\nJos\xe9,j@example.org\n", []string{"column headings are not UTF-8", "CSV UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(strings.NewReader(tt.in))
			if err == nil {
				t.Fatalf("Read = %+v, want an error", res)
			}
			if code := core.ErrorCode(err); code != core.EINVALID {
				t.Errorf("error code = %q, want %q (%v)", code, core.EINVALID, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestReadReportsIOError(t *testing.T) {
	broken := errors.New("disk on fire")
	for _, in := range []struct {
		name string
		r    func() *failingReader
	}{
		{"before the header", func() *failingReader { return &failingReader{err: broken} }},
		{"in the rows", func() *failingReader {
			return &failingReader{data: []byte("Email\na@example.org\n" + strings.Repeat("b@example.org\n", 10000)), err: broken}
		}},
	} {
		t.Run(in.name, func(t *testing.T) {
			_, err := Read(in.r())
			if !errors.Is(err, broken) {
				t.Fatalf("Read error = %v, want it to wrap %v", err, broken)
			}
			if code := core.ErrorCode(err); code != core.EINTERNAL {
				t.Errorf("code = %q, want %q: an I/O failure is not the user's file's fault", code, core.EINTERNAL)
			}
		})
	}
}

// failingReader returns data and then err instead of io.EOF.
type failingReader struct {
	data []byte
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestSplitFullName(t *testing.T) {
	for in, want := range map[string][2]string{
		"":                   {"", ""},
		"Cher":               {"Cher", ""},
		"Ann Lee":            {"Ann", "Lee"},
		" Mary  Ann\tSmith ": {"Mary Ann", "Smith"},
	} {
		first, last := splitFullName(in)
		if first != want[0] || last != want[1] {
			t.Errorf("splitFullName(%q) = %q, %q; want %q, %q", in, first, last, want[0], want[1])
		}
	}
}
