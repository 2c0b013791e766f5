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

const (
	ProviderZoom        ProviderKind = "zoom"
	ProviderGoTo        ProviderKind = "gotowebinar"
	ProviderRingCentral ProviderKind = "ringcentral"
	ProviderVimeo       ProviderKind = "vimeo"
	ProviderLink        ProviderKind = "link"
)

// Providers lists every provider kind in the order menus show them.
var Providers = []ProviderKind{ProviderZoom, ProviderGoTo, ProviderRingCentral, ProviderVimeo, ProviderLink}

// Label is the provider's name as staff know it.
func (p ProviderKind) Label() string {
	switch p {
	case ProviderZoom:
		return "Zoom"
	case ProviderGoTo:
		return "GoTo Webinar"
	case ProviderRingCentral:
		return "RingCentral Webinar"
	case ProviderVimeo:
		return "Vimeo"
	case ProviderLink:
		return "Other link"
	}
	return string(p)
}

// ParseProvider accepts a provider name in any case; "" means link.
func ParseProvider(s string) (ProviderKind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ProviderLink, nil
	}
	for _, p := range Providers {
		if string(p) == s {
			return p, nil
		}
	}
	return "", Errorf(EINVALID, "Provider %q is unknown; choose one of zoom, gotowebinar, ringcentral, vimeo or link.", s)
}

// MeetingKind distinguishes Zoom meetings from webinars.
type MeetingKind string

const (
	KindMeeting MeetingKind = "meeting"
	KindWebinar MeetingKind = "webinar"
)

// Location is where an event happens online.
type Location struct {
	Provider  ProviderKind `json:"provider"`
	Kind      MeetingKind  `json:"kind,omitempty"`       // zoom: meeting or webinar
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
	if _, err := LoadLocation(e.TimeZone); err != nil {
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
	if e.Location.Provider == "" {
		e.Location.Provider = ProviderLink
	}
	return e.Location.validate()
}

func (l *Location) validate() error {
	p := l.Provider
	label := p.Label()
	if _, err := ParseProvider(string(p)); err != nil {
		return err
	}
	if p == ProviderZoom {
		if l.Kind == "" {
			l.Kind = KindMeeting
		}
		if l.Kind != KindMeeting && l.Kind != KindWebinar {
			return Errorf(EINVALID, "Zoom event kind %q is unknown; choose meeting or webinar.", l.Kind)
		}
	} else {
		l.Kind = ""
	}
	need := func(v, field string) error {
		if strings.TrimSpace(v) == "" {
			return Errorf(EINVALID, "%s is required for a %s event.", field, label)
		}
		return nil
	}
	var err error
	switch p {
	case ProviderZoom:
		if err = need(l.ExternalID, "Zoom "+string(l.Kind)+" ID"); err == nil && !l.Managed() {
			// Without a connected account Turnout cannot ask Zoom for these.
			if err = need(l.JoinURL, "Join URL"); err == nil {
				err = need(l.Password, "Passcode")
			}
		}
	case ProviderGoTo:
		err = need(l.ExternalID, "Webinar key")
	case ProviderRingCentral:
		if err = need(l.ExternalID, "Webinar ID"); err == nil {
			err = need(l.ExternalID2, "Session ID")
		}
	case ProviderVimeo, ProviderLink:
		err = need(l.JoinURL, "Join URL")
	}
	if err != nil {
		return err
	}
	if l.JoinURL != "" {
		u, perr := url.Parse(l.JoinURL)
		if perr != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return Errorf(EINVALID, "Join URL %q is not a web address; it should start with https://.", l.JoinURL)
		}
	}
	return nil
}
