package checkin

import (
	"errors"
	"fmt"
	"strings"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/csvfile"
)

// Layout names the kind of attendee report a file is, as staff know it.
type Layout string

// The layouts ReadReport recognises.
const (
	LayoutZoomWebinar Layout = "Zoom webinar attendee report"
	LayoutZoomMeeting Layout = "Zoom meeting participant report"
	LayoutTeams       Layout = "Microsoft Teams attendance report"
	LayoutGoTo        Layout = "GoTo Webinar attendee report"
	LayoutRingCentral Layout = "RingCentral Webinar participant export"
	LayoutTable       Layout = "participant list"
)

// layoutMarks collects what gives a report's layout away.
type layoutMarks struct {
	teams, goTo, ringCentral, zoomWebinar, meeting, originalName, hostRoles bool
}

func (m *layoutMarks) section(s reportSection, zoom bool) {
	switch {
	case zoom:
		m.zoomWebinar = true
	case s == sectionSummary || s == sectionTeamsPeople || s == sectionTeamsJoins:
		m.teams = true
	}
}

// title reads the lines above and between tables for the portal's name.
func (m *layoutMarks) title(rec []string) {
	for _, c := range rec {
		switch k := csvfile.HeaderKey(c); {
		case strings.Contains(k, "gotowebinar"):
			m.goTo = true
		case strings.Contains(k, "ringcentral"):
			m.ringCentral = true
		}
	}
}

func (m *layoutMarks) header(rec []string) {
	for _, h := range rec {
		switch k := csvfile.HeaderKey(asciiBrackets(h)); {
		case k == "participantidupn" || k == "inmeetingduration":
			m.teams = true
		case k == "interestrating":
			m.goTo = true
		case strings.HasPrefix(csvfile.Note(asciiBrackets(h)), "original") || strings.Contains(k, "原始") || strings.Contains(k, "元の"):
			m.originalName = true
		}
	}
}

// role notes the host, cohost and panelist roles RingCentral's export
// writes in a Role column (Teams has organizers and presenters).
func (m *layoutMarks) role(r core.StaffRole) {
	if r == core.RoleHost || r == core.RoleCoHost || r == core.RolePanelist {
		m.hostRoles = true
	}
}

func (m layoutMarks) layout() Layout {
	switch {
	case m.teams:
		return LayoutTeams
	case m.goTo:
		return LayoutGoTo
	case m.ringCentral:
		return LayoutRingCentral
	case m.zoomWebinar:
		return LayoutZoomWebinar
	case m.meeting || m.originalName:
		return LayoutZoomMeeting
	case m.hostRoles:
		return LayoutRingCentral
	}
	return LayoutTable
}

// ErrNoReportHeader says the file has no line naming a participant's
// columns; the error ReadReport returns names the columns it found (see
// errors.Is).
var ErrNoReportHeader = errors.New("no attendee report header")

// needColumns is what a report must have, in words for staff.
const needColumns = `a column with each person's name or email (such as "Name", "User Email" or "Email") and one with their time (such as "Join Time" or "Duration")`

type noHeader struct{ found []string }

func noHeaderError(firstRow []string) error {
	return &noHeader{found: firstRow}
}

// Unwrap makes the error user-safe: core.ErrorMessage shows Error() and
// core.ErrorCode says EINVALID.
func (e *noHeader) Unwrap() error { return core.Errorf(core.EINVALID, "%s", e.Error()) }

func (e *noHeader) Is(target error) bool { return target == ErrNoReportHeader }

func (e *noHeader) Error() string {
	found := "no columns at all"
	if len(e.found) > 0 {
		cols := e.found
		more := ""
		if len(cols) > 12 {
			cols, more = cols[:12], fmt.Sprintf(" and %d more", len(e.found)-12)
		}
		found = "the columns " + quoteAll(cols) + more
	}
	return fmt.Sprintf("This file is not an attendee report Turnout knows: it has %s, but Turnout needs %s. %s",
		found, needColumns, reportAdvice)
}

func quoteAll(cols []string) string {
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = fmt.Sprintf("%q", c)
	}
	return strings.Join(q, ", ")
}
