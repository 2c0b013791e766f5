package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// snapshot is everything a store holds, as the Tx methods return it.
type snapshot struct {
	Office       core.Office
	Events       []core.Event
	Registrants  map[core.ID][]core.Registrant
	Participants map[core.ID][]core.Participant
}

func takeSnapshot(t *testing.T, db *DB) snapshot {
	t.Helper()
	s := snapshot{Registrants: map[core.ID][]core.Registrant{}, Participants: map[core.ID][]core.Participant{}}
	view(t, db, func(tx core.Tx) error {
		var err error
		if s.Office, err = tx.Office(); err != nil {
			return err
		}
		if s.Events, err = tx.Events(); err != nil {
			return err
		}
		for _, e := range s.Events {
			if err := tx.Registrants(e.ID, func(r core.Registrant) error {
				s.Registrants[e.ID] = append(s.Registrants[e.ID], r)
				return nil
			}); err != nil {
				return err
			}
			if err := tx.Participants(e.ID, func(p core.Participant) error {
				s.Participants[e.ID] = append(s.Participants[e.ID], p)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return s
}

// fill stores an office, events with registrants and participants.
func fill(t *testing.T, db *DB, events, registrantsPerEvent int) {
	t.Helper()
	update(t, db, func(tx core.Tx) error {
		if err := tx.PutOffice(core.Office{Name: "Riverside CPA", TimeZone: "Europe/London", Logo: []byte("png")}); err != nil {
			return err
		}
		for i := range events {
			e := sampleEvent(fmt.Sprintf("Event %d", i), 0)
			if err := tx.PutEvent(&e); err != nil {
				return err
			}
			for j := range registrantsPerEvent {
				r := sampleRegistrant(e.ID, fmt.Sprintf("person%d@example.org", j))
				if err := tx.PutRegistrant(&r); err != nil {
					return err
				}
			}
			p := core.Participant{EventID: e.ID, Name: "Walk In", Minutes: 12}
			if err := tx.PutParticipant(&p); err != nil {
				return err
			}
		}
		return nil
	})
}

// backupFile writes a backup of db into a file of its own folder.
func backupFile(t *testing.T, db *DB) string {
	t.Helper()
	var buf bytes.Buffer
	n, err := db.Backup(&buf)
	if err != nil {
		t.Fatalf("Backup: %v", err)
	}
	if n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup reported %d bytes, wrote %d", n, buf.Len())
	}
	path := filepath.Join(t.TempDir(), "backup.turnout")
	writeFile(t, path, buf.Bytes())
	return path
}

func TestBackupThenRestoreGivesBackTheBackedUpData(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 3, 40)

	// Back up while another goroutine keeps writing: the backup is the
	// state of one moment, either side of each write.
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 20 {
			addEvent(t, db, fmt.Sprintf("Concurrent %d", i), 0)
		}
	})
	_ = backupFile(t, db)
	wg.Wait()

	want := takeSnapshot(t, db)
	backup := backupFile(t, db)
	var maxID core.ID
	for _, e := range want.Events {
		maxID = max(maxID, e.ID)
	}

	// Change everything after the backup.
	changed := want.Events[0]
	changed.Title = "Changed after the backup"
	update(t, db, func(tx core.Tx) error {
		if err := tx.PutOffice(core.Office{Name: "Renamed", TimeZone: "UTC"}); err != nil {
			return err
		}
		if err := tx.PutEvent(&changed); err != nil {
			return err
		}
		if err := tx.DeleteEvent(want.Events[1].ID); err != nil {
			return err
		}
		r := want.Registrants[want.Events[2].ID][0]
		r.Email = "moved@example.org"
		if err := tx.PutRegistrant(&r); err != nil {
			return err
		}
		return nil
	})
	late := addEvent(t, db, "Created after the backup", 0)

	if err := db.Restore(backup); err != nil {
		t.Fatalf("Restore: %v", err)
	}

	if got := takeSnapshot(t, db); !reflect.DeepEqual(got, want) {
		t.Errorf("after restore the store holds\n%+v\nwant\n%+v", got, want)
	}
	t.Run("email index is the backup's", func(t *testing.T) {
		view(t, db, func(tx core.Tx) error {
			e := want.Events[2].ID
			if _, err := tx.RegistrantByEmail(e, "person0@example.org"); err != nil {
				t.Errorf("backed-up email: %v", err)
			}
			_, err := tx.RegistrantByEmail(e, "moved@example.org")
			wantCode(t, err, core.ENOTFOUND)
			return nil
		})
	})
	t.Run("IDs handed out since the backup are not handed out again", func(t *testing.T) {
		e := addEvent(t, db, "After restore", 0)
		if e.ID <= late.ID || late.ID <= maxID {
			t.Errorf("new event ID %d, want above %d (issued before the restore)", e.ID, late.ID)
		}
	})
	t.Run("data file stays private and in place", func(t *testing.T) {
		info, err := os.Stat(db.Path())
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", info.Mode().Perm())
		}
		assertNoTempFiles(t, db)
	})
}

func TestRestoreRefusesBadBackupsAndKeepsData(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 2, 500)
	good := readFile(t, backupFile(t, db))
	// Intact meta pages in front of garbage: bbolt opens it, then panics
	// on the first page it reads.
	pageSize := os.Getpagesize()
	damagedPages := append(slices.Clone(good[:2*pageSize]), bytes.Repeat([]byte{0xA5}, len(good)-2*pageSize)...)
	fill(t, db, 1, 3) // so the backup differs from the live data

	cases := []struct {
		name string
		file func(t *testing.T, dir string) string
		code string
		says string // part of the message staff see
	}{
		{"garbage", writing(bytes.Repeat([]byte("garbage!"), 4096)), core.EINVALID, "is not a Turnout data file"},
		{"empty file", writing(nil), core.EINVALID, "is not a Turnout data file"},
		{"short text file", writing([]byte("not a backup\n")), core.EINVALID, "is not a Turnout data file"},
		{"backup cut short", writing(good[:len(good)/2]), core.EINVALID, "is incomplete or damaged"},
		{"damaged pages", writing(damagedPages), core.EINVALID, "is incomplete or damaged"},
		{"missing file", func(t *testing.T, dir string) string { return filepath.Join(dir, "missing.turnout") }, core.ENOTFOUND, "was not found"},
		{"bbolt file of another program", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "other.db")
			writeBoltFile(t, path, func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("widgets")); return err })
			return path
		}, core.EINVALID, "is not a Turnout data file"},
		{"newer schema", func(t *testing.T, dir string) string {
			path := filepath.Join(dir, "newer.turnout")
			writeBoltFile(t, path, func(tx *bolt.Tx) error {
				if err := createBuckets(tx); err != nil {
					return err
				}
				return writeSchemaVersion(tx, schemaVersion()+1)
			})
			return path
		}, core.EINVALID, "written by a newer Turnout"},
		{"the live data file itself", func(t *testing.T, dir string) string { return db.Path() }, core.EINVALID, "is the data file in use"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := takeSnapshot(t, db)
			err := db.Restore(c.file(t, t.TempDir()))
			if err == nil {
				t.Fatal("Restore succeeded")
			}
			wantCode(t, err, c.code)
			if !strings.Contains(core.ErrorMessage(err), c.says) {
				t.Errorf("message %q does not say %q", core.ErrorMessage(err), c.says)
			}
			if got := takeSnapshot(t, db); !reflect.DeepEqual(got, before) {
				t.Error("a refused restore changed the data")
			}
			addEvent(t, db, "Still writable", 0)
			assertNoTempFiles(t, db)
		})
	}
}

func writing(data []byte) func(t *testing.T, dir string) string {
	return func(t *testing.T, dir string) string {
		path := filepath.Join(dir, "backup.turnout")
		writeFile(t, path, data)
		return path
	}
}

func assertNoTempFiles(t *testing.T, db *DB) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(db.Path()))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(db.Path()) {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

func TestTransactionsWaitWhileRestoreRuns(t *testing.T) {
	db := openTemp(t)
	fill(t, db, 1, 100)
	backup := backupFile(t, db)
	fill(t, db, 1, 100)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				err := db.View(ctx(), func(tx core.Tx) error {
					events, err := tx.Events()
					for _, e := range events {
						if _, err := tx.CountRegistrants(e.ID); err != nil {
							return err
						}
					}
					return err
				})
				if err != nil {
					t.Errorf("View during Restore: %v", err)
					return
				}
			}
		})
	}
	err := db.Restore(backup)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	view(t, db, func(tx core.Tx) error {
		if events, _ := tx.Events(); len(events) != 1 {
			t.Errorf("after restore %d events, want the backup's 1", len(events))
		}
		return nil
	})
}
