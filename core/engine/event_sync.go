package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
)

// EventSync counts an event's registrants by provider sync state, in one
// read.
func (e *Engine) EventSync(ctx context.Context, eventID core.ID) (EventSync, error) {
	var s EventSync
	err := e.store.View(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(eventID)
		if err != nil || !ev.Location.Managed() {
			return err
		}
		s.Managed = true
		a, err := tx.Account(ev.Location.AccountID)
		switch {
		case err == nil:
			s.Provider, s.Account, s.AccountActive = providerName(a), a.Name, a.Active
			if spec, ok := core.Spec(a.Provider); ok && !a.Sandbox {
				s.PushPerMinute = spec.PushPerMinute
			}
		case core.ErrorCode(err) == core.ENOTFOUND:
			s.Provider = ev.Location.Provider.Label()
		default:
			return err
		}
		return tx.Registrants(eventID, func(r core.Registrant) error {
			s.Count(&r, 1)
			return nil
		})
	})
	return s, err
}
