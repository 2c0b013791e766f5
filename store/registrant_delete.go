package store

import (
	"fmt"

	"github.com/turnout-app/turnout/core"
)

// DeleteRegistrant removes one registrant of an event with their audit
// log, keeping the email index and the event's counts in step. It exists
// to take back a registrant staff added by mistake moments ago (Undo);
// ordinary removal is cancelling, which keeps the history.
func (t *tx) DeleteRegistrant(eventID, id core.ID) error {
	b, err := t.eventChildren(bucketRegistrants, eventID)
	if err != nil {
		return err
	}
	key := childKey(eventID, id)
	v := b.Get(key)
	if v == nil {
		return core.NotFound("Registrant", id)
	}
	var old core.Registrant
	if err := decodeRegistrant(v, &old); err != nil {
		return fmt.Errorf("store: decode registrant %x: %w", key, err)
	}
	if err := b.Delete(key); err != nil {
		return err
	}
	c, err := t.counts(eventID)
	if err != nil {
		return err
	}
	c.Add(old, -1)
	if t.dirtyCounts == nil {
		t.dirtyCounts = map[core.ID]*core.RegistrantCounts{}
	}
	t.dirtyCounts[eventID] = c
	index, err := t.emailIndex()
	if err != nil {
		return err
	}
	index.delete(emailKey(eventID, old.Email))
	audit, err := t.bucket(bucketAudit)
	if err != nil {
		return err
	}
	return deletePrefix(audit, key)
}
