package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
)

// SaveEvent creates (ID zero) or updates an event the way its location
// asks: an event linked to an account is filled from the provider first
// (warnings say what staff should check), any other is stored as typed.
func (e *Engine) SaveEvent(ctx context.Context, ev core.Event) (core.Event, []string, error) {
	if ev.Location.Managed() {
		return e.SaveLinkedEvent(ctx, ev)
	}
	var err error
	if ev.ID == 0 {
		ev, err = e.CreateEvent(ctx, ev)
	} else {
		ev, err = e.UpdateEvent(ctx, ev)
	}
	return ev, nil, err
}

// AccountsFor lists the active accounts an event at this provider can be
// linked to, Sandbox accounts included.
func (e *Engine) AccountsFor(ctx context.Context, p core.ProviderKind) ([]core.Account, error) {
	all, err := e.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	var out []core.Account
	for _, a := range all {
		if a.Provider == p && a.Active {
			out = append(out, a)
		}
	}
	return out, nil
}
