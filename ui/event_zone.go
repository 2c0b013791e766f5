package ui

import (
	"time"

	"github.com/turnout-app/turnout/core"
)

// officeTime is the start in the office's zone when the event keeps
// another one (an imported webinar keeps the zone it was set up in):
// " · 09:00 EST at the office"; "" when both zones show the same clock.
func officeTime(t time.Time, eventZone string, office core.Office) string {
	ev, err1 := core.LoadLocation(eventZone)
	of, err2 := core.LoadLocation(office.TimeZone)
	if err1 != nil || err2 != nil {
		return ""
	}
	inEvent, inOffice := t.In(ev), t.In(of)
	if inEvent.Format("2006-01-02 15:04 MST") == inOffice.Format("2006-01-02 15:04 MST") {
		return ""
	}
	layout := "15:04 MST"
	if inEvent.YearDay() != inOffice.YearDay() {
		layout = "Mon 15:04 MST"
	}
	return " · " + inOffice.Format(layout) + " at the office"
}
