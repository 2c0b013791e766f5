package store

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// addOneOfEverything writes one record of every kind that draws its ID
// from a bucket sequence, under a new event.
func addOneOfEverything(t *testing.T, db *DB, label string) {
	t.Helper()
	update(t, db, func(tx core.Tx) error {
		e := sampleEvent("Event "+label, 0)
		if err := tx.PutEvent(&e); err != nil {
			return err
		}
		r := sampleRegistrant(e.ID, label+"@example.org")
		if err := tx.PutRegistrant(&r); err != nil {
			return err
		}
		p := core.Participant{EventID: e.ID, Name: "Walk In " + label, Minutes: 5}
		if err := tx.PutParticipant(&p); err != nil {
			return err
		}
		if _, err := tx.Enqueue(&core.Job{Queue: "mail", Kind: "reminder", EventID: e.ID, RegistrantID: r.ID}); err != nil {
			return err
		}
		if err := tx.AddClick(core.Click{EventID: e.ID, RegistrantID: r.ID, At: start}); err != nil {
			return err
		}
		a := core.Account{Name: "Account " + label, Provider: core.ProviderZoom, Active: true}
		if err := tx.PutAccount(&a); err != nil {
			return err
		}
		if err := tx.AddAudit(core.AuditEntry{EventID: e.ID, RegistrantID: r.ID, At: start, Who: "staff", Action: "check in"}); err != nil {
			return err
		}
		return tx.AddCheckInRun(&core.CheckInRun{EventID: e.ID, At: start, Trigger: "button"})
	})
}

// idsInFile lists, per sequence bucket, the IDs of its records: the last
// 8 bytes of each key (of each nested bucket's keys for the outbox).
func idsInFile(t *testing.T, db *DB) map[string][]uint64 {
	t.Helper()
	db.mu.RLock()
	defer db.mu.RUnlock()
	return idsInFileLocked(t, db)
}

func idsInFileLocked(t *testing.T, db *DB) map[string][]uint64 {
	t.Helper()
	out := map[string][]uint64{}
	for _, name := range sequenceBuckets {
		out[string(name)] = nil
	}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range sequenceBuckets {
			b := tx.Bucket(name)
			buckets := []*bolt.Bucket{b}
			if bytes.Equal(name, bucketOutbox) {
				buckets = nil
				_ = b.ForEachBucket(func(k []byte) error { buckets = append(buckets, b.Bucket(k)); return nil })
			}
			for _, b := range buckets {
				_ = b.ForEach(func(k, _ []byte) error {
					out[string(name)] = append(out[string(name)], binary.BigEndian.Uint64(k[len(k)-8:]))
					return nil
				})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRestoreNeverHandsOutAnIDTwice(t *testing.T) {
	db := openTemp(t)
	addOneOfEverything(t, db, "before")
	backup := backupFile(t, db)
	// Records made after the backup are lost by the restore, but their IDs
	// may already be in emails and links: they must not come back.
	addOneOfEverything(t, db, "after1")
	addOneOfEverything(t, db, "after2")
	issued := idsInFile(t, db)

	if err := db.Restore(backup); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	restored := idsInFile(t, db)
	addOneOfEverything(t, db, "new")
	now := idsInFile(t, db)

	for _, name := range sequenceBuckets {
		n := string(name)
		if len(issued[n]) != 3 || len(restored[n]) != 1 {
			t.Fatalf("%s: %d records before the restore, %d after; want 3 and 1", n, len(issued[n]), len(restored[n]))
		}
		fresh := slices.DeleteFunc(slices.Clone(now[n]), func(id uint64) bool { return slices.Contains(restored[n], id) })
		if len(fresh) != 1 {
			t.Errorf("%s: new record got an ID already in the file: IDs %v, restored %v", n, now[n], restored[n])
			continue
		}
		if last := slices.Max(issued[n]); fresh[0] <= last {
			t.Errorf("%s: new ID %d, want above %d (issued before the restore)", n, fresh[0], last)
		}
	}
}

// TestEverySequenceIsListed guards sequenceBuckets: a bucket that hands out
// IDs but is missing from the list would not be carried by Restore.
func TestEverySequenceIsListed(t *testing.T) {
	db := openTemp(t)
	addOneOfEverything(t, db, "x")
	db.mu.RLock()
	defer db.mu.RUnlock()
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			if b.Sequence() > 0 && !slices.ContainsFunc(sequenceBuckets, func(s []byte) bool { return bytes.Equal(s, name) }) {
				t.Errorf("bucket %s has sequence %d but is not in sequenceBuckets", name, b.Sequence())
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// And the other way round: addOneOfEverything draws from every listed
	// sequence, so TestRestoreNeverHandsOutAnIDTwice covers them all.
	for name, ids := range idsInFileLocked(t, db) {
		if len(ids) == 0 {
			t.Errorf("addOneOfEverything wrote nothing to %s", name)
		}
	}
}
