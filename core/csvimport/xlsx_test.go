package csvimport

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
)

func TestReadWorkbookUsesSheetRowNumbers(t *testing.T) {
	rows := [][]any{
		nil, // row 1 blank: the heading row may sit lower down
		{"First name", "Last name", "E-mail", "Member ID", "Joined", "Notes"},
		{"Ann", "Lee", "ann@example.org", 1001, time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC), "hi"},
		nil, // row 4: empty rows are skipped but counted
		{"", "", "", nil, nil, ""},
	}
	for len(rows) < 13 {
		rows = append(rows, []any{"Bob", fmt.Sprint("Ray ", len(rows)+1), fmt.Sprintf("bob%d@example.org", len(rows)+1)})
	}
	// Row 14: an address staff have to fix; the message must say whose.
	rows = append(rows, []any{"Cy", "Dee", "cy.dee.example.org", "M-3"})
	rows = append(rows, []any{"Dora", "Fox", " DORA@Example.org ", 12.5})

	res, err := Read(bytes.NewReader(coretest.XLSX(t, coretest.Sheet{Name: "Registrants", Rows: rows})))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if res.Sheet != "Registrants" {
		t.Errorf("sheet = %q", res.Sheet)
	}
	if len(res.Rows) != 10 {
		t.Fatalf("%d rows, want 10: %+v", len(res.Rows), res.Rows)
	}
	if first := res.Rows[0]; first != (Row{Line: 3, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org", ExternalID: "1001"}) {
		t.Errorf("first row = %+v; numbers come as the text Excel shows", first)
	}
	if r := res.Rows[1]; r.Line != 6 {
		t.Errorf("second row is on row %d, want 6 (rows 4 and 5 are empty)", r.Line)
	}
	if last := res.Rows[9]; last.Line != 15 || last.Email != "DORA@Example.org" || last.ExternalID != "12.5" {
		t.Errorf("last row = %+v", last)
	}
	want := []Rejected{{Line: 14, Name: "Cy Dee", Email: "cy.dee.example.org",
		Reason: `Email "cy.dee.example.org" is not a valid address; it should look like name@example.org.`}}
	if fmt.Sprint(res.Rejected) != fmt.Sprint(want) {
		t.Errorf("rejected = %+v\nwant       %+v", res.Rejected, want)
	}
	if res.Columns[Email] != "E-mail" || strings.Join(res.Ignored, ",") != "Joined,Notes" {
		t.Errorf("columns = %v, ignored = %v", res.Columns, res.Ignored)
	}
}

func TestReadWorkbookFindsTheSheetWithEmails(t *testing.T) {
	notes := coretest.Sheet{Name: "Read me", Rows: [][]any{{"This list was exported on Monday"}}}
	lookup := coretest.Sheet{Name: "Lookup", Hidden: true, Rows: [][]any{{"Email"}, {"hidden@example.org"}}}
	people := coretest.Sheet{Name: "People", Rows: [][]any{{"Name", "Email"}, {"Ann Lee", "ann@example.org"}}}

	res, err := Read(bytes.NewReader(coretest.XLSX(t, notes, lookup, people)))
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if res.Sheet != "People" || len(res.Rows) != 1 || res.Rows[0].FirstName != "Ann" || res.Rows[0].LastName != "Lee" {
		t.Errorf("read sheet %q: %+v; want the visible sheet People before the hidden one", res.Sheet, res.Rows)
	}

	res, err = Read(bytes.NewReader(coretest.XLSX(t, notes, lookup)))
	if err != nil || res.Sheet != "Lookup" || len(res.Rows) != 1 {
		t.Errorf("only a hidden sheet has emails: sheet %q, %v", res.Sheet, err)
	}
}

func TestReadWorkbookRefuses(t *testing.T) {
	noEmail := coretest.XLSX(t, coretest.Sheet{Name: "Guests", Rows: [][]any{{"Name", "Phone"}, {"Ann", "555"}}},
		coretest.Sheet{Name: "Other", Rows: [][]any{{"Company"}}})
	good := coretest.XLSX(t, coretest.Sheet{Name: "People", Rows: [][]any{{"Email"}, {"ann@example.org"}}})
	var locked bytes.Buffer
	f, _ := excelize.OpenReader(bytes.NewReader(good))
	if err := f.Write(&locked, excelize.Options{Password: "secret"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   []byte
		want []string
	}{
		{"no Email column", noEmail, []string{`No Email column was found; the columns on the sheet "Guests" are "Name", "Phone".`}},
		{"empty workbook", coretest.XLSX(t, coretest.Sheet{Name: "Sheet1"}), []string{"The workbook is empty"}},
		{"emails but no headings", coretest.XLSX(t, coretest.Sheet{Name: "S", Rows: [][]any{{"ann@example.org"}}}),
			[]string{`The first row of the sheet "S" holds an email address ("ann@example.org") instead of column headings`}},
		{"password", locked.Bytes(), []string{"protected with a password", "remove the password"}},
		{"cut short", good[:len(good)/2], []string{"can't be opened: it may be damaged or only partly downloaded", "Excel Workbook (.xlsx)"}},
		{"zip header only", []byte("PK\x03\x04"), []string{"damaged"}},
		{"a part claims 100 MB", withPart(t, good, "xl/media/image1.png", 100<<20), []string{"far more data than a registrant list needs", "xl/media/image1.png"}},
		{"sheets claim 3 GB", withPart(t, good, "xl/worksheets/sheet9.xml", 3<<30), []string{"far more data than a registrant list needs"}},
		{"old xls", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), []string{"old-style Excel workbook (.xls)", "save it as CSV"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(bytes.NewReader(tt.in))
			if err == nil {
				t.Fatalf("Read = %+v, want an error", res)
			}
			if core.ErrorCode(err) != core.EINVALID {
				t.Errorf("code = %q (%v)", core.ErrorCode(err), err)
			}
			for _, w := range tt.want {
				if !strings.Contains(core.ErrorMessage(err), w) {
					t.Errorf("message %q does not contain %q", core.ErrorMessage(err), w)
				}
			}
		})
	}
}

// withPart copies a workbook and adds a part that claims to unpack to size
// bytes, as a zip bomb would, without holding them.
func withPart(t *testing.T, workbook []byte, name string, size uint64) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(workbook), int64(len(workbook)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CompressedSize64: 2, UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write([]byte{3, 0})
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
