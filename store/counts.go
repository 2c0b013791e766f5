package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// Each event's core.RegistrantCounts live in registrant_counts and change
// with every registrant write. A transaction keeps the counts it touched in
// memory and writes them once when fn has succeeded, so a 100,000-row
// import updates them 100,000 times but stores them once.

// counts returns the event's counts as this transaction sees them.
func (t *tx) counts(eventID core.ID) (*core.RegistrantCounts, error) {
	if c, ok := t.dirtyCounts[eventID]; ok {
		return c, nil
	}
	b, err := t.bucket(bucketRegistrantCounts)
	if err != nil {
		return nil, err
	}
	c := new(core.RegistrantCounts)
	if v := b.Get(idKey(eventID)); v != nil {
		if err := json.Unmarshal(v, c); err != nil {
			return nil, fmt.Errorf("store: decode counts of event %d: %w", eventID, err)
		}
	}
	return c, nil
}

// recount moves the event's counts from old (nil for a new registrant) to
// r. Only writable transactions call it.
func (t *tx) recount(old *core.Registrant, r core.Registrant) error {
	c, err := t.counts(r.EventID)
	if err != nil {
		return err
	}
	if old != nil {
		c.Add(*old, -1)
	}
	c.Add(r, 1)
	if t.dirtyCounts == nil {
		t.dirtyCounts = map[core.ID]*core.RegistrantCounts{}
	}
	t.dirtyCounts[r.EventID] = c
	return nil
}

// flushCounts writes the counts this transaction changed.
func (t *tx) flushCounts() error {
	if len(t.dirtyCounts) == 0 {
		return nil
	}
	b, err := t.bucket(bucketRegistrantCounts)
	if err != nil {
		return err
	}
	for id, c := range t.dirtyCounts {
		if err := putCounts(b, id, *c); err != nil {
			return err
		}
	}
	return nil
}

func putCounts(b *bolt.Bucket, eventID core.ID, c core.RegistrantCounts) error {
	v, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: encode counts: %w", err)
	}
	return b.Put(idKey(eventID), v)
}

// forgetCounts drops a deleted event's counts.
func (t *tx) forgetCounts(eventID core.ID) error {
	delete(t.dirtyCounts, eventID)
	b, err := t.bucket(bucketRegistrantCounts)
	if err != nil {
		return err
	}
	return b.Delete(idKey(eventID))
}

// RegistrantCounts returns an event's running totals.
func (t *tx) RegistrantCounts(eventID core.ID) (core.RegistrantCounts, error) {
	if err := t.eventExists(eventID); err != nil {
		return core.RegistrantCounts{}, err
	}
	c, err := t.counts(eventID)
	if err != nil {
		return core.RegistrantCounts{}, err
	}
	return *c, nil
}
