package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// Registrant returns one registrant of an event or core.NotFound.
func (t *tx) Registrant(eventID, id core.ID) (core.Registrant, error) {
	b, err := t.bucket(bucketRegistrants)
	if err != nil {
		return core.Registrant{}, err
	}
	key := childKey(eventID, id)
	v := b.Get(key)
	if v == nil {
		return core.Registrant{}, core.NotFound("Registrant", id)
	}
	var r core.Registrant
	if err := decodeRegistrant(v, &r); err != nil {
		return core.Registrant{}, fmt.Errorf("store: decode registrant %x: %w", key, err)
	}
	return r, nil
}

// RegistrantByEmail finds a registrant through the email index, so
// "Ann@X.org " finds ann@x.org.
func (t *tx) RegistrantByEmail(eventID core.ID, email string) (core.Registrant, error) {
	index, err := t.emailIndex()
	if err != nil {
		return core.Registrant{}, err
	}
	id, err := index.get(emailKey(eventID, email))
	if err != nil {
		return core.Registrant{}, err
	}
	if id == noID {
		return core.Registrant{}, core.Errorf(core.ENOTFOUND, "%s is not registered for this event.", email)
	}
	return t.Registrant(eventID, id)
}

// Registrants calls fn for each registrant of the event in ID order: one
// cursor scan over the event's key range, decoding each value straight
// into a fresh Registrant. In an Update, fn may write registrants; ones it
// adds to this event come later in ID order and are visited too.
func (t *tx) Registrants(eventID core.ID, fn func(core.Registrant) error) error {
	b, err := t.eventChildren(bucketRegistrants, eventID)
	if err != nil {
		return err
	}
	return scanPrefix(b, idKey(eventID), func(k, v []byte) error {
		var r core.Registrant
		if err := decodeRegistrant(v, &r); err != nil {
			return fmt.Errorf("store: decode registrant %x: %w", k, err)
		}
		return fn(r)
	})
}

// CountRegistrants counts the event's keys without decoding any value.
func (t *tx) CountRegistrants(eventID core.ID) (int, error) {
	b, err := t.eventChildren(bucketRegistrants, eventID)
	if err != nil {
		return 0, err
	}
	prefix := idKey(eventID)
	n := 0
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		n++
	}
	return n, nil
}

// eventChildren returns a child bucket after checking that the event
// exists, so that asking about a deleted event says so instead of
// answering "none".
func (t *tx) eventChildren(name []byte, eventID core.ID) (*bolt.Bucket, error) {
	if err := t.eventExists(eventID); err != nil {
		return nil, err
	}
	return t.bucket(name)
}

// PutRegistrant inserts r (ID zero: r.ID is set to a new ID, nothing else
// is filled in) or replaces the registrant with r's event and ID, keeping
// the email index in step. Another registrant of the event with the same
// core.EmailKey is refused with ECONFLICT. A registrant cannot move to
// another event: replacing looks it up under r.EventID.
func (t *tx) PutRegistrant(r *core.Registrant) error {
	if core.EmailKey(r.Email) == "" {
		return core.Errorf(core.EINVALID, "Email is required.")
	}
	if err := t.eventExists(r.EventID); err != nil {
		return err
	}
	b, err := t.appendBucket(bucketRegistrants)
	if err != nil {
		return err
	}
	index, err := t.emailIndex()
	if err != nil {
		return err
	}
	newEmail := emailKey(r.EventID, r.Email)
	if owner, err := index.get(newEmail); err != nil {
		return err
	} else if owner != noID && owner != r.ID {
		return core.Errorf(core.ECONFLICT, "%s is already registered for this event.", r.Email)
	}

	oldEmail := newEmail
	var previous *core.Registrant
	if r.ID == 0 {
		if r.ID, err = nextID(b); err != nil {
			return err
		}
		oldEmail = nil
	} else {
		key := childKey(r.EventID, r.ID)
		old := b.Get(key)
		if old == nil {
			return core.NotFound("Registrant", r.ID)
		}
		var stored core.Registrant
		if err := decodeRegistrant(old, &stored); err != nil {
			return fmt.Errorf("store: decode registrant %x: %w", key, err)
		}
		oldEmail = emailKey(r.EventID, stored.Email)
		previous = &stored
	}
	if err := t.recount(previous, *r); err != nil {
		return err
	}
	data, err := encodeRegistrant(r)
	if err != nil {
		return fmt.Errorf("store: encode registrant: %w", err)
	}
	if err := b.Put(childKey(r.EventID, r.ID), data); err != nil {
		return err
	}
	// Most replacements (reminders, check-ins) keep the address and leave
	// the index alone.
	if !bytes.Equal(oldEmail, newEmail) {
		if oldEmail != nil {
			index.delete(oldEmail)
		}
		index.put(newEmail, r.ID)
	}
	return nil
}
