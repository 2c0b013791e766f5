package engine

import (
	"github.com/turnout-app/turnout/core"
)

// Where an event's attendance comes from. An event whose provider reports
// participants, or whose attendance came from a report (pulled from the
// provider or imported from an attendee file), counts only what the
// report says: a reminder click is not attendance there, it stays in the
// "Clicked" count. Only a link-only event without any report takes a
// click as the implied check-in.

// reportsParticipants reports whether the event's provider gives a
// participant report (Zoom does, a Vimeo link does not), whether or not
// the event is linked to an account.
func reportsParticipants(ev core.Event) bool {
	s, ok := core.Spec(ev.Location.Provider)
	return ok && s.Caps.Participants
}

// hasReport reports whether the event's attendance came from a
// participant report: someone was read from one, or a complete run read
// attendees.
func hasReport(tx core.Tx, eventID core.ID) (bool, error) {
	found := false
	err := tx.Participants(eventID, func(core.Participant) error { found = true; return errStop })
	if err == errStop {
		err = nil
	}
	if err != nil || found {
		return found, err
	}
	err = tx.CheckInRuns(eventID, func(r core.CheckInRun) error {
		found = found || (r.OK() && r.Attendees > 0)
		return nil
	})
	return found, err
}

// clicksImplyAttendance reports whether a reminder click checks people in
// to the event: only a link-only event with no report.
func clicksImplyAttendance(tx core.Tx, ev core.Event) (bool, error) {
	if ev.Location.Managed() || reportsParticipants(ev) {
		return false, nil
	}
	has, err := hasReport(tx, ev.ID)
	return !has, err
}

// dropClickCheckIns undoes the check-ins an earlier version implied from
// reminder clicks on an event whose attendance comes from a report; the
// clicks themselves stay counted. Manual check-ins are left alone.
func (e *Engine) dropClickCheckIns(tx core.Tx, eventID core.ID, who string) (int, error) {
	var todo []core.Registrant
	err := tx.Registrants(eventID, func(r core.Registrant) error {
		if r.CheckIn != nil && r.CheckIn.Source == core.SourceClick {
			todo = append(todo, r)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	for i := range todo {
		r := &todo[i]
		before := checkInLabel(r.CheckIn)
		r.CheckIn = nil
		if err := e.putAudited(tx, r, who, "undo implied check-in (the participant report decides)", before); err != nil {
			return 0, err
		}
	}
	return len(todo), nil
}
