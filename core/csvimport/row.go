package csvimport

import (
	"strings"
	"unicode/utf8"

	"github.com/turnout-app/turnout/core"
)

// maxNameBytes matches core.Registrant.Validate, so a row accepted here is
// not refused later by the engine.
const maxNameBytes = 200

// cell returns record[i] trimmed, or "" when the column is absent or the
// row is short.
func cell(record []string, i int) string {
	if i < 0 || i >= len(record) {
		return ""
	}
	return strings.TrimSpace(record[i])
}

// row builds a Row from a non-blank record, or returns why it can't.
func (l layout) row(record []string) (Row, string) {
	r := Row{
		FirstName:  cell(record, l.first),
		LastName:   cell(record, l.last),
		Email:      cell(record, l.email),
		ExternalID: cell(record, l.externalID),
		Source:     cell(record, l.source),
	}
	full := cell(record, l.full)
	if !validUTF8(r.FirstName, r.LastName, full, r.Email, r.ExternalID, r.Source) {
		return Row{}, "This row has characters that are not UTF-8 text, so names would come out garbled. " + saveAsUTF8
	}
	if r.Email == "" {
		return Row{}, "Email is missing; every registrant needs an email address."
	}
	email, err := core.NormalizeEmail(r.Email)
	if err != nil {
		return Row{}, invalidEmailReason(r.Email, err)
	}
	r.Email = email
	if r.FirstName == "" && r.LastName == "" {
		r.FirstName, r.LastName = splitFullName(full)
	}
	if len(r.FirstName) > maxNameBytes || len(r.LastName) > maxNameBytes {
		return Row{}, "The name is too long; keep first and last name under 200 characters each (check that the columns are not shifted)."
	}
	r.detach()
	return r, ""
}

func validUTF8(cells ...string) bool {
	for _, c := range cells {
		if !utf8.ValidString(c) {
			return false
		}
	}
	return true
}

// detach copies the kept fields into one new string. encoding/csv slices all
// cells of a record from one allocation, so without this a Row would pin
// every unused column of wide CRM exports for the life of the Result.
func (r *Row) detach() {
	fields := [...]*string{&r.FirstName, &r.LastName, &r.Email, &r.ExternalID, &r.Source}
	n := 0
	for _, f := range fields {
		n += len(*f)
	}
	var b strings.Builder
	b.Grow(n)
	for _, f := range fields {
		b.WriteString(*f)
	}
	all := b.String()
	for _, f := range fields {
		*f, all = all[:len(*f)], all[len(*f):]
	}
}

// maxShownRunes bounds how much of a name or address a rejected row repeats:
// when columns are shifted a cell may hold a whole paragraph of notes.
const maxShownRunes = 120

// person is the name and email of a rejected row as written, so staff can
// tell whose row it is. Text that is not UTF-8 shows as "�" and long cells
// end in "…".
func (l layout) person(record []string) (name, email string) {
	name = strings.TrimSpace(cell(record, l.first) + " " + cell(record, l.last))
	if name == "" {
		name = strings.Join(strings.Fields(cell(record, l.full)), " ")
	}
	return shown(name), shown(cell(record, l.email))
}

// shown is s made safe to display: a copy (so it does not pin the record),
// valid UTF-8, at most maxShownRunes runes.
func shown(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) > maxShownRunes {
		return string([]rune(s)[:maxShownRunes]) + "…"
	}
	return strings.Clone(s)
}
