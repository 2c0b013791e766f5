package engine

import (
	"context"
	"time"

	"github.com/turnout-app/turnout/core"
)

// UndoCancel takes back a cancellation made a moment ago: the person is
// registered again as they were, with their first registration date.
// Reregister, by contrast, registers someone anew, dated today. For an
// event managed at a provider the registration is pushed there again.
func (e *Engine) UndoCancel(ctx context.Context, eventID, id core.ID) (r core.Registrant, err error) {
	err = e.store.Update(ctx, func(tx core.Tx) error {
		if r, err = tx.Registrant(eventID, id); err != nil {
			return err
		}
		if r.Active() {
			return nil // already undone (two taps, or re-registered meanwhile)
		}
		r.Status, r.CancelledAt, r.UpdatedAt = core.StatusRegistered, time.Time{}, e.clock.Now()
		return e.putSynced(tx, nil, &r)
	})
	return r, err
}
