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

func missingEmail(header []string) error {
	var quoted []string
	for _, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		if _, err := core.NormalizeEmail(h); err == nil {
			return core.Errorf(core.EINVALID, "The first line holds an email address (%q) instead of column headings. Add a first line with the headings, for example: First name,Last name,Email.", h)
		}
		quoted = append(quoted, fmt.Sprintf("%q", h))
	}
	if len(quoted) == 0 {
		return core.Errorf(core.EINVALID, "The first line has no column headings. Turnout needs a heading line with an Email column, for example: First name,Last name,Email.")
	}
	found := strings.Join(quoted, ", ")
	if len(quoted) > maxListedHeadings {
		found = fmt.Sprintf("%s and %d more", strings.Join(quoted[:maxListedHeadings], ", "), len(quoted)-maxListedHeadings)
	}
	return core.Errorf(core.EINVALID, "No Email column was found; the columns in this file are %s. Turnout needs a column headed \"Email\" (or \"E-mail\" or \"Email address\") with each person's address: rename that column and import the file again.", found)
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
