package engine

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/export"
)

// Provider ID is the provider's key for the person (GoTo's registrant key,
// RingCentral's registrant ID), so an export joins back to the provider's
// own reports. It is always a text cell: GoTo's keys are 64-bit and a
// spreadsheet reading 8439885694023999999 as a number shows 8.43989E+18.
var registrantColumns = []any{"First name", "Last name", "Email", "External ID", "Source", "Status",
	"Registered at", "Reminder", "Clicks", "Attended", "Check-in source", "Minutes attended", "Matched by", "Provider ID"}

var walkInColumns = []any{"Name", "Email", "First joined", "Last left", "Minutes attended", "Provider ID"}

// Export writes one group of an event's people as a table in the given
// format, times in the office's time zone, and returns how many people it
// wrote. It reads one consistent snapshot of the data.
func (e *Engine) Export(ctx context.Context, eventID core.ID, g Group, f core.ExportFormat, w io.Writer, progress Progress) (int, error) {
	tw, err := export.New(f, w, "Headcount")
	if err != nil {
		return 0, err
	}
	n := 0
	err = e.store.View(ctx, func(tx core.Tx) error {
		o, err := tx.Office()
		if err != nil {
			return err
		}
		loc := o.Location()
		if _, err := tx.Event(eventID); err != nil {
			return err
		}
		total, _ := tx.CountRegistrants(eventID)
		row := func(cells []any) error {
			if n%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return core.Errorf(core.EINVALID, "Export cancelled; no file was written.")
				}
				progress.Report(n, total)
			}
			n++
			return tw.Write(cells)
		}
		if g == GroupUnmatched || g == GroupBriefly {
			if err := tw.Write(walkInColumns); err != nil {
				return err
			}
			return tx.Participants(eventID, func(p core.Participant) error {
				if (g == GroupUnmatched) != p.WalkIn() || p.IsStaff() || (g == GroupBriefly && !p.JoinedBriefly) {
					return nil
				}
				return row([]any{p.Name, p.Email, localTime(p.FirstJoin, loc), localTime(p.LastLeave, loc), p.Minutes, p.ProviderID})
			})
		}
		if err := tw.Write(registrantColumns); err != nil {
			return err
		}
		methods, err := matchMethods(tx, eventID)
		if err != nil {
			return err
		}
		staff, err := staffRegistrants(tx, eventID)
		if err != nil {
			return err
		}
		p := startPipe(func(r core.Registrant) error { return row(registrantRow(r, methods[r.ID], loc)) })
		return p.close(tx.Registrants(eventID, func(r core.Registrant) error {
			// Registrants who ran the event are no no-shows.
			if !groupIncludes(g, r) || (g == GroupAbsent && staff[r.ID]) {
				return nil
			}
			return p.send(r)
		}))
	})
	if err != nil {
		return n, err
	}
	progress.Report(n, n)
	return n, tw.Close()
}

// ExportFile exports to a file at path. The file appears only when the
// export is complete: a failed or cancelled export leaves nothing behind.
func (e *Engine) ExportFile(ctx context.Context, eventID core.ID, g Group, f core.ExportFormat, path string, progress Progress) (int, error) {
	if err := e.refuseOwnFiles(path); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".turnout-export-*")
	if err != nil {
		return 0, core.Errorf(core.EINVALID, "Cannot write to the folder %s; choose another folder.", filepath.Dir(path))
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	// Exports are shared with colleagues, unlike the data file and backups.
	if err := tmp.Chmod(0o644); err != nil {
		return 0, core.Errorf(core.EINVALID, "Cannot write to the folder %s; choose another folder.", filepath.Dir(path))
	}
	n, err := e.Export(ctx, eventID, g, f, tmp, progress)
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = core.Errorf(core.EUNAVAILABLE, "Could not finish writing %s: the disk may be full.", filepath.Base(path))
	}
	if err != nil {
		return 0, err
	}
	if err := e.refuseOwnFiles(path); err != nil { // the export took time: check again
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, core.Errorf(core.EINVALID, "Cannot save %s; it may be open in another program. Close it and try again.", filepath.Base(path))
	}
	return n, nil
}

// groupIncludes reports whether a registrant belongs in an export group.
func groupIncludes(g Group, r core.Registrant) bool {
	switch g {
	case GroupAttended:
		return r.Active() && r.Attended()
	case GroupAbsent:
		return r.Active() && !r.Attended()
	}
	return true
}

func registrantRow(r core.Registrant, matched core.MatchMethod, loc *time.Location) []any {
	var source string
	var minutes any = ""
	if r.CheckIn != nil {
		source, minutes = r.CheckIn.Source.Label(), r.CheckIn.Minutes
	}
	status := "Registered"
	if !r.Active() {
		status = "Cancelled"
	}
	return []any{r.FirstName, r.LastName, r.Email, r.ExternalID, r.Source, status,
		localTime(r.RegisteredAt, loc), string(r.Reminder.Status), r.Clicks, r.Attended(), source, minutes, matchedText(matched),
		r.Sync.RegistrantID}
}

// localTime shows an instant in the office zone; a zero time stays empty.
func localTime(t time.Time, loc *time.Location) any {
	if t.IsZero() {
		return ""
	}
	return t.In(loc)
}

// matchedText is how a registrant's participant was matched, empty when
// no participant was (manual and click check-ins, absentees).
func matchedText(m core.MatchMethod) string {
	if m == core.MatchNone {
		return ""
	}
	return m.Label()
}
