package core

import (
	"fmt"
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

// ImportLine is the preview of one line of the file.
type ImportLine struct {
	Line   int          `json:"line"`
	Action ImportAction `json:"action"`
	Email  string       `json:"email,omitempty"`
	Name   string       `json:"name,omitempty"`
	Reason string       `json:"reason,omitempty"` // why a line is skipped
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
	Lines       []ImportLine      `json:"-"` // every line, in file order, for a preview table

	// Parsed is the file as the engine read it, handed back to
	// ApplyImport; callers leave it alone.
	Parsed any `json:"-"`
}

// Writes is how many registrants the import creates or changes.
func (p *ImportPlan) Writes() int { return p.New + p.Updated + p.Reactivated }

// Summary is the plan in one sentence for staff.
func (p *ImportPlan) Summary() string {
	return fmt.Sprintf("%d new, %d updated, %d re-registered, %d unchanged, %d duplicate lines skipped, %d invalid lines skipped.",
		p.New, p.Updated, p.Reactivated, p.Unchanged, len(p.Duplicates), len(p.Invalid))
}
