package store

import (
	"github.com/turnout-app/turnout/core"
)

// Participants calls fn for each participant of the event in ID order.
// In an Update, fn may write participants.
func (t *tx) Participants(eventID core.ID, fn func(core.Participant) error) error {
	b, err := t.eventChildren(bucketParticipants, eventID)
	if err != nil {
		return err
	}
	return scanPrefix(b, idKey(eventID), func(k, v []byte) error {
		var p core.Participant
		if err := decodeJSON(k, v, &p); err != nil {
			return err
		}
		return fn(p)
	})
}

// PutParticipant inserts p (ID zero: p.ID is set to a new ID) or replaces
// the participant with p's event and ID.
func (t *tx) PutParticipant(p *core.Participant) error {
	if err := t.eventExists(p.EventID); err != nil {
		return err
	}
	b, err := t.appendBucket(bucketParticipants)
	if err != nil {
		return err
	}
	if p.ID == 0 {
		if p.ID, err = nextID(b); err != nil {
			return err
		}
	} else if b.Get(childKey(p.EventID, p.ID)) == nil {
		return core.NotFound("Participant", p.ID)
	}
	return putJSON(b, childKey(p.EventID, p.ID), p)
}
