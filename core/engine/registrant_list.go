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
