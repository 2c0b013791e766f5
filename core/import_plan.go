package core

import (
	"fmt"
	"strings"
)

// ImportAction is what an import does with one line of the file.
type ImportAction string

const (
	ImportNew        ImportAction = "new"
	ImportUpdate     ImportAction = "update"     // known person, details change
	ImportReactivate ImportAction = "reactivate" // cancelled person registers again
	ImportUnchanged  ImportAction = "unchanged"  // known person, nothing new
	ImportDuplicate  ImportAction = "duplicate"  // repeats an earlier line of the file; skipped
	ImportInvalid    ImportAction = "invalid"    // cannot be imported; skipped
)

// ImportLine is the preview of one line of the file. Email and Name are the
// person as the file gives them, also on an invalid line (empty when the
// line could not be read at all).
type ImportLine struct {
	Line    int           `json:"line"`
	Action  ImportAction  `json:"action"`
	Email   string        `json:"email,omitempty"`
	Name    string        `json:"name,omitempty"`
	Reason  string        `json:"reason,omitempty"`  // why a line is skipped
	Changes []FieldChange `json:"changes,omitempty"` // what an update or re-registration changes
}

// Person is the line's name and address as staff read them:
// "Ann Lee <ann@example.org>", or whichever of the two the line has.
func (l ImportLine) Person() string {
	switch {
	case l.Name == "" || l.Name == l.Email:
		return l.Email
	case l.Email == "":
		return l.Name
	}
	return l.Name + " <" + l.Email + ">"
}

// ChangesText is the line's changes in one line: "Last name: – → Lee;
// Source: web → newsletter".
func (l ImportLine) ChangesText() string {
	parts := make([]string, len(l.Changes))
	for i, c := range l.Changes {
		parts[i] = c.String()
	}
	return strings.Join(parts, "; ")
}

// FieldChange is one registrant detail an import changes. Field is the
// label staff see ("Last name"); an empty value is shown as "–".
type FieldChange struct {
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

func (c FieldChange) String() string {
	return fmt.Sprintf("%s: %s → %s", c.Field, orDash(c.Old), orDash(c.New))
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// RegistrantChanges lists the details that differ between old and updated,
// in the order of the registrant form.
func RegistrantChanges(old, updated Registrant) []FieldChange {
	var changes []FieldChange
	for _, f := range []struct{ label, old, new string }{
		{"First name", old.FirstName, updated.FirstName},
		{"Last name", old.LastName, updated.LastName},
		{"Email", old.Email, updated.Email},
		{"External ID", old.ExternalID, updated.ExternalID},
		{"Source", old.Source, updated.Source},
	} {
		if f.old != f.new {
			changes = append(changes, FieldChange{Field: f.label, Old: f.old, New: f.new})
		}
	}
	return changes
}

// ImportPlan is what an import will do (before Apply) or did (after).
type ImportPlan struct {
	EventID     ID                `json:"event_id"`
	Columns     map[string]string `json:"columns"` // file column per field
	Ignored     []string          `json:"ignored_columns,omitempty"`
	New         int               `json:"new"`
	Updated     int               `json:"updated"`
	Reactivated int               `json:"reactivated"`
	Unchanged   int               `json:"unchanged"`
	Duplicates  []ImportLine      `json:"duplicates"`
	Invalid     []ImportLine      `json:"invalid"`
	// Changed are the updated and re-registered lines with what each
	// changes, in file order.
	Changed []ImportLine `json:"changed,omitempty"`
	Lines   []ImportLine `json:"-"` // every line, in file order, for a preview table
	// Sheet is the worksheet read when the file is an Excel workbook; Line
	// numbers are then its row numbers. Empty for a CSV file.
	Sheet string `json:"sheet,omitempty"`
	// Warnings are for staff to read before importing, e.g. that the mail
	// service's daily limit cannot carry the event's reminders.
	Warnings []string `json:"warnings,omitempty"`

	// SkipInvalid is staff's choice to import the other lines when some
	// cannot be imported; without it ApplyImport writes nothing and names
	// the first such line (Refusal).
	SkipInvalid bool `json:"skip_invalid,omitempty"`

	// Parsed is the file as the engine read it, handed back to
	// ApplyImport; callers leave it alone.
	Parsed any `json:"-"`
}

// Refusal is why the import stops before writing anything: lines that
// cannot be imported that staff did not choose to skip. Nil otherwise.
func (p *ImportPlan) Refusal() error {
	if len(p.Invalid) == 0 || p.SkipInvalid {
		return nil
	}
	first := p.Invalid[0]
	for _, l := range p.Invalid {
		if l.Line < first.Line {
			first = l
		}
	}
	more, which := "", "that "+p.LineWord()
	if n := len(p.Invalid) - 1; n > 0 {
		more = " (and " + countOf(n, "more "+p.LineWord()) + ")"
		which = "those " + p.CountLines(len(p.Invalid))
	}
	return Errorf(EINVALID, "Nothing was imported: %s%s cannot be imported: %s Fix the file and import it again, "+
		"or choose to skip %s and import the other %s.", p.Place(first.Line), more, first.Reason, which,
		countOf(p.Writes(), "registrant"))
}

// Writes is how many registrants the import creates or changes.
func (p *ImportPlan) Writes() int { return p.New + p.Updated + p.Reactivated }

// LineWord is what the file's lines are called: "row" in a workbook, as
// Excel numbers them, "line" in a CSV file.
func (p *ImportPlan) LineWord() string {
	if p.Sheet != "" {
		return "row"
	}
	return "line"
}

// CountLines is n of the file's lines in words: "1 line", "3 rows".
func (p *ImportPlan) CountLines(n int) string { return countOf(n, p.LineWord()) }

// Place names a line of the file: "row 14" or "line 14".
func (p *ImportPlan) Place(line int) string { return fmt.Sprintf("%s %d", p.LineWord(), line) }

// Summary is the plan in one sentence for staff.
func (p *ImportPlan) Summary() string {
	word := p.LineWord()
	s := fmt.Sprintf("%d new, %d updated, %d re-registered, %d unchanged, %s skipped, %s skipped.",
		p.New, p.Updated, p.Reactivated, p.Unchanged,
		countOf(len(p.Duplicates), "duplicate "+word), countOf(len(p.Invalid), "invalid "+word))
	for _, w := range p.Warnings {
		s += "\nWarning: " + w
	}
	return s
}

// countOf is n with the noun in the singular or plural: "1 duplicate line",
// "2 duplicate lines". It suits nouns that take an -s.
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// plural is one or many, by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
