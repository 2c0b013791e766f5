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
	// Attended counts the registrants who met the rule (this run's view);
	// Briefly those present but below it.
	Attended, Briefly int
	WalkIns           []Participant // matched nobody (with their suggestions)
	Suggested         int           // walk-ins that have suggestions
	Sessions          []SessionAttendance
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
	switch {
	case r.NotReady:
		return fmt.Sprintf("Not ready: %s has no participant report for this event yet. Turnout will try again automatically.",
			r.Event.Location.Provider.Label())
	case r.Implied:
		return fmt.Sprintf("%d checked in from reminder clicks (implied: this event has no provider report).", r.Run.Added)
	}
	return fmt.Sprintf("%d attended (%d newly checked in, %d updated), %d joined briefly, %d walk-ins, %d with suggested matches.",
		r.Attended, r.Run.Added, r.Run.Updated, r.Briefly, len(r.WalkIns), r.Suggested)
}
