package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
)

// RegistrantList loads an event's registrants for a screen.
func (e *Engine) RegistrantList(ctx context.Context, eventID core.ID) (*RegistrantList, error) {
	all, err := e.Registrants(ctx, eventID)
	if err != nil {
		return nil, err
	}
	return core.NewRegistrantList(all), nil
}

// RegistrantsByID loads the registrants a screen is told changed, in one
// transaction; IDs no longer found (event deleted) are left out.
func (e *Engine) RegistrantsByID(ctx context.Context, eventID core.ID, ids []core.ID) ([]core.Registrant, error) {
	out := make([]core.Registrant, 0, len(ids))
	err := e.store.View(ctx, func(tx core.Tx) error {
		for _, id := range ids {
			r, err := tx.Registrant(eventID, id)
			if core.ErrorCode(err) == core.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}
