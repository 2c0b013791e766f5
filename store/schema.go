package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// Every bucket and key name the store uses, and every migration, lives in
// this file, so that the layout of a data file can be read in one place.
//
// Layout (all IDs are 8-byte big-endian, so byte order is ID order; values
// are JSON unless said otherwise):
//
//	meta               schema_version → uint64
//	settings           office → core.Office; secrets.id → the file's ID in secret names (secrets.go);
//	                   any other setting key → its bytes
//	events             eventID → core.Event                          (sequence: event IDs)
//	registrants        eventID|registrantID → core.Registrant        (sequence: registrant IDs)
//	registrant_emails  eventID|EmailKey(email) → registrantID
//	registrant_counts  eventID → core.RegistrantCounts               (running totals, see counts.go)
//	participants       eventID|participantID → core.Participant      (sequence: participant IDs)
//	outbox             queue name → bucket: jobID → core.Job         (sequence of outbox: job IDs, all queues)
//	outbox_keys        queue name|0|Job.Key → jobID                  (waiting jobs with a Key)
//	clicks             eventID|registrantID|clickID → core.Click     (sequence: click IDs)
//	accounts           accountID → accountRecord (core.Account with credentials and OAuth token;
//	                   with a secret store only a reference, secrets.go) (sequence: account IDs)
//	audit              eventID|registrantID|entryID → core.AuditEntry (sequence: entry IDs)
//	checkin_runs       eventID|runID → core.CheckInRun               (sequence: run IDs)
//	aliases            EmailKey(registrant email) → []string          (other emails and names)
//
// Children are keyed under their event so that one event's records are a
// single contiguous range: a Seek to the event ID and a scan while the
// prefix matches.
//
// Every bucket marked "sequence" hands out IDs with NextSequence; Restore
// carries all of them forward (restore.go), so an ID is never issued twice.
var (
	bucketMeta             = []byte("meta")
	bucketSettings         = []byte("settings")
	bucketEvents           = []byte("events")
	bucketRegistrants      = []byte("registrants")
	bucketRegistrantEmails = []byte("registrant_emails")
	bucketRegistrantCounts = []byte("registrant_counts")
	bucketParticipants     = []byte("participants")
	bucketOutbox           = []byte("outbox")
	bucketOutboxKeys       = []byte("outbox_keys")
	bucketClicks           = []byte("clicks")
	bucketAccounts         = []byte("accounts")
	bucketAudit            = []byte("audit")
	bucketCheckInRuns      = []byte("checkin_runs")
	bucketAliases          = []byte("aliases")

	// sequenceBuckets are the buckets whose sequences hand out IDs.
	sequenceBuckets = [][]byte{bucketEvents, bucketRegistrants, bucketParticipants, bucketOutbox, bucketClicks,
		bucketAccounts, bucketAudit, bucketCheckInRuns}

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
	createClicksBucket,   // 3: clicks on tracked links
	createAccountsBucket, // 4: provider accounts
	createCountsBucket,   // 5: running registrant totals per event
	createCheckInBuckets, // 6: check-in runs, attendance audit log, aliases
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

func createClicksBucket(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketClicks); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketClicks, err)
	}
	return nil
}

func createAccountsBucket(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(bucketAccounts); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketAccounts, err)
	}
	return nil
}

// createCountsBucket adds registrant_counts and counts the registrants
// already stored.
func createCountsBucket(btx *bolt.Tx) error {
	b, err := btx.CreateBucketIfNotExists(bucketRegistrantCounts)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketRegistrantCounts, err)
	}
	all := map[core.ID]*core.RegistrantCounts{}
	err = btx.Bucket(bucketRegistrants).ForEach(func(k, v []byte) error {
		var r core.Registrant
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode registrant %x: %w", k, err)
		}
		if all[r.EventID] == nil {
			all[r.EventID] = new(core.RegistrantCounts)
		}
		all[r.EventID].Add(r, 1)
		return nil
	})
	if err != nil {
		return err
	}
	for id, c := range all {
		if err := putCounts(b, id, *c); err != nil {
			return err
		}
	}
	return nil
}

func createCheckInBuckets(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketAudit, bucketCheckInRuns, bucketAliases} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}
