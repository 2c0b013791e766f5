package engine

import (
	"context"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// Sessions lists the sessions of a webinar at an account's provider
// (RingCentral sessions, GoTo sequences and series), oldest first, so
// staff can pick the one an event belongs to instead of copying its ID.
// The account must be active, as for linking.
func (e *Engine) Sessions(ctx context.Context, accountID core.ID, kind core.MeetingKind, externalID string) ([]core.Session, error) {
	externalID = strings.TrimSpace(externalID)
	if externalID == "" {
		return nil, core.Errorf(core.EINVALID, "Type the webinar ID first; Turnout then lists its sessions.")
	}
	a, p, err := e.linkAccount(ctx, accountID)
	if err != nil {
		return nil, err
	}
	if !p.Capabilities().Sessions {
		return nil, core.Errorf(core.EINVALID, "%s webinars have no separate sessions to choose from.", providerName(a))
	}
	if kind == "" {
		if spec, _ := core.Spec(a.Provider); len(spec.Events.Kinds) > 0 {
			kind = spec.Events.Kinds[0].Kind
		} else {
			kind = core.KindWebinar
		}
	}
	list, err := p.Sessions(ctx, kind, externalID)
	if err != nil {
		return nil, core.Errorf(core.EUNAVAILABLE, "%s", e.providerMessage(a, err))
	}
	return list, nil
}
