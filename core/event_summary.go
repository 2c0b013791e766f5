package core

import (
	"strings"
	"time"
)

// EventSummary is one line of the events list: the event and its numbers at
// a glance.
type EventSummary struct {
	Event
	Registered int  `json:"registered"` // active registrants
	Cancelled  int  `json:"cancelled"`
	Reminded   int  `json:"reminded"`
	CheckedIn  int  `json:"checked_in"`
	Past       bool `json:"past"` // the scheduled end has passed
	// Sandbox is true when the event is linked to a Sandbox (practice)
	// account: it is not on the real provider.
	Sandbox bool `json:"sandbox,omitempty"`
}

// ParseLocalTime reads a date and time typed by staff ("2026-12-01 14:00")
// in the given IANA zone.
func ParseLocalTime(s, zone string) (time.Time, error) {
	loc, err := LoadLocation(zone)
	if err != nil {
		return time.Time{}, err
	}
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, Errorf(EINVALID, "Start time %q is not understood; write it as 2026-12-01 14:00.", s)
}
