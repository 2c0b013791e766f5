package csvimport

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/turnout-app/turnout/core"
)

const saveAsUTF8 = `Save the sheet again as "CSV UTF-8" (in Excel: File › Save As) and import that file.`

// maxListedHeadings keeps the missing-Email message readable for CRM exports
// with dozens of columns.
const maxListedHeadings = 12

// fileWords say where the headings are, in the words of the kind of file.
type fileWords struct {
	firstLine string // "The first line"
	where     string // "in this file"
	example   string // a heading line to copy
}

var csvWords = fileWords{firstLine: "The first line", where: "in this file", example: "First name,Last name,Email"}

// sheetWords names the sheet, as a workbook may hold several.
func sheetWords(sheet string) fileWords {
	return fileWords{
		firstLine: fmt.Sprintf("The first row of the sheet %q", sheet),
		where:     fmt.Sprintf("on the sheet %q", sheet),
		example:   "First name | Last name | Email, one heading per cell",
	}
}

func missingEmail(header []string, w fileWords) error {
	var quoted []string
	for _, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if _, err := core.NormalizeEmail(h); err == nil {
			return core.Errorf(core.EINVALID, "%s holds an email address (%q) instead of column headings. Add a line of headings above it, for example: %s.", w.firstLine, h, w.example)
		}
		quoted = append(quoted, fmt.Sprintf("%q", h))
	}
	if len(quoted) == 0 {
		return core.Errorf(core.EINVALID, "%s has no column headings. Turnout needs a heading line with an Email column, for example: %s.", w.firstLine, w.example)
	}
	found := strings.Join(quoted, ", ")
	if len(quoted) > maxListedHeadings {
		found = fmt.Sprintf("%s and %d more", strings.Join(quoted[:maxListedHeadings], ", "), len(quoted)-maxListedHeadings)
	}
	return core.Errorf(core.EINVALID, "No Email column was found; the columns %s are %s. Turnout needs a column headed \"Email\" (or \"E-mail\" or \"Email address\") with each person's address: rename that column and import the file again.", w.where, found)
}

// maxQuotedEmail bounds how much of a bad Email cell a reason repeats: when
// columns are shifted the cell may hold a whole paragraph of notes.
const maxQuotedEmail = 80

func invalidEmailReason(email string, err error) string {
	if utf8.RuneCountInString(email) <= maxQuotedEmail {
		return core.ErrorMessage(err) // Email "bob@" is not a valid address; …
	}
	runes := []rune(email)
	return fmt.Sprintf("Email %q… is not a valid address; it should look like name@example.org (check that the columns are not shifted).", string(runes[:maxQuotedEmail]))
}
