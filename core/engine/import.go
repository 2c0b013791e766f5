package engine

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/csvimport"
)

// PreviewImport reads a registrant list (a CSV file or an Excel workbook,
// told apart by content) and works out what importing it into the event
// would do, without writing anything.
func (e *Engine) PreviewImport(ctx context.Context, eventID core.ID, r io.Reader) (*ImportPlan, error) {
	parsed, err := csvimport.Read(r)
	if err != nil {
		return nil, err
	}
	plan := &ImportPlan{EventID: eventID, Parsed: parsed, Sheet: parsed.Sheet}
	err = e.store.View(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(eventID)
		if err != nil {
			return err
		}
		if err := e.planImport(ctx, tx, plan, nil, nil); err != nil {
			return err
		}
		return e.warnAboutMailLimits(tx, ev, plan, plan.New+plan.Reactivated)
	})
	if err != nil {
		return nil, err
	}
	return plan, nil
}

// ApplyImport carries out a previewed plan in one transaction: every
// registrant is written or none is. The plan is worked out again inside the
// transaction, so changes made since the preview are respected; the returned
// plan says what was done. Cancelling ctx rolls everything back.
func (e *Engine) ApplyImport(ctx context.Context, preview *ImportPlan, progress Progress) (*ImportPlan, error) {
	parsed, ok := preview.Parsed.(*csvimport.Result)
	if !ok {
		return nil, core.Errorf(core.EINVALID, "This import was not previewed; choose the file again.")
	}
	// A line that cannot be imported stops the import, nothing written,
	// unless staff chose to skip such lines having seen them listed.
	if err := preview.Refusal(); err != nil {
		return nil, err
	}
	plan := &ImportPlan{EventID: preview.EventID, Parsed: parsed, Sheet: parsed.Sheet, SkipInvalid: preview.SkipInvalid}
	err := e.store.Update(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(plan.EventID)
		if err != nil {
			return err
		}
		put := func(r *core.Registrant) error { return e.putSynced(tx, &ev, r) }
		if err := e.planImport(ctx, tx, plan, put, progress); err != nil {
			return err
		}
		return e.warnAboutMailLimits(tx, ev, plan, 0) // the new ones are in the counts now
	})
	if err != nil {
		return nil, err
	}
	e.log.Info("registrants imported", "event", plan.EventID, "new", plan.New, "updated", plan.Updated+plan.Reactivated)
	return plan, nil
}

// planImport decides each line's action and, when put is given, writes it.
func (e *Engine) planImport(ctx context.Context, tx core.Tx, plan *ImportPlan, put func(*core.Registrant) error, progress Progress) error {
	parsed := plan.Parsed.(*csvimport.Result)
	plan.Columns = make(map[string]string, len(parsed.Columns))
	for f, col := range parsed.Columns {
		plan.Columns[string(f)] = col
	}
	plan.Ignored = parsed.Ignored
	plan.Lines = make([]ImportLine, 0, len(parsed.Rows)+len(parsed.Rejected))
	for _, rej := range parsed.Rejected {
		l := ImportLine{Line: rej.Line, Action: ImportInvalid, Reason: rej.Reason, Name: rej.Name, Email: rej.Email}
		plan.Invalid = append(plan.Invalid, l)
		plan.Lines = append(plan.Lines, l)
	}
	firstLine := make(map[string]int, len(parsed.Rows))
	// Into an event nobody has registered for yet every line is new: skip
	// the 100,000 index look-ups of a first import.
	known, err := tx.CountRegistrants(plan.EventID)
	if err != nil {
		return err
	}
	now := e.clock.Now()
	total := len(parsed.Rows)
	for i, row := range parsed.Rows {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return core.Errorf(core.EINVALID, "Import cancelled; nothing was imported.")
			}
			progress.Report(i, total)
		}
		r := core.Registrant{EventID: plan.EventID, FirstName: row.FirstName, LastName: row.LastName,
			Email: row.Email, ExternalID: row.ExternalID, Source: row.Source}
		if err := r.CleanText(); err != nil { // the limits of every other way in
			l := ImportLine{Line: row.Line, Email: row.Email, Action: ImportInvalid, Reason: core.ErrorMessage(err)}
			plan.Invalid = append(plan.Invalid, l)
			plan.Lines = append(plan.Lines, l)
			continue
		}
		line := ImportLine{Line: row.Line, Email: row.Email, Name: r.Name()}
		key := core.EmailKey(row.Email)
		if first, seen := firstLine[key]; seen {
			line.Action, line.Reason = ImportDuplicate, fmt.Sprintf("Repeats %s from %s; only the first is used.", row.Email, plan.Place(first))
			plan.Duplicates = append(plan.Duplicates, line)
			plan.Lines = append(plan.Lines, line)
			continue
		}
		firstLine[key] = row.Line
		old, err := core.Registrant{}, error(errNobodyYet)
		if known > 0 {
			old, err = tx.RegistrantByEmail(plan.EventID, row.Email)
		}
		switch {
		case err == nil:
			updated := old
			mergeDetails(&updated, r)
			line.Changes = core.RegistrantChanges(old, updated)
			switch {
			case !old.Active():
				reactivate(&updated, r, now)
				line.Action = ImportReactivate
				plan.Reactivated++
			case len(line.Changes) > 0:
				updated.UpdatedAt = now
				line.Action = ImportUpdate
				plan.Updated++
			default:
				line.Action = ImportUnchanged
				plan.Unchanged++
			}
			if line.Action != ImportUnchanged {
				plan.Changed = append(plan.Changed, line)
			}
			r = updated
		case err == errNobodyYet || core.ErrorCode(err) == core.ENOTFOUND:
			r.Status, r.RegisteredAt, r.UpdatedAt = core.StatusRegistered, now, now
			line.Action = ImportNew
			plan.New++
		default:
			return err
		}
		plan.Lines = append(plan.Lines, line)
		if put != nil && line.Action != ImportUnchanged {
			if err := put(&r); err != nil {
				return err
			}
		}
	}
	progress.Report(total, total)
	// Rejected lines were collected first; show every line in file order.
	slices.SortStableFunc(plan.Lines, func(a, b ImportLine) int { return a.Line - b.Line })
	return nil
}

// errNobodyYet stands for "not found" when the event has no registrants.
var errNobodyYet = core.Errorf(core.ENOTFOUND, "nobody is registered yet")
