package csvimport

import (
	"bytes"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/turnout-app/turnout/core"
)

func FuzzRead(f *testing.F) {
	seeds := []string{
		"",
		"Email\n",
		"First name,Last name,Email\r\nAnn,Lee,ann@example.org\r\n",
		"\uFEFFEmail;Name\nann@example.org;Ann Lee\n",
		"Email\tName\nann@example.org\tAnn\n",
		"Name,Email\n\"Ann\nLee\",ann@example.org\nBob,bob@\n",
		"Name,Email\nBob \"B\" Ray,bob@example.org\n\"Ann\"x,ann@example.org\n\"open,x\n",
		"Email,Name\rann@example.org,Ann\r",
		"\xFF\xFEE\x00m\x00a\x00i\x00l\x00\n\x00",
		"First,Email\nJos\xe9,jose@example.org\n",
		"PK\x03\x04",
		"\n\n,,\nEmail\n\n x@y.z \n",
		"sep=;\r\nE-mail;Name\r\nann@example.org;\"Lee; Ann\"\r\n",
		"\xFE\xFF\x00E\x00m\x00a\x00i\x00l\x00\n",
		"Name,Email\nAnn,\"ann@example.org\nBob,bob@example.org\n",
	}
	for _, name := range []string{"registrants-12.csv", "registrants-12.xlsx"} {
		if fixture, err := os.ReadFile("testdata/" + name); err == nil {
			seeds = append(seeds, string(fixture))
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Read(bytes.NewReader(data))
		if err != nil {
			// A bytes.Reader cannot fail, so every error is about the file
			// and must be one staff can read.
			if core.ErrorCode(err) != core.EINVALID || err.Error() == "" {
				t.Fatalf("error %q has code %q, want %q", err, core.ErrorCode(err), core.EINVALID)
			}
			return
		}
		lines := map[int]bool{}
		prev := 0
		for _, r := range res.Rejected {
			if r.Line <= 0 || r.Reason == "" {
				t.Fatalf("bad rejection %+v", r)
			}
			if r.Line <= prev {
				t.Fatalf("rejections out of order: %+v", res.Rejected)
			}
			prev = r.Line
			lines[r.Line] = true
		}
		prev = 0
		for _, r := range res.Rows {
			if r.Line <= 0 || r.Line <= prev || lines[r.Line] {
				t.Fatalf("row %+v has a bad or repeated line number", r)
			}
			prev = r.Line
			if email, err := core.NormalizeEmail(r.Email); err != nil || email != r.Email {
				t.Fatalf("row %+v has email that NormalizeEmail gives as %q, %v", r, email, err)
			}
			for _, s := range []string{r.FirstName, r.LastName, r.ExternalID, r.Source} {
				if !utf8.ValidString(s) {
					t.Fatalf("row %+v has invalid UTF-8", r)
				}
			}
		}
	})
}
