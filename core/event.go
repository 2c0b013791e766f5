package core

import (
	"net/url"
	"strings"
	"time"
)

// ID identifies a stored record. IDs come from the store's sequences and are
// never reused.
type ID uint64

// ProviderKind names where an event takes place.
type ProviderKind string

// MeetingKind distinguishes meetings from webinars at providers that
// have both (see EventForm.Kinds).
type MeetingKind string

const (
	KindMeeting MeetingKind = "meeting"
	KindWebinar MeetingKind = "webinar"
)

// Location is where an event happens online.
type Location struct {
	Provider  ProviderKind `json:"provider"`
	Kind      MeetingKind  `json:"kind,omitempty"`       // meeting or webinar, where the provider has kinds
	AccountID ID           `json:"account_id,omitempty"` // set when managed through a connected account
	// ExternalID is the provider's meeting/webinar ID (Zoom meeting ID, GoTo
	// webinar key, RingCentral webinar ID).
	ExternalID string `json:"external_id,omitempty"`
	// ExternalID2 is the second ID a provider needs (RingCentral session ID).
	ExternalID2 string `json:"external_id2,omitempty"`
	JoinURL     string `json:"join_url,omitempty"`
	Password    string `json:"password,omitempty"`
}

// Managed reports whether Turnout talks to the provider for this event.
func (l Location) Managed() bool { return l.AccountID != 0 }

// DefaultReminderLead is how long before the start reminders go out.
const DefaultReminderLead = 2 * time.Hour

// Event is a webinar or meeting at a start time.
type Event struct {
	ID           ID            `json:"id"`
	Title        string        `json:"title"`
	Description  string        `json:"description,omitempty"`
	Start        time.Time     `json:"start"` // an instant; shown in TimeZone
	Duration     time.Duration `json:"duration"`
	TimeZone     string        `json:"time_zone"`
	Location     Location      `json:"location"`
	ReminderLead time.Duration `json:"reminder_lead"`
	CreatedAt    time.Time     `json:"created_at"`
	UpdatedAt    time.Time     `json:"updated_at"`
	// Attendance decides who counts as attended (zero: any time at all).
	Attendance AttendanceRule `json:"attendance,omitzero"`
	// ClickWindow is how long before the start a reminder click counts
	// as attendance of a link-only event (zero: DefaultClickWindow); see
	// click_window.go.
	ClickWindow time.Duration `json:"click_window,omitempty"`
}

// End is the scheduled end.
func (e Event) End() time.Time { return e.Start.Add(e.Duration) }

// ReminderAt is when the reminder is due.
func (e Event) ReminderAt() time.Time { return e.Start.Add(-e.ReminderLead) }

// Validate checks an event and normalises it in place. Messages name the
// field to fill in.
func (e *Event) Validate() error {
	e.Title = strings.TrimSpace(e.Title)
	e.Location.ExternalID = strings.TrimSpace(e.Location.ExternalID)
	e.Location.ExternalID2 = strings.TrimSpace(e.Location.ExternalID2)
	e.Location.JoinURL = strings.TrimSpace(e.Location.JoinURL)
	if e.Title == "" {
		return Errorf(EINVALID, "Title is required.")
	}
	if e.Start.IsZero() {
		return Errorf(EINVALID, "Start time is required.")
	}
	if _, err := LoadNamedLocation(e.TimeZone); err != nil {
		return err
	}
	if e.Duration <= 0 {
		return Errorf(EINVALID, "Duration must be at least one minute.")
	}
	if e.Duration > 7*24*time.Hour {
		return Errorf(EINVALID, "Duration must be at most 7 days.")
	}
	if e.ReminderLead < 0 {
		return Errorf(EINVALID, "Reminder time must be before the start.")
	}
	if err := e.Attendance.Validate(); err != nil {
		return err
	}
	if err := validateClickWindow(e.ClickWindow); err != nil {
		return err
	}
	if e.Location.Provider == "" {
		e.Location.Provider = ProviderLink
	}
	return e.Location.validate()
}

func (l *Location) validate() error {
	p := l.Provider
	if _, err := ParseProvider(string(p)); err != nil {
		return err
	}
	spec, _ := Spec(p)
	form := spec.Events
	if len(form.Kinds) == 0 {
		l.Kind = ""
	} else {
		if l.Kind == "" {
			l.Kind = form.Kinds[0].Kind
		}
		var names []string
		known := false
		for _, k := range form.Kinds {
			names = append(names, string(k.Kind))
			known = known || k.Kind == l.Kind
		}
		if !known {
			return Errorf(EINVALID, "%s event kind %q is unknown; choose %s.", spec.Label, l.Kind, orList(names))
		}
	}
	for _, f := range form.FieldsFor(l.Kind) {
		if f.Need(l.Managed()) == NeedRequired && strings.TrimSpace(l.Get(f.Field)) == "" {
			return Errorf(EINVALID, "%s is required for a %s event.", f.Label, spec.Label)
		}
	}
	if l.JoinURL != "" {
		u, perr := url.Parse(l.JoinURL)
		if perr != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return Errorf(EINVALID, "Join URL %q is not a web address; it should start with https://.", l.JoinURL)
		}
	}
	return nil
}
