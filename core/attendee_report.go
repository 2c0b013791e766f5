package core

import "fmt"

// SkippedLine is a line of an imported file that was not read, and why,
// in words for staff.
type SkippedLine struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// AttendeeReportPlan is what importing an attendee report file would do,
// shown before anything is written (like a registrant import preview).
type AttendeeReportPlan struct {
	EventID ID `json:"event_id"`
	// Layout names the report recognised: "Zoom webinar attendee report",
	// "Microsoft Teams attendance report"…
	Layout string `json:"layout"`
	Rows   int    `json:"rows"`   // join lines read
	People int    `json:"people"` // people, once each however often they joined
	// Registered is how many of the attendees (not staff) match a
	// registrant; WalkIns are the attendees who match none.
	Registered int `json:"registered"`
	WalkIns    int `json:"walk_ins"`
	// Staff are the hosts, panelists, organizers and presenters the file
	// names; they are never walk-ins.
	Staff   int           `json:"staff"`
	Skipped []SkippedLine `json:"skipped,omitempty"`
}

// Lines says what the plan would do, one fact a line, in office words.
func (p AttendeeReportPlan) Lines() []string {
	out := []string{
		fmt.Sprintf("%s: %s read, %d %s.", p.Layout, countOf(p.Rows, "line"), p.People, plural(p.People, "person", "people")),
		fmt.Sprintf("Registered: %d", p.Registered),
		fmt.Sprintf("Walk-ins: %d", p.WalkIns),
		fmt.Sprintf("Staff (hosts, panelists, organizers, presenters): %d", p.Staff),
	}
	if len(p.Skipped) > 0 {
		out = append(out, fmt.Sprintf("Skipped lines: %d", len(p.Skipped)))
		for _, l := range p.Skipped {
			out = append(out, fmt.Sprintf("  line %d: %s", l.Line, l.Reason))
		}
	}
	return out
}
