package store

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

func TestOffice(t *testing.T) {
	db := openTemp(t)
	t.Run("default until saved", func(t *testing.T) {
		view(t, db, func(tx core.Tx) error {
			o, err := tx.Office()
			if err != nil || !reflect.DeepEqual(o, core.DefaultOffice()) {
				t.Errorf("Office() = %+v, %v; want %+v", o, err, core.DefaultOffice())
			}
			return nil
		})
	})
	t.Run("saved settings come back, logo bytes included", func(t *testing.T) {
		want := core.Office{Name: "Riverside CPA", TimeZone: "Europe/London", HeaderColor: "#336699",
			Logo: []byte{0x89, 'P', 'N', 'G', 0, 1, 2}, ReplyTo: "desk@riverside.example"}
		update(t, db, func(tx core.Tx) error { return tx.PutOffice(want) })
		var got core.Office
		view(t, db, func(tx core.Tx) error {
			var err error
			got, err = tx.Office()
			return err
		})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Office() = %+v, want %+v", got, want)
		}
	})
}

func TestEventPutGetReplaceDelete(t *testing.T) {
	db := openTemp(t)
	t.Run("insert assigns increasing IDs", func(t *testing.T) {
		a := addEvent(t, db, "A", 0)
		b := addEvent(t, db, "B", 0)
		if a.ID == 0 || b.ID <= a.ID {
			t.Errorf("IDs %d then %d, want non-zero and increasing", a.ID, b.ID)
		}
	})
	t.Run("get returns what was put", func(t *testing.T) {
		want := addEvent(t, db, "Payroll Q&A", time.Hour)
		view(t, db, func(tx core.Tx) error {
			got, err := tx.Event(want.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.Start.Equal(want.Start) {
				t.Errorf("Start = %v, want %v", got.Start, want.Start)
			}
			got.Start, got.CreatedAt, got.UpdatedAt = want.Start, want.CreatedAt, want.UpdatedAt
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Event() = %+v, want %+v", got, want)
			}
			return nil
		})
	})
	t.Run("replace keeps the ID", func(t *testing.T) {
		e := addEvent(t, db, "Old title", 0)
		id := e.ID
		e.Title = "New title"
		update(t, db, func(tx core.Tx) error { return tx.PutEvent(&e) })
		if e.ID != id {
			t.Errorf("replace changed ID %d to %d", id, e.ID)
		}
		view(t, db, func(tx core.Tx) error {
			got, err := tx.Event(id)
			if err != nil || got.Title != "New title" {
				t.Errorf("Event() = %q, %v; want New title", got.Title, err)
			}
			return nil
		})
	})
	t.Run("replacing an unknown ID is not found", func(t *testing.T) {
		e := sampleEvent("Ghost", 0)
		e.ID = 9999
		err := db.Update(ctx(), func(tx core.Tx) error { return tx.PutEvent(&e) })
		wantCode(t, err, core.ENOTFOUND)
	})
	t.Run("delete removes it", func(t *testing.T) {
		e := addEvent(t, db, "Doomed", 0)
		update(t, db, func(tx core.Tx) error { return tx.DeleteEvent(e.ID) })
		view(t, db, func(tx core.Tx) error {
			_, err := tx.Event(e.ID)
			wantCode(t, err, core.ENOTFOUND)
			if want := core.NotFound("Event", e.ID).Message; core.ErrorMessage(err) != want {
				t.Errorf("message = %q, want %q", core.ErrorMessage(err), want)
			}
			return nil
		})
	})
	t.Run("deleting an unknown event is not found", func(t *testing.T) {
		wantCode(t, db.Update(ctx(), func(tx core.Tx) error { return tx.DeleteEvent(12345) }), core.ENOTFOUND)
	})
}

func TestEventsAreOrderedByStart(t *testing.T) {
	db := openTemp(t)
	// Inserted out of order; "Tie B" starts with "Tie A" and comes after it
	// because its ID is larger.
	for _, c := range []struct {
		title string
		at    time.Duration
	}{{"Third", 72 * time.Hour}, {"First", -24 * time.Hour}, {"Tie A", 24 * time.Hour}, {"Tie B", 24 * time.Hour}} {
		addEvent(t, db, c.title, c.at)
	}
	var titles []string
	view(t, db, func(tx core.Tx) error {
		events, err := tx.Events()
		for _, e := range events {
			titles = append(titles, e.Title)
		}
		return err
	})
	if want := []string{"First", "Tie A", "Tie B", "Third"}; !reflect.DeepEqual(titles, want) {
		t.Errorf("Events() titles = %q, want %q", titles, want)
	}
}

func TestDeleteEventCascades(t *testing.T) {
	db := openTemp(t)
	doomed := addEvent(t, db, "Doomed", 0)
	kept := addEvent(t, db, "Kept", 0)
	var keptRegistrant core.Registrant
	for _, e := range []core.Event{doomed, kept} {
		for _, email := range []string{"ann@example.org", "bob@example.org"} {
			keptRegistrant = addRegistrant(t, db, e.ID, email)
		}
		update(t, db, func(tx core.Tx) error {
			return tx.PutParticipant(&core.Participant{EventID: e.ID, Name: "Walk In", Minutes: 30})
		})
	}

	update(t, db, func(tx core.Tx) error { return tx.DeleteEvent(doomed.ID) })

	view(t, db, func(tx core.Tx) error {
		for name, err := range map[string]error{
			"Registrants":  tx.Registrants(doomed.ID, func(core.Registrant) error { return nil }),
			"Participants": tx.Participants(doomed.ID, func(core.Participant) error { return nil }),
			"Count":        func() error { _, err := tx.CountRegistrants(doomed.ID); return err }(),
		} {
			if core.ErrorCode(err) != core.ENOTFOUND {
				t.Errorf("%s of the deleted event: %v, want ENOTFOUND", name, err)
			}
		}
		if n, err := tx.CountRegistrants(kept.ID); err != nil || n != 2 {
			t.Errorf("other event has %d registrants (%v), want 2", n, err)
		}
		if r, err := tx.RegistrantByEmail(kept.ID, "bob@example.org"); err != nil || r.ID != keptRegistrant.ID {
			t.Errorf("other event's email index: %+v, %v", r, err)
		}
		return nil
	})
	// No key of the deleted event is left in any child bucket.
	db.mu.RLock()
	defer db.mu.RUnlock()
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketRegistrants, bucketRegistrantEmails, bucketParticipants} {
			c := tx.Bucket(name).Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				if bytes.HasPrefix(k, idKey(doomed.ID)) {
					t.Errorf("bucket %s still has key %x of the deleted event", name, k)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
