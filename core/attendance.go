package core

import (
	"fmt"
	"time"
)

// AttendanceRule decides who counts as attended. The zero value is "any
// time at all". Minutes or Percent set how long someone must have been in
// a session for it to count; Sessions (multi-session events) how many
// sessions must count. People who joined but fall short are "joined
// briefly".
type AttendanceRule struct {
	Minutes  int `json:"minutes,omitempty"`  // at least this many minutes in a session
	Percent  int `json:"percent,omitempty"`  // at least this share of the scheduled duration
	Sessions int `json:"sessions,omitempty"` // at least k sessions (0 means 1)
}

// Validate checks the rule's numbers.
func (r AttendanceRule) Validate() error {
	switch {
	case r.Minutes < 0 || r.Percent < 0 || r.Sessions < 0:
		return Errorf(EINVALID, "Attendance rule numbers cannot be negative.")
	case r.Minutes > 0 && r.Percent > 0:
		return Errorf(EINVALID, "Choose either a number of minutes or a percentage for the attendance rule, not both.")
	case r.Percent > 100:
		return Errorf(EINVALID, "The attendance percentage must be at most 100.")
	}
	return nil
}

// Threshold is how long someone must stay in a session whose scheduled
// length is scheduled.
func (r AttendanceRule) Threshold(scheduled time.Duration) time.Duration {
	if r.Minutes > 0 {
		return time.Duration(r.Minutes) * time.Minute
	}
	if r.Percent > 0 {
		return scheduled * time.Duration(r.Percent) / 100
	}
	return 0
}

// NeedSessions is how many sessions must count.
func (r AttendanceRule) NeedSessions() int { return max(r.Sessions, 1) }

// String describes the rule for staff.
func (r AttendanceRule) String() string {
	s := "any time at all"
	if r.Minutes > 0 {
		s = fmt.Sprintf("at least %d minutes", r.Minutes)
	} else if r.Percent > 0 {
		s = fmt.Sprintf("at least %d%% of the scheduled duration", r.Percent)
	}
	if r.Sessions > 1 {
		s = fmt.Sprintf("%s in at least %d sessions", s, r.Sessions)
	}
	return s
}

// MatchMethod says how a participant was tied to a registrant.
type MatchMethod string

const (
	MatchNone         MatchMethod = ""              // a walk-in
	MatchRegistrantID MatchMethod = "registrant_id" // the provider's registrant ID
	MatchEmail        MatchMethod = "email"         // the same email, in any case
	MatchConfirmed    MatchMethod = "confirmed"     // staff confirmed a suggestion
	MatchStaff        MatchMethod = "staff"         // staff matched a walk-in by hand
	MatchAdded        MatchMethod = "added"         // staff registered the walk-in
)

// Sticky reports whether the match is a staff decision that syncs keep.
func (m MatchMethod) Sticky() bool {
	return m == MatchConfirmed || m == MatchStaff || m == MatchAdded
}

// Label is the method as the report shows it.
func (m MatchMethod) Label() string {
	switch m {
	case MatchRegistrantID:
		return "Registrant ID"
	case MatchEmail:
		return "Email"
	case MatchConfirmed:
		return "Confirmed suggestion"
	case MatchStaff:
		return "Matched by staff"
	case MatchAdded:
		return "Added as registrant"
	}
	return "Walk-in"
}

// Suggestion is a possible registrant for a participant that matched
// nobody for sure. Staff confirm or reject it; nobody is checked in on a
// suggestion alone.
type Suggestion struct {
	RegistrantID ID       `json:"registrant_id"`
	Name         string   `json:"name,omitempty"`
	Email        string   `json:"email,omitempty"`
	Reasons      []string `json:"reasons"`
	Confidence   float64  `json:"confidence"` // 0..1
}

// ParticipantSession is one participant's attendance of one held
// instance (session) of the event.
type ParticipantSession struct {
	Instance  string    `json:"instance,omitempty"`
	FirstJoin time.Time `json:"first_join,omitzero"`
	LastLeave time.Time `json:"last_leave,omitzero"`
	Minutes   int       `json:"minutes"`
	Attended  bool      `json:"attended,omitempty"` // met the rule's per-session threshold
}

// AuditEntry records one change to a registrant's attendance: a check-in,
// an undo, a confirmed or rejected match, a sync that changed minutes.
type AuditEntry struct {
	EventID      ID        `json:"event_id"`
	RegistrantID ID        `json:"registrant_id"`
	At           time.Time `json:"at"`
	Who          string    `json:"who"`    // "staff", "check-in run", "email click"
	Action       string    `json:"action"` // "check in", "undo check-in", "confirm match", …
	Before       string    `json:"before,omitempty"`
	After        string    `json:"after,omitempty"`
}

// CheckInRun records one check-in run of an event: what it pulled and
// what it changed.
type CheckInRun struct {
	ID          ID        `json:"id"`
	EventID     ID        `json:"event_id"`
	At          time.Time `json:"at"`
	Trigger     string    `json:"trigger"` // "button", "cli", "automatic", "start-up", "daily", "csv"
	Pulled      int       `json:"pulled"`  // join rows read
	Attendees   int       `json:"attendees"`
	Matched     int       `json:"matched"`
	Added       int       `json:"added"`   // new check-ins
	Updated     int       `json:"updated"` // check-ins whose minutes grew
	Briefly     int       `json:"briefly"`
	WalkIns     int       `json:"walk_ins"`
	Suggestions int       `json:"suggestions"`
	NotReady    bool      `json:"not_ready,omitempty"`
	Error       string    `json:"error,omitempty"`
}

// OK reports whether the run got a complete report and finished.
func (r CheckInRun) OK() bool { return !r.NotReady && r.Error == "" }

// AttendanceLog is the part of a transaction that keeps the check-in runs,
// the audit log and the aliases remembered from confirmed matches.
type AttendanceLog interface {
	// AddAudit appends an entry to the audit log.
	AddAudit(a AuditEntry) error
	// Audit calls fn for each entry of a registrant, oldest first.
	Audit(eventID, registrantID ID, fn func(AuditEntry) error) error
	// AddCheckInRun appends a run (a new ID is assigned) to the event's history.
	AddCheckInRun(r *CheckInRun) error
	// CheckInRuns calls fn for each run of the event, oldest first.
	CheckInRuns(eventID ID, fn func(CheckInRun) error) error
	// Aliases returns every remembered alias: EmailKey(registrant email) →
	// other emails and display names the person joined under.
	Aliases() (map[string][]string, error)
	// AddAlias remembers an alias for the person with this email.
	AddAlias(email, alias string) error
}
