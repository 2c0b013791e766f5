package store

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func TestRegistrantPutGetReplace(t *testing.T) {
	db := openTemp(t)
	e := addEvent(t, db, "Tax basics", 0)

	t.Run("insert assigns the ID and nothing else", func(t *testing.T) {
		r := sampleRegistrant(e.ID, "ann@example.org")
		r.CheckIn = &core.CheckIn{Source: core.SourceManual, At: start, Minutes: 42}
		want := r
		update(t, db, func(tx core.Tx) error { return tx.PutRegistrant(&r) })
		if r.ID == 0 {
			t.Fatal("ID not assigned")
		}
		want.ID = r.ID
		if !reflect.DeepEqual(r, want) {
			t.Errorf("PutRegistrant changed more than the ID: %+v", r)
		}
		view(t, db, func(tx core.Tx) error {
			got, err := tx.Registrant(e.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !got.RegisteredAt.Equal(want.RegisteredAt) || !got.CheckIn.At.Equal(want.CheckIn.At) {
				t.Errorf("times changed: %+v", got)
			}
			got.RegisteredAt, got.UpdatedAt, got.CheckIn.At = want.RegisteredAt, want.UpdatedAt, want.CheckIn.At
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Registrant() = %+v, want %+v", got, want)
			}
			return nil
		})
	})
	t.Run("replace keeps the ID and stores the change", func(t *testing.T) {
		r := addRegistrant(t, db, e.ID, "bob@example.org")
		r.Status = core.StatusCancelled
		r.CancelledAt = start
		update(t, db, func(tx core.Tx) error { return tx.PutRegistrant(&r) })
		view(t, db, func(tx core.Tx) error {
			got, err := tx.Registrant(e.ID, r.ID)
			if err != nil || got.Status != core.StatusCancelled || !got.CancelledAt.Equal(start) {
				t.Errorf("Registrant() = %+v, %v; want cancelled at %v", got, err, start)
			}
			n, err := tx.CountRegistrants(e.ID)
			if err != nil || n != 2 {
				t.Errorf("CountRegistrants = %d, %v; want 2", n, err)
			}
			return nil
		})
	})
	t.Run("unknown registrant is not found", func(t *testing.T) {
		view(t, db, func(tx core.Tx) error {
			_, err := tx.Registrant(e.ID, 777)
			wantCode(t, err, core.ENOTFOUND)
			if want := core.NotFound("Registrant", 777).Message; core.ErrorMessage(err) != want {
				t.Errorf("message = %q, want %q", core.ErrorMessage(err), want)
			}
			return nil
		})
	})
	t.Run("replacing an unknown ID is not found", func(t *testing.T) {
		r := sampleRegistrant(e.ID, "ghost@example.org")
		r.ID = 777
		wantCode(t, db.Update(ctx(), func(tx core.Tx) error { return tx.PutRegistrant(&r) }), core.ENOTFOUND)
	})
	t.Run("registrant of an unknown event is not found", func(t *testing.T) {
		r := sampleRegistrant(4242, "ann@example.org")
		wantCode(t, db.Update(ctx(), func(tx core.Tx) error { return tx.PutRegistrant(&r) }), core.ENOTFOUND)
	})
	t.Run("empty email is refused", func(t *testing.T) {
		r := sampleRegistrant(e.ID, "  ")
		wantCode(t, db.Update(ctx(), func(tx core.Tx) error { return tx.PutRegistrant(&r) }), core.EINVALID)
	})
}

func TestRegistrantEmailIndex(t *testing.T) {
	db := openTemp(t)
	e := addEvent(t, db, "Tax basics", 0)
	other := addEvent(t, db, "Payroll", 0)
	ann := addRegistrant(t, db, e.ID, "Ann.Lee@Example.org")

	t.Run("lookup ignores case and surrounding spaces", func(t *testing.T) {
		for _, email := range []string{"Ann.Lee@Example.org", "ann.lee@example.org", "  ANN.LEE@EXAMPLE.ORG\t"} {
			view(t, db, func(tx core.Tx) error {
				got, err := tx.RegistrantByEmail(e.ID, email)
				if err != nil || got.ID != ann.ID {
					t.Errorf("RegistrantByEmail(%q) = %d, %v; want %d", email, got.ID, err, ann.ID)
				}
				return nil
			})
		}
	})
	t.Run("unknown email is not found", func(t *testing.T) {
		view(t, db, func(tx core.Tx) error {
			_, err := tx.RegistrantByEmail(e.ID, "nobody@example.org")
			wantCode(t, err, core.ENOTFOUND)
			_, err = tx.RegistrantByEmail(other.ID, "ann.lee@example.org")
			wantCode(t, err, core.ENOTFOUND)
			return nil
		})
	})

	conflicts := []struct {
		name  string
		email string
	}{
		{"same spelling", "Ann.Lee@Example.org"},
		{"other case", "ann.lee@example.org"},
		{"surrounding spaces", " ann.lee@EXAMPLE.org "},
	}
	for _, c := range conflicts {
		t.Run("second registrant with "+c.name+" conflicts", func(t *testing.T) {
			r := sampleRegistrant(e.ID, c.email)
			err := db.Update(ctx(), func(tx core.Tx) error { return tx.PutRegistrant(&r) })
			wantCode(t, err, core.ECONFLICT)
			if want := c.email + " is already registered for this event."; core.ErrorMessage(err) != want {
				t.Errorf("message = %q, want %q", core.ErrorMessage(err), want)
			}
		})
	}
	t.Run("same email in another event is fine", func(t *testing.T) {
		addRegistrant(t, db, other.ID, "ann.lee@example.org")
	})
	t.Run("changing to another registrant's email conflicts", func(t *testing.T) {
		bob := addRegistrant(t, db, e.ID, "bob@example.org")
		bob.Email = "ANN.LEE@example.org"
		wantCode(t, db.Update(ctx(), func(tx core.Tx) error { return tx.PutRegistrant(&bob) }), core.ECONFLICT)
		view(t, db, func(tx core.Tx) error {
			got, err := tx.RegistrantByEmail(e.ID, "bob@example.org")
			if err != nil || got.Email != "bob@example.org" {
				t.Errorf("refused change was stored: %+v, %v", got, err)
			}
			return nil
		})
	})
	t.Run("changing the email moves the index entry", func(t *testing.T) {
		r := addRegistrant(t, db, e.ID, "carol@example.org")
		r.Email = "Carol.New@example.org"
		update(t, db, func(tx core.Tx) error { return tx.PutRegistrant(&r) })
		view(t, db, func(tx core.Tx) error {
			if got, err := tx.RegistrantByEmail(e.ID, "carol.new@example.org"); err != nil || got.ID != r.ID {
				t.Errorf("new email finds %d, %v; want %d", got.ID, err, r.ID)
			}
			_, err := tx.RegistrantByEmail(e.ID, "carol@example.org")
			wantCode(t, err, core.ENOTFOUND)
			return nil
		})
		// The old address is free for someone else now.
		addRegistrant(t, db, e.ID, "carol@example.org")
	})
	t.Run("changing only the case keeps the entry", func(t *testing.T) {
		r := addRegistrant(t, db, e.ID, "dave@example.org")
		r.Email = "Dave@Example.org"
		update(t, db, func(tx core.Tx) error { return tx.PutRegistrant(&r) })
		view(t, db, func(tx core.Tx) error {
			got, err := tx.RegistrantByEmail(e.ID, "dave@example.org")
			if err != nil || got.ID != r.ID || got.Email != "Dave@Example.org" {
				t.Errorf("RegistrantByEmail = %+v, %v", got, err)
			}
			return nil
		})
	})
}

func TestUpdateRollsBackWhenFnFails(t *testing.T) {
	db := openTemp(t)
	e := addEvent(t, db, "Tax basics", 0)
	boom := errors.New("boom")
	err := db.Update(ctx(), func(tx core.Tx) error {
		r := sampleRegistrant(e.ID, "ann@example.org")
		if err := tx.PutRegistrant(&r); err != nil {
			return err
		}
		if err := tx.PutOffice(core.Office{Name: "Changed", TimeZone: "UTC"}); err != nil {
			return err
		}
		e.Title = "Changed"
		if err := tx.PutEvent(&e); err != nil {
			return err
		}
		n := sampleEvent("New", 0)
		if err := tx.PutEvent(&n); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update returned %v, want fn's error", err)
	}
	view(t, db, func(tx core.Tx) error {
		if n, err := tx.CountRegistrants(e.ID); err != nil || n != 0 {
			t.Errorf("CountRegistrants = %d, %v; want 0", n, err)
		}
		_, err := tx.RegistrantByEmail(e.ID, "ann@example.org")
		wantCode(t, err, core.ENOTFOUND)
		if o, _ := tx.Office(); o.Name != core.DefaultOffice().Name {
			t.Errorf("office name %q was written", o.Name)
		}
		if events, _ := tx.Events(); len(events) != 1 || events[0].Title != "Tax basics" {
			t.Errorf("events = %+v, want only the untouched one", events)
		}
		return nil
	})
}

func TestRegistrantsIteratesOneEventInIDOrder(t *testing.T) {
	db := openTemp(t)
	// Three events whose registrants are inserted interleaved, so that
	// ID order and event order differ from insertion order per event.
	events := []core.Event{addEvent(t, db, "A", 0), addEvent(t, db, "B", 0), addEvent(t, db, "C", 0)}
	want := map[core.ID][]core.ID{}
	update(t, db, func(tx core.Tx) error {
		for i := range 300 {
			e := events[(i*7)%len(events)]
			r := sampleRegistrant(e.ID, fmt.Sprintf("p%d@example.org", i))
			if err := tx.PutRegistrant(&r); err != nil {
				return err
			}
			want[e.ID] = append(want[e.ID], r.ID)
		}
		return nil
	})
	empty := addEvent(t, db, "Empty", 0)
	view(t, db, func(tx core.Tx) error {
		for _, e := range events {
			got := registrantIDs(t, tx, e.ID)
			if !slices.IsSorted(got) || !reflect.DeepEqual(got, want[e.ID]) {
				t.Errorf("event %d yields %v, want %v", e.ID, got, want[e.ID])
			}
			if n, err := tx.CountRegistrants(e.ID); err != nil || n != len(want[e.ID]) {
				t.Errorf("CountRegistrants(%d) = %d, %v; want %d", e.ID, n, err, len(want[e.ID]))
			}
		}
		if got := registrantIDs(t, tx, empty.ID); len(got) != 0 {
			t.Errorf("empty event yields %v", got)
		}
		return nil
	})

	t.Run("stops at fn's first error", func(t *testing.T) {
		stop := errors.New("stop")
		calls := 0
		err := db.View(ctx(), func(tx core.Tx) error {
			return tx.Registrants(events[0].ID, func(core.Registrant) error { calls++; return stop })
		})
		if !errors.Is(err, stop) || calls != 1 {
			t.Errorf("err %v after %d calls, want stop after 1", err, calls)
		}
	})
	t.Run("fn may rewrite each registrant in an Update", func(t *testing.T) {
		e := events[1]
		update(t, db, func(tx core.Tx) error {
			return tx.Registrants(e.ID, func(r core.Registrant) error {
				r.Reminder = core.ReminderState{Status: core.ReminderSent, SentAt: start}
				r.Email = "x" + r.Email // moves the index entry too
				return tx.PutRegistrant(&r)
			})
		})
		view(t, db, func(tx core.Tx) error {
			var seen []core.ID
			err := tx.Registrants(e.ID, func(r core.Registrant) error {
				seen = append(seen, r.ID)
				if r.Reminder.Status != core.ReminderSent || r.Email[0] != 'x' || r.Email[1] == 'x' {
					t.Errorf("registrant %d: reminder %q email %q; want each rewritten once", r.ID, r.Reminder.Status, r.Email)
				}
				return nil
			})
			if !reflect.DeepEqual(seen, want[e.ID]) {
				t.Errorf("after rewrite yields %v, want %v", seen, want[e.ID])
			}
			return err
		})
	})
}

func TestRegistrantsForUnknownEventIsNotFound(t *testing.T) {
	db := openTemp(t)
	view(t, db, func(tx core.Tx) error {
		wantCode(t, tx.Registrants(99, func(core.Registrant) error { return nil }), core.ENOTFOUND)
		_, err := tx.CountRegistrants(99)
		wantCode(t, err, core.ENOTFOUND)
		return nil
	})
}

// Copying one event's registrants into an earlier event inserts keys in
// front of the cursor, in the same bbolt leaf; the scan must neither
// repeat nor skip anyone.
func TestRegistrantsSurvivesInsertsDuringTheScan(t *testing.T) {
	db := openTemp(t)
	copyTo := addEvent(t, db, "Copy", 0)
	from := addEvent(t, db, "Original", 0)
	const n = 50
	var want []core.ID
	update(t, db, func(tx core.Tx) error {
		for i := range n {
			r := sampleRegistrant(from.ID, fmt.Sprintf("p%d@example.org", i))
			if err := tx.PutRegistrant(&r); err != nil {
				return err
			}
			want = append(want, r.ID)
		}
		return nil
	})
	var visited []core.ID
	update(t, db, func(tx core.Tx) error {
		// Writing first makes bbolt load the shared leaf as a node that
		// the scan's cursor then sees change under it.
		first := sampleRegistrant(copyTo.ID, "first@example.org")
		if err := tx.PutRegistrant(&first); err != nil {
			return err
		}
		return tx.Registrants(from.ID, func(r core.Registrant) error {
			if visited = append(visited, r.ID); len(visited) > n {
				return errors.New("scan runs past the last registrant")
			}
			r.ID, r.EventID = 0, copyTo.ID
			return tx.PutRegistrant(&r)
		})
	})
	if !reflect.DeepEqual(visited, want) {
		t.Errorf("scan visited %v, want each of %v once in order", visited, want)
	}
	view(t, db, func(tx core.Tx) error {
		if c, err := tx.CountRegistrants(copyTo.ID); err != nil || c != n+1 {
			t.Errorf("copy has %d registrants (%v), want %d", c, err, n+1)
		}
		return nil
	})
}
