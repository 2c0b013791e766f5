package ui

import (
	"fmt"
	"time"

	"github.com/turnout-app/turnout/core"
)

// whenLong shows an instant in a zone: "Tue 1 Dec 2026, 14:00 EST".
func whenLong(t time.Time, zone string) string {
	if loc, err := core.LoadLocation(zone); err == nil {
		t = t.In(loc)
	}
	return t.Format("Mon 2 Jan 2006, 15:04 MST")
}

// whenShort shows an instant without the year: "Tue 1 Dec, 12:00 EST".
func whenShort(t time.Time, zone string) string {
	if loc, err := core.LoadLocation(zone); err == nil {
		t = t.In(loc)
	}
	return t.Format("Mon 2 Jan, 15:04 MST")
}

// duration shows a length as staff say it: "1 h 30 min".
func duration(d time.Duration) string {
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%d min", m)
	case m == 0:
		return fmt.Sprintf("%d h", h)
	}
	return fmt.Sprintf("%d h %d min", h, m)
}

// where describes an event's location: "Zoom webinar", "Vimeo". An event
// of a Sandbox account says it is practice, not the real service.
func where(l core.Location, sandbox bool) string {
	name := l.Provider.Label()
	if spec, ok := core.Spec(l.Provider); ok && len(spec.Events.Kinds) > 0 && l.Kind != "" {
		name = spec.Label + " " + string(l.Kind)
	}
	if sandbox {
		kind := string(l.Kind)
		if kind == "" {
			kind = "event"
		}
		return "Sandbox practice " + kind + " — not on " + l.Provider.Label()
	}
	return name
}

// plural writes "1 registrant" or "3 registrants".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// leadText names a reminder lead: "2 hours before".
func leadText(d time.Duration) string {
	switch {
	case d == 0:
		return "at the start"
	case d%(24*time.Hour) == 0:
		return plural(int(d/(24*time.Hour)), "day", "days") + " before"
	case d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour", "hours") + " before"
	}
	return plural(int(d/time.Minute), "minute", "minutes") + " before"
}

// startExample is a start time written the way the editor reads it, a
// week after now at 14:00.
func startExample(now time.Time) string {
	return now.AddDate(0, 0, 7).Format("2006-01-02") + " 14:00"
}
