package csvimport

import (
	"encoding/csv"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/turnout-app/turnout/core/csvfile"
)

// registrantTable has a quoted delimiter, a quoted line break and accents,
// so a wrong delimiter or encoding shows in the rows.
var registrantTable = [][]string{
	{"First name", "Last name", "E-mail", "Notes"},
	{"Zoé", "Dupont; Jr, \"DJ\"", "zoe@example.fr", "two\nlines"},
	{"Jürgen", "Åberg", "j@example.de", ""},
}

var wantRegistrants = []Row{
	{Line: 2, FirstName: "Zoé", LastName: "Dupont; Jr, \"DJ\"", Email: "zoe@example.fr"},
	{Line: 3, FirstName: "Jürgen", LastName: "Åberg", Email: "j@example.de"},
}

func TestReadEveryEncodingAndSeparator(t *testing.T) {
	for _, enc := range []string{"UTF-8", "UTF-8 BOM", "UTF-16LE BOM", "UTF-16BE BOM"} {
		for _, sep := range []struct {
			name, line string
			comma      rune
		}{
			{"comma", "", ','},
			{"semicolon", "", ';'},
			{"tab", "", '\t'},
			{"sep=; line", "sep=;", ';'},
			{"sep=, line", "sep=,", ','},
			{"sep=tab line", "sep=\t", '\t'},
			{`sep=\t line`, `sep=\t`, '\t'},
		} {
			for _, nl := range []string{"\n", "\r\n"} {
				t.Run(enc+"/"+sep.name+"/"+strings.ReplaceAll(strings.ReplaceAll(nl, "\r", "CR"), "\n", "LF"), func(t *testing.T) {
					var b strings.Builder
					if sep.line != "" {
						b.WriteString(sep.line + nl)
					}
					w := csv.NewWriter(&b)
					w.Comma, w.UseCRLF = sep.comma, nl == "\r\n"
					_ = w.WriteAll(registrantTable)
					res, err := Read(strings.NewReader(encodeAs(t, b.String(), enc)))
					if err != nil {
						t.Fatalf("Read: %v", err)
					}
					checkResult(t, res, wantRegistrants, nil)
					if res.Columns[Email] != "E-mail" {
						t.Errorf("Email column %q: the sep line or BOM was taken for a heading", res.Columns)
					}
				})
			}
		}
	}
}

func encodeAs(t *testing.T, text, enc string) string {
	t.Helper()
	switch enc {
	case "UTF-8 BOM":
		return "\uFEFF" + text
	case "UTF-16LE BOM", "UTF-16BE BOM":
		order := unicode.LittleEndian
		if enc == "UTF-16BE BOM" {
			order = unicode.BigEndian
		}
		out, err := unicode.UTF16(order, unicode.UseBOM).NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	return text
}

func TestReadUnclosedQuote(t *testing.T) {
	const good = 100_000
	in := "First name,Last name,Email\nAnn,\"Lee,ann@example.org\n" + strings.Repeat("Bob,Ray,bob@example.org\n", good)
	res, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if len(res.Rows) != good || res.Rows[0].Line != 3 || res.Rows[good-1].Line != good+2 {
		t.Fatalf("%d rows, want %d from line 3 on", len(res.Rows), good)
	}
	if len(res.Rejected) != 1 || res.Rejected[0].Line != 2 ||
		!strings.HasPrefix(res.Rejected[0].Reason, "Line 2 has a quote that is never closed") {
		t.Errorf("Rejected = %+v, want line 2 named for its unclosed quote", res.Rejected)
	}

	t.Run("paired with a quote further down", func(t *testing.T) {
		in := "Name,Email\nAnn Lee,\"ann@example.org\n\"Bob Ray\",bob@example.org\nCy,cy@example.org\n"
		res, err := Read(strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		checkResult(t, res, []Row{
			{Line: 3, FirstName: "Bob", LastName: "Ray", Email: "bob@example.org"},
			{Line: 4, FirstName: "Cy", Email: "cy@example.org"},
		}, []Rejected{{Line: 2, Reason: (&csvfile.LineError{Line: 2, Problem: csvfile.UnclosedQuote}).Reason()}})
	})
	t.Run("in the heading line", func(t *testing.T) {
		_, err := Read(strings.NewReader("Name,\"Email\nann@example.org\n"))
		if err == nil || !strings.Contains(err.Error(), "could not be read as CSV column headings. Line 1 has a quote that is never closed") {
			t.Errorf("error %v", err)
		}
	})
}

func TestReadHeadingSpellings(t *testing.T) {
	res, err := Read(strings.NewReader("\"FIRST_NAME\";\"last-name\";\"E-Mail (work)\";\"Member ID (CRM)\"\nAnn;Lee;ann@example.org;M-1\n"))
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, res, []Row{{Line: 2, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org", ExternalID: "M-1"}}, nil)
}
