package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
)

// Report computes the headcount of an event.
func (e *Engine) Report(ctx context.Context, eventID core.ID) (Headcount, error) {
	h := Headcount{AttendedBy: map[core.CheckInSource]int{}}
	err := e.store.View(ctx, func(tx core.Tx) error {
		var err error
		if h.Event, err = tx.Event(eventID); err != nil {
			return err
		}
		c, err := tx.RegistrantCounts(eventID)
		if err != nil {
			return err
		}
		setCounts(&h, c)
		staffRegs := map[core.ID]bool{}
		err = tx.Participants(eventID, func(p core.Participant) error {
			switch {
			case p.IsStaff():
				h.Staff++
				h.StaffMinutes += p.Minutes
				if p.RegistrantID != 0 {
					staffRegs[p.RegistrantID] = true
				}
			case p.RegistrantID == 0:
				h.WalkIns++
				h.WalkInMinutes += p.Minutes
			}
			return nil
		})
		if err != nil {
			return err
		}
		return countStaffRegistrants(tx, &h, staffRegs)
	})
	if err == nil {
		err = e.reportCheckIn(ctx, &h)
	}
	// Before the end nobody can be a no-show and no rate means anything:
	// the report shows them as "after the event".
	if h.NotOver = e.clock.Now().Before(h.Event.End()); h.NotOver {
		h.NoShows = 0
	} else if expected := h.Active - h.StaffRegistrants; expected > 0 {
		h.AttendanceRate = float64(h.Attended) / float64(expected)
	}
	if h.Attended > 0 {
		h.AverageMinutes = float64(h.TotalMinutes) / float64(h.Attended)
	}
	return h, err
}

func setCounts(h *Headcount, c core.RegistrantCounts) {
	h.Registered, h.Cancelled, h.Active = c.Total, c.Cancelled, c.Active()
	h.Reminded, h.Clicked, h.Attended = c.Reminded, c.Clicked, c.Attended()
	for _, s := range core.CheckInSources {
		h.AttendedBy[s] = c.AttendedBy(s)
	}
	h.NoShows = h.Active - h.Attended
	h.TotalMinutes = c.Minutes
}

// countStaffRegistrants leaves registrants present only as staff (not
// checked in) out of the no-shows: they ran the event.
func countStaffRegistrants(tx core.Tx, h *Headcount, staffRegs map[core.ID]bool) error {
	if len(staffRegs) == 0 {
		return nil
	}
	err := tx.Registrants(h.Event.ID, func(r core.Registrant) error {
		if staffRegs[r.ID] && r.Active() && r.CheckIn == nil {
			h.StaffRegistrants++
		}
		return nil
	})
	h.NoShows -= h.StaffRegistrants
	return err
}
