package core

import (
	"time"
)

// For a link-only event (no participant report) a reminder click is the
// only sign someone attended. A click weeks before is someone checking
// the link, not attending: only clicks inside the click window count,
// from ClickWindow before the start to the scheduled end. Earlier clicks
// are reported as "clicked early".

// DefaultClickWindow is how long before the start clicks count.
const DefaultClickWindow = 30 * time.Minute

// maxClickWindow bounds the window so "attended" keeps its meaning.
const maxClickWindow = 24 * time.Hour

// ClickWindowOpens is when clicks start to count as attendance.
func (e Event) ClickWindowOpens() time.Time {
	w := e.ClickWindow
	if w <= 0 {
		w = DefaultClickWindow
	}
	return e.Start.Add(-w)
}

// ClickCountsAsAttendance reports whether a click at t falls inside the
// click window.
func (e Event) ClickCountsAsAttendance(t time.Time) bool {
	return !t.Before(e.ClickWindowOpens()) && !t.After(e.End())
}

func validateClickWindow(w time.Duration) error {
	if w < 0 || w > maxClickWindow {
		return Errorf(EINVALID, "Clicks can count as attendance from at most 24 hours before the start; "+
			"choose a shorter time (the default is 30 minutes).")
	}
	return nil
}
