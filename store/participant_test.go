package store

import (
	"reflect"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func participants(t *testing.T, db *DB, eventID core.ID) []core.Participant {
	t.Helper()
	var got []core.Participant
	view(t, db, func(tx core.Tx) error {
		return tx.Participants(eventID, func(p core.Participant) error {
			got = append(got, p)
			return nil
		})
	})
	return got
}

func TestParticipantPutReplaceIterate(t *testing.T) {
	db := openTemp(t)
	e := addEvent(t, db, "Tax basics", 0)
	other := addEvent(t, db, "Payroll", 0)
	ann := addRegistrant(t, db, e.ID, "ann@example.org")

	var matched, walkIn core.Participant
	update(t, db, func(tx core.Tx) error {
		matched = core.Participant{EventID: e.ID, Name: "Ann Lee", Email: "ann@example.org", Minutes: 55, RegistrantID: ann.ID}
		walkIn = core.Participant{EventID: e.ID, Name: "Walk In", Minutes: 5}
		elsewhere := core.Participant{EventID: other.ID, Name: "Elsewhere", Minutes: 1}
		for _, p := range []*core.Participant{&matched, &walkIn, &elsewhere} {
			if err := tx.PutParticipant(p); err != nil {
				return err
			}
		}
		return nil
	})

	t.Run("insert assigns IDs and iteration yields the event's in ID order", func(t *testing.T) {
		if matched.ID == 0 || walkIn.ID <= matched.ID {
			t.Fatalf("IDs %d, %d; want non-zero and increasing", matched.ID, walkIn.ID)
		}
		if got, want := participants(t, db, e.ID), []core.Participant{matched, walkIn}; !reflect.DeepEqual(got, want) {
			t.Errorf("Participants = %+v, want %+v", got, want)
		}
	})
	t.Run("replace stores the change", func(t *testing.T) {
		walkIn.Minutes = 25
		update(t, db, func(tx core.Tx) error { return tx.PutParticipant(&walkIn) })
		if got := participants(t, db, e.ID); len(got) != 2 || got[1].Minutes != 25 {
			t.Errorf("Participants = %+v, want the walk-in with 25 minutes", got)
		}
	})
	t.Run("replacing an unknown ID is not found", func(t *testing.T) {
		p := core.Participant{ID: 999, EventID: e.ID}
		wantCode(t, db.Update(ctx(), func(tx core.Tx) error { return tx.PutParticipant(&p) }), core.ENOTFOUND)
	})
	t.Run("participant of an unknown event is not found", func(t *testing.T) {
		p := core.Participant{EventID: 4242}
		wantCode(t, db.Update(ctx(), func(tx core.Tx) error { return tx.PutParticipant(&p) }), core.ENOTFOUND)
	})
}
