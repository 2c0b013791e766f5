package engine

import (
	"context"
	"fmt"
	"strings"

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
			return reportClicks(tx, h)
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

// reportClicks explains a link-only event's click check-ins: how many
// there are, and who clicked only before the click window opened.
func reportClicks(tx core.Tx, h *Headcount) error {
	implied, err := clicksImplyAttendance(tx, h.Event)
	if err != nil || !implied {
		return err
	}
	opens := h.Event.ClickWindowOpens()
	if h.Clicked > 0 { // the stored counts say whether anyone clicked: no walk when nobody did
		err = tx.Registrants(h.Event.ID, func(r core.Registrant) error {
			if r.Active() && r.CheckIn == nil && !r.FirstClickAt.IsZero() && r.FirstClickAt.Before(opens) {
				h.ClickedEarly++
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var notes []string
	if n := h.AttendedBy[core.SourceClick]; n > 0 {
		h.Implied = true
		notes = append(notes, fmt.Sprintf("%d check-ins are implied by reminder clicks: this link-only event has no participant report.", n))
	}
	if h.ClickedEarly > 0 {
		at := opens
		if loc, err := core.LoadLocation(h.Event.TimeZone); err == nil {
			at = opens.In(loc)
		}
		notes = append(notes, fmt.Sprintf("%s clicked only before %s, when clicks start to count as attendance, so they are not counted as attended.",
			peopleCount(h.ClickedEarly), at.Format("15:04 on 2 Jan")))
	}
	h.Note = strings.Join(notes, " ")
	return nil
}

// peopleCount is "1 person" or "n people".
func peopleCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return fmt.Sprintf("%d people", n)
}
