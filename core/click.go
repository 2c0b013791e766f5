package core

import "time"

// Click is one visit to a registrant's tracked link.
type Click struct {
	EventID      ID        `json:"event_id"`
	RegistrantID ID        `json:"registrant_id"`
	At           time.Time `json:"at"`
	UserAgent    string    `json:"user_agent,omitempty"`
}

// ClickLog is the part of a transaction that keeps the clicks on tracked
// links.
type ClickLog interface {
	// AddClick appends a click to the log.
	AddClick(c Click) error
	// Clicks calls fn for each logged click of an event, oldest first per
	// registrant, until fn returns an error.
	Clicks(eventID ID, fn func(Click) error) error
}

// Settings is the part of a transaction that keeps named settings beyond
// the office (mail server, tracking, secrets). Values are opaque bytes,
// usually JSON; a missing key reads as nil without error.
type Settings interface {
	Setting(key string) ([]byte, error)
	PutSetting(key string, value []byte) error
}
