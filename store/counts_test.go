package store

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// recounted counts an event's registrants the slow way.
func recounted(t *testing.T, tx core.Tx, eventID core.ID) core.RegistrantCounts {
	t.Helper()
	var c core.RegistrantCounts
	if err := tx.Registrants(eventID, func(r core.Registrant) error { c.Add(r, 1); return nil }); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRegistrantCountsStayInStepWithEveryWrite(t *testing.T) {
	db := openTemp(t)
	ev := addEvent(t, db, "Counted", 0)
	other := addEvent(t, db, "Other", 0)
	rng := rand.New(rand.NewPCG(1, 2))
	var ids []core.ID
	for step := range 300 {
		update(t, db, func(tx core.Tx) error {
			if len(ids) == 0 || rng.IntN(3) == 0 {
				r := sampleRegistrant(ev.ID, fmt.Sprintf("p%d@example.org", step))
				if err := tx.PutRegistrant(&r); err != nil {
					return err
				}
				ids = append(ids, r.ID)
				return nil
			}
			r, err := tx.Registrant(ev.ID, ids[rng.IntN(len(ids))])
			if err != nil {
				return err
			}
			switch rng.IntN(4) {
			case 0:
				r.Status = core.StatusCancelled
			case 1:
				r.Status = core.StatusRegistered
			case 2:
				r.CheckIn = &core.CheckIn{Source: core.CheckInSources[rng.IntN(3)], Minutes: rng.IntN(90)}
			case 3:
				r.Reminder.Status, r.Clicks, r.CheckIn = core.ReminderSent, rng.IntN(2), nil
			}
			return tx.PutRegistrant(&r)
		})
	}
	view(t, db, func(tx core.Tx) error {
		got, err := tx.RegistrantCounts(ev.ID)
		if err != nil {
			return err
		}
		if want := recounted(t, tx, ev.ID); got != want {
			t.Fatalf("running counts %+v, recounted %+v", got, want)
		}
		if o, _ := tx.RegistrantCounts(other.ID); o != (core.RegistrantCounts{}) {
			t.Fatalf("another event's counts changed: %+v", o)
		}
		return nil
	})
}

func TestRegistrantCountsRollBackAndGoWithTheEvent(t *testing.T) {
	db := openTemp(t)
	ev := addEvent(t, db, "Counted", 0)
	addRegistrant(t, db, ev.ID, "ann@example.org")
	err := db.Update(ctx(), func(tx core.Tx) error {
		r := sampleRegistrant(ev.ID, "bob@example.org")
		if err := tx.PutRegistrant(&r); err != nil {
			return err
		}
		return core.Errorf(core.EINVALID, "staff cancelled the action")
	})
	wantCode(t, err, core.EINVALID)
	view(t, db, func(tx core.Tx) error {
		if c, _ := tx.RegistrantCounts(ev.ID); c.Total != 1 {
			t.Fatalf("a rolled-back write changed the counts: %+v", c)
		}
		return nil
	})
	update(t, db, func(tx core.Tx) error { return tx.DeleteEvent(ev.ID) })
	view(t, db, func(tx core.Tx) error {
		_, err := tx.RegistrantCounts(ev.ID)
		wantCode(t, err, core.ENOTFOUND)
		return nil
	})
}
