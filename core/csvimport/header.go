package csvimport

import (
	"strings"

	"github.com/turnout-app/turnout/core/csvfile"
)

// Field is a registrant detail that a column can hold. Its value is the label
// staff see, so the UI can show "Email ← E-mail address" without a lookup.
type Field string

const (
	FirstName  Field = "First name"
	LastName   Field = "Last name"
	FullName   Field = "Full name" // split into first + last name when those are empty
	Email      Field = "Email"
	ExternalID Field = "External ID"
	Source     Field = "Source"
)

// synonyms maps a heading to the field it names, in any spelling
// csvfile.HeaderKey accepts ("E-mail", "e_mail" and " EMAIL " are one). The
// headings are those of Excel templates, Google Forms, Eventbrite, Zoom,
// GoTo, Mailchimp and common CRMs.
var synonyms = csvfile.NewHeadings(map[string]Field{
	"first":         FirstName,
	"firstname":     FirstName,
	"givenname":     FirstName,
	"forename":      FirstName,
	"last":          LastName,
	"lastname":      LastName,
	"surname":       LastName,
	"familyname":    LastName,
	"name":          FullName,
	"fullname":      FullName,
	"attendeename":  FullName,
	"email":         Email,
	"emailaddress":  Email,
	"mail":          Email,
	"attendeeemail": Email,
	"externalid":    ExternalID,
	"id":            ExternalID,
	"memberid":      ExternalID,
	"contactid":     ExternalID,
	"source":        Source,
	"campaign":      Source,
	"channel":       Source,
	"utmsource":     Source,
})

// layout says which record index holds each field; -1 means no such column.
type layout struct {
	first, last, full, email, externalID, source int
}

func (l *layout) slot(f Field) *int {
	switch f {
	case FirstName:
		return &l.first
	case LastName:
		return &l.last
	case FullName:
		return &l.full
	case Email:
		return &l.email
	case ExternalID:
		return &l.externalID
	case Source:
		return &l.source
	}
	return nil
}

// mapHeader finds the column of each field. When two columns name the same
// field the first one wins, as staff read sheets left to right; the second
// is reported as ignored so the UI can show it was not used.
func mapHeader(header []string) (l layout, columns map[Field]string, ignored []string) {
	l = layout{-1, -1, -1, -1, -1, -1}
	columns = make(map[Field]string)
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		f, known := synonyms.Lookup(h)
		if !known || *l.slot(f) >= 0 {
			ignored = append(ignored, h)
			continue
		}
		*l.slot(f) = i
		columns[f] = h
	}
	return l, columns, ignored
}
