package store

import (
	"cmp"
	"slices"

	"github.com/turnout-app/turnout/core"
)

// Office returns the saved office settings, or core.DefaultOffice when none
// have been saved yet.
func (t *tx) Office() (core.Office, error) {
	b, err := t.bucket(bucketSettings)
	if err != nil {
		return core.Office{}, err
	}
	var o core.Office
	if found, err := getJSON(b, keyOffice, &o); err != nil || !found {
		return core.DefaultOffice(), err
	}
	return o, nil
}

// PutOffice saves the office settings as given; validation is the
// caller's.
func (t *tx) PutOffice(o core.Office) error {
	b, err := t.bucket(bucketSettings)
	if err != nil {
		return err
	}
	return putJSON(b, keyOffice, o)
}

// Event returns one event or core.NotFound.
func (t *tx) Event(id core.ID) (core.Event, error) {
	b, err := t.bucket(bucketEvents)
	if err != nil {
		return core.Event{}, err
	}
	var e core.Event
	found, err := getJSON(b, idKey(id), &e)
	if err == nil && !found {
		err = core.NotFound("Event", id)
	}
	return e, err
}

// eventExists checks that children are not stored for an unknown event.
func (t *tx) eventExists(id core.ID) error {
	b, err := t.bucket(bucketEvents)
	if err != nil {
		return err
	}
	if b.Get(idKey(id)) == nil {
		return core.NotFound("Event", id)
	}
	return nil
}

// Events returns every event ordered by start time (then ID, so events
// that start together keep a stable order).
func (t *tx) Events() ([]core.Event, error) {
	b, err := t.bucket(bucketEvents)
	if err != nil {
		return nil, err
	}
	var events []core.Event
	err = scanPrefix(b, nil, func(k, v []byte) error {
		var e core.Event
		if err := decodeJSON(k, v, &e); err != nil {
			return err
		}
		events = append(events, e)
		return nil
	})
	slices.SortStableFunc(events, func(a, b core.Event) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	return events, err
}

// PutEvent inserts e (ID zero: e.ID is set to a new ID) or replaces the
// stored event with e's ID. Replacing an event that does not exist is
// refused with core.NotFound rather than creating it, because an ID not
// drawn from the sequence would later be handed out again.
func (t *tx) PutEvent(e *core.Event) error {
	b, err := t.bucket(bucketEvents)
	if err != nil {
		return err
	}
	if e.ID == 0 {
		if e.ID, err = nextID(b); err != nil {
			return err
		}
	} else if b.Get(idKey(e.ID)) == nil {
		return core.NotFound("Event", e.ID)
	}
	return putJSON(b, idKey(e.ID), e)
}

// DeleteEvent removes an event with its registrants, their email index
// entries and its participants.
func (t *tx) DeleteEvent(id core.ID) error {
	events, err := t.bucket(bucketEvents)
	if err != nil {
		return err
	}
	key := idKey(id)
	if events.Get(key) == nil {
		return core.NotFound("Event", id)
	}
	if err := events.Delete(key); err != nil {
		return err
	}
	if err := t.forgetCounts(id); err != nil {
		return err
	}
	// Every child key starts with the event's 8-byte ID.
	for _, name := range [][]byte{bucketRegistrants, bucketRegistrantEmails, bucketParticipants, bucketAudit, bucketCheckInRuns} {
		b, err := t.bucket(name)
		if err != nil {
			return err
		}
		if err := deletePrefix(b, key); err != nil {
			return err
		}
	}
	index, err := t.emailIndex()
	if err != nil {
		return err
	}
	if index.pending != nil {
		index.forgetPrefix(key)
	}
	return nil
}
