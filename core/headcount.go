package core

import (
	"strings"
)

// Headcount is an event's attendance report.
type Headcount struct {
	Event Event `json:"event"`
	// Registered counts everyone who ever registered, cancelled included.
	Registered int `json:"registered"`
	Cancelled  int `json:"cancelled"`
	Active     int `json:"active"` // registered and not cancelled
	Reminded   int `json:"reminded"`
	Clicked    int `json:"clicked"`
	// Attended counts active registrants checked in; AttendedBy splits it by
	// how Turnout knows.
	Attended   int                   `json:"attended"`
	AttendedBy map[CheckInSource]int `json:"attended_by"`
	NoShows    int                   `json:"no_shows"` // active, not checked in; 0 while NotOver
	// NotOver is set until the event has ended: no-shows and the
	// attendance rate do not apply yet (both 0) and screens show the
	// attendance figures as "after the event".
	NotOver bool `json:"not_over,omitempty"`
	WalkIns int  `json:"walk_ins"` // participants who matched no registrant
	// AttendanceRate is Attended / Active (0 when nobody is active, or
	// NotOver).
	AttendanceRate float64 `json:"attendance_rate"`
	// TotalMinutes sums registrants' attended minutes; AverageMinutes divides
	// it by Attended.
	TotalMinutes   int     `json:"total_minutes"`
	AverageMinutes float64 `json:"average_minutes"`
	WalkInMinutes  int     `json:"walk_in_minutes"`
	// Staff counts hosts, panelists and the office's own people present
	// (never walk-ins, attended or no-shows); StaffMinutes sums their
	// minutes. StaffRegistrants counts registrants present only as staff:
	// they are left out of NoShows and of the AttendanceRate.
	Staff            int `json:"staff"`
	StaffMinutes     int `json:"staff_minutes"`
	StaffRegistrants int `json:"staff_registrants,omitempty"`
	// JoinedBriefly counts registrants present below the attendance rule
	// (not attended); NotReady is set while the provider has no report
	// yet, so "0 attended" is not read as "nobody came"; Implied when the
	// check-ins come from reminder clicks (link-only events). See
	// checkin_report.go.
	JoinedBriefly int  `json:"joined_briefly"`
	NotReady      bool `json:"not_ready,omitempty"`
	Implied       bool `json:"implied,omitempty"`
	// ClickedEarly counts, for a link-only event, registrants who
	// clicked only before the click window opened: not attended.
	ClickedEarly int    `json:"clicked_early,omitempty"`
	Note         string `json:"note,omitempty"`
}

// Attendee is a checked-in registrant and how the provider's participant
// was tied to them (empty for manual and click check-ins).
type Attendee struct {
	Registrant
	MatchedBy MatchMethod
}

// ExportGroup picks which people an export lists.
type ExportGroup string

const (
	GroupAll       ExportGroup = "all"       // every registrant, cancelled included
	GroupAttended  ExportGroup = "attended"  // checked in
	GroupAbsent    ExportGroup = "absent"    // registered, not checked in (no-shows)
	GroupUnmatched ExportGroup = "unmatched" // walk-ins: participants who matched nobody
	GroupBriefly   ExportGroup = "briefly"   // registrants present below the attendance rule (checkin.go)
)

// ExportGroups lists the export groups in menu order.
var ExportGroups = []ExportGroup{GroupAll, GroupAttended, GroupAbsent, GroupBriefly, GroupUnmatched}

// Label names the group for staff.
func (g ExportGroup) Label() string {
	switch g {
	case GroupAll:
		return "Everyone registered"
	case GroupAttended:
		return "Attended"
	case GroupAbsent:
		return "Absent (no-shows)"
	case GroupUnmatched:
		return "Walk-ins (matched nobody)"
	case GroupBriefly:
		return "Joined briefly (below the attendance rule)"
	}
	return string(g)
}

// ParseExportGroup reads a group name; "" means all.
func ParseExportGroup(s string) (ExportGroup, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return GroupAll, nil
	}
	for _, g := range ExportGroups {
		if string(g) == s {
			return g, nil
		}
	}
	return "", Errorf(EINVALID, "ExportGroup %q is unknown; choose all, attended, absent, briefly or unmatched.", s)
}
