package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
)

// WalkIns returns the participants of an event who matched no registrant
// and were not staff, in the order the provider reported them.
func (e *Engine) WalkIns(ctx context.Context, eventID core.ID) ([]core.Participant, error) {
	var out []core.Participant
	err := e.store.View(ctx, func(tx core.Tx) error {
		return tx.Participants(eventID, func(p core.Participant) error {
			if p.WalkIn() {
				out = append(out, p)
			}
			return nil
		})
	})
	return out, err
}

// NextEvent returns the first event that has not started yet, and false
// when none is scheduled.
func (e *Engine) NextEvent(ctx context.Context) (core.Event, bool, error) {
	var next core.Event
	found := false
	now := e.clock.Now()
	err := e.store.View(ctx, func(tx core.Tx) error {
		events, err := tx.Events()
		if err != nil {
			return err
		}
		for _, ev := range events {
			if ev.Start.After(now) && (!found || ev.Start.Before(next.Start)) {
				next, found = ev, true
			}
		}
		return nil
	})
	return next, found, err
}

// Attendees returns the active registrants who are checked in, in the
// order they registered.
func (e *Engine) Attendees(ctx context.Context, eventID core.ID) ([]Attendee, error) {
	var out []Attendee
	err := e.store.View(ctx, func(tx core.Tx) error {
		methods, err := matchMethods(tx, eventID)
		if err != nil {
			return err
		}
		return tx.Registrants(eventID, func(r core.Registrant) error {
			if groupIncludes(GroupAttended, r) {
				out = append(out, Attendee{Registrant: r, MatchedBy: methods[r.ID]})
			}
			return nil
		})
	})
	return out, err
}

// matchMethods maps each matched registrant to how their participant was
// matched.
func matchMethods(tx core.Tx, eventID core.ID) (map[core.ID]core.MatchMethod, error) {
	m := map[core.ID]core.MatchMethod{}
	err := tx.Participants(eventID, func(p core.Participant) error {
		if p.RegistrantID != 0 {
			m[p.RegistrantID] = p.MatchMethod
		}
		return nil
	})
	return m, err
}
