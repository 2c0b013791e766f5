package core

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Longest text a registrant's fields may hold, in characters. An email
// address can have at most 254 (RFC 5321); the others are generous for
// people and CRM identifiers, and keep a shifted column or a pasted
// document out of the data file.
const (
	MaxEmailLength = 254
	MaxNameLength  = 200
	MaxTextLength  = 500 // source and external ID
)

// PlainText removes control characters from text staff or a file gave:
// escape sequences that would repaint a terminal, and the invisible
// direction overrides that make text read differently from what it is.
// Tabs and line breaks become spaces, so words stay apart.
func PlainText(s string) string {
	if !hasControl(s) {
		return s // the usual case: no copy
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case isControl(r):
			return -1
		}
		return r
	}, s)
}

func hasControl(s string) bool {
	for _, r := range s {
		if isControl(r) || r == '\t' || r == '\n' || r == '\r' {
			return true
		}
	}
	return false
}

// isControl: C0 and C1 controls, DEL, and Unicode's bidirectional
// embedding, override and isolate characters.
func isControl(r rune) bool {
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == utf8.RuneError
}

// CleanText trims the registrant's text fields, removes control
// characters from them and checks their lengths, saying which field is
// too long and by how much. Validate does this and checks the email; an
// import, whose addresses were checked on reading, calls it alone.
func (r *Registrant) CleanText() error {
	fields := []struct {
		value *string
		what  string
		max   int
		limit string
	}{
		{&r.FirstName, "first name", MaxNameLength, "a name can have at most"},
		{&r.LastName, "last name", MaxNameLength, "a name can have at most"},
		{&r.Source, "source", MaxTextLength, "a source can have at most"},
		{&r.ExternalID, "external ID", MaxTextLength, "an external ID can have at most"},
	}
	for _, f := range fields {
		*f.value = strings.TrimSpace(PlainText(*f.value))
		if n := utf8.RuneCountInString(*f.value); n > f.max {
			return tooLong(f.what, n, f.limit, f.max)
		}
	}
	return nil
}

// checkEmailLength refuses an address longer than any mail server takes.
func checkEmailLength(s string) error {
	if n := utf8.RuneCountInString(s); n > MaxEmailLength {
		return tooLong("email", n, "an address can have at most", MaxEmailLength)
	}
	return nil
}

func tooLong(what string, n int, limit string, max int) error {
	return Errorf(EINVALID, "The %s is %s characters long; %s %d.", what, thousands(n), limit, max)
}

// thousands writes n as 2,000,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
