package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// tx implements core.Tx on one bbolt transaction. It is only valid inside
// the fn given to View or Update: bbolt unmaps the pages it read once the
// transaction ends, so every method refuses to run after that.
type tx struct {
	b      *bolt.Tx
	ended  bool
	emails *emailIndex // opened on first use
	// dirtyCounts holds the registrant counts this transaction changed.
	dirtyCounts map[core.ID]*core.RegistrantCounts
	secrets     *secretKeeper // nil: secrets stay in the records
}

var _ core.Tx = (*tx)(nil)

var errTxEnded = fmt.Errorf("store: transaction used after its View/Update function returned")

// bucket returns a top-level bucket, or an error if the transaction has
// ended or the bucket is missing (a damaged file: migrations create all).
func (t *tx) bucket(name []byte) (*bolt.Bucket, error) {
	if t.ended {
		return nil, errTxEnded
	}
	b := t.b.Bucket(name)
	if b == nil {
		return nil, fmt.Errorf("store: bucket %s is missing", name)
	}
	return b, nil
}

// appendFillPercent is how full bbolt packs the pages of buckets whose
// keys mostly arrive in order (IDs from a sequence, the sorted email index
// flush). bbolt's default of 0.5 suits random inserts but leaves appended
// pages half empty: twice the file, twice the pages to write and read.
const appendFillPercent = 0.9

// appendBucket returns a bucket whose new keys come from a sequence, tuned
// for appends.
func (t *tx) appendBucket(name []byte) (*bolt.Bucket, error) {
	b, err := t.bucket(name)
	if err == nil && b.Writable() {
		b.FillPercent = appendFillPercent
	}
	return b, err
}

// emailIndex returns the transaction's view of registrant_emails.
func (t *tx) emailIndex() (*emailIndex, error) {
	if t.emails == nil {
		b, err := t.bucket(bucketRegistrantEmails)
		if err != nil {
			return nil, err
		}
		t.emails = newEmailIndex(b)
	}
	return t.emails, nil
}

// finish applies held-back writes; Update calls it after fn succeeded.
func (t *tx) finish() error {
	if err := t.flushCounts(); err != nil {
		return err
	}
	if t.emails == nil || t.emails.pending == nil {
		return nil
	}
	return t.emails.flush()
}

// idKey encodes an ID so that byte order is numeric order.
func idKey(id core.ID) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(id))
}

// childKey is the key of a record that belongs to an event.
func childKey(eventID, id core.ID) []byte {
	k := make([]byte, 0, 16)
	k = binary.BigEndian.AppendUint64(k, uint64(eventID))
	return binary.BigEndian.AppendUint64(k, uint64(id))
}

// emailKey is the registrant_emails key for an address in an event.
func emailKey(eventID core.ID, email string) []byte {
	key := core.EmailKey(email)
	k := make([]byte, 0, 8+len(key))
	k = binary.BigEndian.AppendUint64(k, uint64(eventID))
	return append(k, key...)
}

func decodeID(v []byte) (core.ID, error) {
	if len(v) != 8 {
		return 0, fmt.Errorf("store: ID value is %d bytes, want 8", len(v))
	}
	return core.ID(binary.BigEndian.Uint64(v)), nil
}

// nextID draws a new ID from the bucket's sequence.
func nextID(b *bolt.Bucket) (core.ID, error) {
	seq, err := b.NextSequence()
	if err != nil {
		return 0, fmt.Errorf("store: next ID: %w", err)
	}
	return core.ID(seq), nil
}

// putJSON stores v under key. bbolt keeps the slices it is given until
// commit, so both must be fresh per call (they are: Marshal and the key
// helpers allocate).
func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode: %w", err)
	}
	return b.Put(key, data)
}

// getJSON decodes the value under key into v; found is false if there is
// none. Decoding copies, so v outlives the transaction.
func getJSON(b *bolt.Bucket, key []byte, v any) (found bool, err error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	return true, decodeJSON(key, data, v)
}

// decodeJSON decodes a stored value; the key only serves the error message.
func decodeJSON(key, data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("store: decode record %x: %w", key, err)
	}
	return nil
}

// scanPrefix calls fn for each key that starts with prefix, in key order,
// and stops at the first error. In a writable transaction fn may write to
// the bucket: the cursor is repositioned after each call, as bbolt requires
// after a change.
func scanPrefix(b *bolt.Bucket, prefix []byte, fn func(k, v []byte) error) error {
	c := b.Cursor()
	writable := b.Tx().Writable()
	var last []byte
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); {
		if writable {
			last = append(last[:0], k...)
		}
		if err := fn(k, v); err != nil {
			return err
		}
		if !writable {
			k, v = c.Next()
			continue
		}
		if k, v = c.Seek(last); k != nil && bytes.Equal(k, last) {
			k, v = c.Next()
		}
	}
	return nil
}

// deletePrefix removes every key that starts with prefix.
func deletePrefix(b *bolt.Bucket, prefix []byte) error {
	c := b.Cursor()
	// Seek again after each delete: Next after Delete can skip a key.
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}
