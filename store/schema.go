package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Every bucket and key name the store uses lives in this file, so that the
// layout of a data file can be read in one place.
//
// Layout (all IDs are 8-byte big-endian, so byte order is ID order):
//
//	meta               schema_version → uint64
//	settings           office → Office JSON
//	events             eventID → Event JSON                  (sequence: event IDs)
//	registrants        eventID|registrantID → Registrant JSON (sequence: registrant IDs)
//	registrant_emails  eventID|EmailKey(email) → registrantID
//	participants       eventID|participantID → Participant JSON (sequence: participant IDs)
//	outbox             queue name → bucket: jobID → Job JSON   (sequence of outbox: job IDs)
//	outbox_keys        queue name|0|Job.Key → jobID            (waiting jobs with a Key)
//	registrant_counts  eventID → RegistrantCounts JSON         (running totals, see counts.go)
//
// Children are keyed under their event so that one event's records are a
// single contiguous range: a Seek to the event ID and a scan while the
// prefix matches.
var (
	bucketMeta             = []byte("meta")
	bucketSettings         = []byte("settings")
	bucketEvents           = []byte("events")
	bucketRegistrants      = []byte("registrants")
	bucketRegistrantEmails = []byte("registrant_emails")
	bucketParticipants     = []byte("participants")
	bucketOutbox           = []byte("outbox")
	bucketOutboxKeys       = []byte("outbox_keys")
	bucketRegistrantCounts = []byte("registrant_counts")

	// sequenceBuckets are the buckets whose sequences hand out IDs.
	sequenceBuckets = [][]byte{bucketEvents, bucketRegistrants, bucketParticipants}

	keySchemaVersion = []byte("schema_version")
	keyOffice        = []byte("office")
)

// migrations bring a data file from one schema version to the next:
// migrations[i] turns version i into version i+1. Append new steps at the
// end and never edit one that has shipped: files in the field were written
// by it.
var migrations = []func(*bolt.Tx) error{
	createBuckets,        // 1
	createOutboxBuckets,  // 2
	createClicksBucket,   // 3: clicks on tracked links (store/click.go)
	createAccountsBucket, // 4: provider accounts (store/account.go)
	createCountsBucket,   // 5: running registrant totals per event (store/counts.go)
	createCheckInBuckets, // 6: check-in runs, attendance audit log, aliases (store/attendance.go)
}

// schemaVersion is the version this binary writes.
func schemaVersion() uint64 { return uint64(len(migrations)) }

func createBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketSettings, bucketEvents, bucketRegistrants, bucketRegistrantEmails, bucketParticipants} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// readSchemaVersion returns the file's version; ok is false when the file
// has no meta bucket at all (a brand-new file, or not a Turnout file).
func readSchemaVersion(tx *bolt.Tx) (version uint64, ok bool, err error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, false, nil
	}
	v := meta.Get(keySchemaVersion)
	if len(v) != 8 {
		return 0, true, fmt.Errorf("schema_version is %d bytes, want 8", len(v))
	}
	return binary.BigEndian.Uint64(v), true, nil
}

func writeSchemaVersion(tx *bolt.Tx, version uint64) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	return meta.Put(keySchemaVersion, binary.BigEndian.AppendUint64(nil, version))
}

func createOutboxBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketOutbox, bucketOutboxKeys} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}
