package core

import (
	"fmt"
	"time"
)

// CheckInResult is what a check-in run found and did.
type CheckInResult struct {
	Event Event
	Run   CheckInRun
	// NotReady: the provider has no report yet (empty, or nobody with any
	// duration). Nothing was changed; automatic syncs try again later.
	NotReady bool
	// Implied: a link-only event, whose check-ins come from reminder
	// clicks, not from a participant report.
	Implied bool
	// Unlinked: the event's attendance comes only from a participant
	// report, but the event is not linked to a provider account, so
	// nothing could be fetched; FromFile when an attendee report file was
	// imported earlier. Nothing was checked in.
	Unlinked, FromFile bool
	// ClicksUndone counts check-ins an older version implied from reminder
	// clicks on an event whose attendance comes from a report; they were
	// undone (the clicks still count as clicks).
	ClicksUndone int
	// Attended counts the registrants who met the rule (this run's view);
	// Briefly those present but below it.
	Attended, Briefly int
	WalkIns           []Participant // matched nobody (with their suggestions)
	Suggested         int           // walk-ins that have suggestions
	// Staff counts hosts, panelists and the office's own people: neither
	// walk-ins nor attended.
	Staff int
	// StaffUndone counts earlier report check-ins of people now known as
	// staff (say, their domain was put on the staff list): undone.
	StaffUndone int
	Sessions    []SessionAttendance
	// Warnings are disagreements staff should look at, in office words
	// (the provider's own attendance marks against its participant
	// report; see AttendanceCrossCheck). Nothing was changed for them.
	Warnings []string
}

// SessionAttendance is one held instance's attendance: people present,
// and how many of them met the rule in that session.
type SessionAttendance struct {
	Instance string
	Start    time.Time
	Present  int
	Attended int // registrants who met the per-session threshold
	WalkIns  int
}

// Summary is the result in one sentence for staff.
func (r CheckInResult) Summary() string {
	p := r.Event.Location.Provider.Label()
	var s string
	switch {
	case r.NotReady:
		return fmt.Sprintf("Not ready: %s has no participant report for this event yet, so nothing was changed. %s",
			p, RetryNote)
	case r.Implied:
		return fmt.Sprintf("%d checked in from reminder clicks (implied: this link-only event has no participant report).", r.Run.Added)
	case r.Unlinked && r.FromFile:
		s = "Nothing to fetch: attendance stays as the imported attendee report file says, and reminder clicks are " +
			"not counted as attendance. To update it, import a newer report file."
	case r.Unlinked:
		s = fmt.Sprintf("Nothing checked in: this event is not linked to a %s account, so Turnout cannot fetch its "+
			"participant report. Import the attendee report file downloaded from %s, or link the event to an account.", p, p)
	default:
		s = fmt.Sprintf("%d attended (%d newly checked in, %d updated), %d joined briefly, %d walk-ins, %d with suggested matches.",
			r.Attended, r.Run.Added, r.Run.Updated, r.Briefly, len(r.WalkIns), r.Suggested)
		if r.Staff > 0 {
			s += fmt.Sprintf(" %d staff (hosts, panelists, your office) are listed apart.", r.Staff)
		}
	}
	if r.StaffUndone > 0 {
		s += fmt.Sprintf(" %d earlier check-ins of staff were undone: staff are not counted as attendees.", r.StaffUndone)
	}
	if r.ClicksUndone > 0 {
		s += fmt.Sprintf(" %d check-ins implied by reminder clicks were undone: only the participant report counts as attendance.", r.ClicksUndone)
	}
	for _, w := range r.Warnings {
		s += " " + w
	}
	return s
}

// RetryNote says when Turnout asks the provider again for a report that
// was not ready (engine.AutoCheckInOptions defaults).
const RetryNote = "Turnout asks again by itself about 15 minutes later, then less and less often (at most every 4 hours) " +
	"for a week after the event; you can also press Check In again later."
