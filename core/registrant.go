package core

import (
	"net/mail"
	"strings"
	"time"
)

// RegistrantStatus is whether a person still plans to come.
type RegistrantStatus string

const (
	StatusRegistered RegistrantStatus = "registered"
	StatusCancelled  RegistrantStatus = "cancelled"
)

// SyncState is where a registrant stands with the event's provider.
type SyncState string

const (
	SyncNone    SyncState = ""        // unmanaged event: nothing to push
	SyncPending SyncState = "pending" // waiting in the provider outbox
	SyncPushed  SyncState = "pushed"
	SyncFailed  SyncState = "failed"
)

// ProviderSync records what the provider knows about a registrant.
type ProviderSync struct {
	State        SyncState `json:"state,omitempty"`
	RegistrantID string    `json:"registrant_id,omitempty"` // the provider's ID
	JoinURL      string    `json:"join_url,omitempty"`      // personal join link, when given
	CancelURL    string    `json:"cancel_url,omitempty"`    // personal cancellation link, where the provider gives one
	LastError    string    `json:"last_error,omitempty"`
	UpdatedAt    time.Time `json:"updated_at,omitzero"`
}

// ReminderStatus is where a registrant's reminder email stands.
type ReminderStatus string

const (
	ReminderNone    ReminderStatus = ""
	ReminderQueued  ReminderStatus = "queued"
	ReminderSent    ReminderStatus = "sent"
	ReminderFailed  ReminderStatus = "failed"
	ReminderMissed  ReminderStatus = "missed"
	ReminderSkipped ReminderStatus = "skipped"
)

// ReminderState records the reminder sent to one registrant.
type ReminderState struct {
	Status ReminderStatus `json:"status,omitempty"`
	SentAt time.Time      `json:"sent_at,omitzero"`
	Error  string         `json:"error,omitempty"`
}

// CheckInSource says how Turnout knows someone attended.
type CheckInSource string

const (
	SourceProvider CheckInSource = "provider" // the provider's participant report
	SourceClick    CheckInSource = "click"    // implied by a reminder click (link-only events)
	SourceManual   CheckInSource = "manual"   // staff checked the person in
)

// CheckInSources lists the sources in report order.
var CheckInSources = []CheckInSource{SourceProvider, SourceClick, SourceManual}

// Label is the source as the report shows it.
func (s CheckInSource) Label() string {
	switch s {
	case SourceProvider:
		return "Attendance report" // LabelFor names the provider
	case SourceClick:
		return "Email click (implied)"
	case SourceManual:
		return "Manual"
	}
	return string(s)
}

// LabelFor names the source the way staff know it, with the event's
// provider: "Zoom's attendance report".
func (s CheckInSource) LabelFor(provider string) string {
	if s == SourceProvider {
		if provider == "" {
			return "Attendance report"
		}
		return provider + "'s attendance report"
	}
	return s.Label()
}

// CheckIn records that a registrant attended.
type CheckIn struct {
	Source    CheckInSource `json:"source"`
	At        time.Time     `json:"at"`
	Minutes   int           `json:"minutes,omitempty"`
	FirstJoin time.Time     `json:"first_join,omitzero"`
	LastLeave time.Time     `json:"last_leave,omitzero"`
}

// Registrant is a person registered for one event.
type Registrant struct {
	ID           ID               `json:"id"`
	EventID      ID               `json:"event_id"`
	FirstName    string           `json:"first_name,omitempty"`
	LastName     string           `json:"last_name,omitempty"`
	Email        string           `json:"email"`
	ExternalID   string           `json:"external_id,omitempty"`
	Source       string           `json:"source,omitempty"` // campaign or channel
	Status       RegistrantStatus `json:"status"`
	RegisteredAt time.Time        `json:"registered_at"`
	CancelledAt  time.Time        `json:"cancelled_at,omitzero"`
	UpdatedAt    time.Time        `json:"updated_at"`
	Sync         ProviderSync     `json:"sync,omitzero"`
	Reminder     ReminderState    `json:"reminder,omitzero"`
	Clicks       int              `json:"clicks,omitempty"`
	FirstClickAt time.Time        `json:"first_click_at,omitzero"`
	CheckIn      *CheckIn         `json:"check_in,omitempty"`
	// Aliases are other emails and display names this person joined
	// under, remembered from staff-confirmed matches.
	Aliases []string `json:"aliases,omitempty"`
}

// Name is the person's full name, or their email when no name is known.
func (r Registrant) Name() string {
	n := strings.TrimSpace(r.FirstName + " " + r.LastName)
	if n == "" {
		return r.Email
	}
	return n
}

// Active reports whether the person is still registered.
func (r Registrant) Active() bool { return r.Status != StatusCancelled }

// Attended reports whether the person is checked in.
func (r Registrant) Attended() bool { return r.CheckIn != nil }

// Validate normalises and checks the fields staff type.
func (r *Registrant) Validate() error {
	email, err := NormalizeEmail(r.Email)
	if err != nil {
		return err
	}
	r.Email = email
	if err := r.CleanText(); err != nil {
		return err
	}
	if r.Status == "" {
		r.Status = StatusRegistered
	}
	return nil
}

// NormalizeEmail trims an address and checks that it is a plain address
// (no display name). The result keeps the person's spelling; use EmailKey to
// compare addresses.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", Errorf(EINVALID, "Email is required.")
	}
	if err := checkEmailLength(s); err != nil {
		return "", err
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "", Errorf(EINVALID, "Email %q is not a valid address; it should look like name@example.org.", s)
	}
	return s, nil
}

// EmailKey is the form under which addresses are compared: trimmed and
// lower-cased, so "Ann@X.org " and "ann@x.org" are the same person.
func EmailKey(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Participant is one attendee as the provider reports them, after merging
// their join segments. RegistrantID is zero for a walk-in (matched nobody).
type Participant struct {
	ID           ID        `json:"id"`
	EventID      ID        `json:"event_id"`
	Name         string    `json:"name,omitempty"`
	Email        string    `json:"email,omitempty"`
	ProviderID   string    `json:"provider_id,omitempty"` // provider registrant ID when given
	FirstJoin    time.Time `json:"first_join,omitzero"`
	LastLeave    time.Time `json:"last_leave,omitzero"`
	Minutes      int       `json:"minutes"`
	RegistrantID ID        `json:"registrant_id,omitempty"`
	// Key identifies the person across check-in runs (provider registrant
	// ID, else email, else name).
	Key           string               `json:"key,omitempty"`
	MatchMethod   MatchMethod          `json:"match_method,omitempty"`
	JoinedBriefly bool                 `json:"joined_briefly,omitempty"` // present, below the attendance rule
	Sessions      []ParticipantSession `json:"sessions,omitempty"`       // per held instance
	Suggestions   []Suggestion         `json:"suggestions,omitempty"`    // for walk-ins
	Rejected      []ID                 `json:"rejected,omitempty"`       // registrants staff ruled out
	// Excluded is set when staff undid the check-in this participant
	// gave: later syncs do not check the registrant in again.
	Excluded bool `json:"excluded,omitempty"`
	// Role is set for staff (host, panelist, someone on the office's
	// staff list): they are never walk-ins (see StaffRole).
	Role StaffRole `json:"role,omitempty"`
}
