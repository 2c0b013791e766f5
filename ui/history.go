package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"

	"github.com/turnout-app/turnout/core"
)

// showLines shows a read-only list of lines in a dialog, newest first.
func (u *App) showLines(title, empty string, lines []string) {
	text := empty
	if len(lines) > 0 {
		text = strings.Join(lines, "\n\n")
	}
	body := para(text)
	scroll := container.NewVScroll(body)
	scroll.SetMinSize(fyne.NewSize(560, 320))
	dialog.ShowCustom(title, "Close", scroll, u.win)
}

// auditLines words a registrant's audit log, newest first.
func auditLines(entries []core.AuditEntry, zone string) []string {
	lines := make([]string, 0, len(entries))
	for i := len(entries) - 1; i >= 0; i-- {
		a := entries[i]
		line := fmt.Sprintf("%s · %s: %s", whenShort(a.At, zone), a.Who, a.Action)
		if a.Before != "" || a.After != "" {
			line += fmt.Sprintf("\n%s → %s", orDash(a.Before), orDash(a.After))
		}
		lines = append(lines, line)
	}
	return lines
}

// runLines words an event's check-in runs, newest first.
func runLines(runs []core.CheckInRun, zone, provider string) []string {
	lines := make([]string, 0, len(runs))
	for i := len(runs) - 1; i >= 0; i-- {
		r := runs[i]
		line := fmt.Sprintf("%s · %s", whenShort(r.At, zone), r.Trigger)
		switch {
		case r.Error != "":
			line += "\nFailed: " + r.Error
		case r.NotReady:
			line += "\n" + core.SourceProvider.LabelFor(provider) + " was not ready yet; Turnout tries again later."
		default:
			line += fmt.Sprintf("\n%d join rows, %d people: %d matched (%d newly checked in, %d updated), %d joined briefly, %d walk-ins, %d suggestions.",
				r.Pulled, r.Attendees, r.Matched, r.Added, r.Updated, r.Briefly, r.WalkIns, r.Suggestions)
		}
		lines = append(lines, line)
	}
	return lines
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// onHistory shows what happened to the selected registrant.
func (s *RegistrantsScreen) onHistory() {
	r, _ := s.current()
	if r == nil {
		return
	}
	eventID, id, name, zone := s.event.ID, r.ID, r.Name(), s.app.office.TimeZone
	s.app.background(func(ctx context.Context) error {
		entries, err := s.checkIn.AuditLog(ctx, eventID, id)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.app.showLines("History of "+name, "Nothing has been recorded for this person yet: check-ins, undos and confirmed matches appear here.",
				auditLines(entries, zone))
		})
		return nil
	})
}

// onRunHistory shows the event's check-in runs.
func (s *HeadcountScreen) onRunHistory() {
	eventID, zone, provider := s.event.ID, s.app.office.TimeZone, s.event.Location.Provider.Label()
	s.app.background(func(ctx context.Context) error {
		runs, err := s.checkInService.CheckInRuns(ctx, eventID)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.app.showLines("Check-in history", "No check-in has run for this event yet. It runs by itself 30 minutes after the event ends, or when you press Check In Webinar Attendees.",
				runLines(runs, zone, provider))
		})
		return nil
	})
}
