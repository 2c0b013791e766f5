package engine

import (
	"context"
	"fmt"

	"github.com/turnout-app/turnout/core"
)

// reportCheckIn adds what check-in knows to a headcount: who joined only
// briefly, whether the provider's report is still "not ready", and that
// a link-only event's check-ins are implied by reminder clicks.
func (e *Engine) reportCheckIn(ctx context.Context, h *Headcount) error {
	return e.store.View(ctx, func(tx core.Tx) error {
		err := tx.Participants(h.Event.ID, func(p core.Participant) error {
			if p.RegistrantID != 0 && p.JoinedBriefly {
				h.JoinedBriefly++
			}
			return nil
		})
		if err != nil {
			return err
		}
		if !h.Event.Location.Managed() {
			implied, err := clicksImplyAttendance(tx, h.Event)
			if n := h.AttendedBy[core.SourceClick]; err == nil && n > 0 && implied {
				h.Implied = true
				h.Note = fmt.Sprintf("%d check-ins are implied by reminder clicks: this link-only event has no participant report.", n)
			}
			return err
		}
		var last core.CheckInRun
		everOK := false
		err = tx.CheckInRuns(h.Event.ID, func(r core.CheckInRun) error {
			last, everOK = r, everOK || r.OK()
			return nil
		})
		if err != nil {
			return err
		}
		if last.ID != 0 && last.NotReady && !everOK {
			h.NotReady = true
			h.Note = fmt.Sprintf("Not ready: %s has no participant report for this event yet (checked %s). %s",
				h.Event.Location.Provider.Label(), last.At.Format("Jan 2 15:04"), core.RetryNote)
		}
		return nil
	})
}
