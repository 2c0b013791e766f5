package store

import (
	"reflect"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

func TestAttendanceLog(t *testing.T) {
	db := openTemp(t)
	e := addEvent(t, db, "Tax basics", 0)
	other := addEvent(t, db, "Payroll", 0)
	ann := addRegistrant(t, db, e.ID, "ann@example.org")
	bo := addRegistrant(t, db, e.ID, "bo@example.org")
	at := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

	update(t, db, func(tx core.Tx) error {
		for i, a := range []core.AuditEntry{
			{EventID: e.ID, RegistrantID: ann.ID, At: at, Who: "check-in run", Action: "check in", After: "Provider report, 40 min"},
			{EventID: e.ID, RegistrantID: bo.ID, At: at, Who: "staff", Action: "check in"},
			{EventID: e.ID, RegistrantID: ann.ID, At: at.Add(time.Hour), Who: "staff", Action: "undo check-in", Before: "Provider report, 40 min"},
		} {
			if err := tx.AddAudit(a); err != nil {
				t.Fatalf("entry %d: %v", i, err)
			}
		}
		for _, r := range []*core.CheckInRun{{EventID: e.ID, At: at, Trigger: "automatic", NotReady: true},
			{EventID: other.ID, At: at, Trigger: "button"}, {EventID: e.ID, At: at.Add(time.Hour), Trigger: "button", Pulled: 3}} {
			if err := tx.AddCheckInRun(r); err != nil || r.ID == 0 {
				t.Fatalf("run: %v, id %d", err, r.ID)
			}
		}
		if err := tx.AddAlias("Ann@Example.org", "ann.lee@gmail.com"); err != nil {
			return err
		}
		if err := tx.AddAlias("ann@example.org", "ANN.LEE@gmail.com"); err != nil { // same, other case
			return err
		}
		return tx.AddAlias("ann@example.org", "Ann L")
	})
	view(t, db, func(tx core.Tx) error {
		var actions []string
		if err := tx.Audit(e.ID, ann.ID, func(a core.AuditEntry) error { actions = append(actions, a.Action); return nil }); err != nil {
			return err
		}
		if !reflect.DeepEqual(actions, []string{"check in", "undo check-in"}) {
			t.Errorf("ann's audit %v", actions)
		}
		var runs []core.CheckInRun
		if err := tx.CheckInRuns(e.ID, func(r core.CheckInRun) error { runs = append(runs, r); return nil }); err != nil {
			return err
		}
		if len(runs) != 2 || !runs[0].NotReady || runs[1].Pulled != 3 || runs[1].OK() != true {
			t.Errorf("runs %+v", runs)
		}
		al, err := tx.Aliases()
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(al["ann@example.org"], []string{"ann.lee@gmail.com", "Ann L"}) {
			t.Errorf("aliases %v", al)
		}
		return nil
	})
	update(t, db, func(tx core.Tx) error { return tx.DeleteEvent(e.ID) })
	view(t, db, func(tx core.Tx) error {
		n := 0
		tx.CheckInRuns(e.ID, func(core.CheckInRun) error { n++; return nil })
		tx.Audit(e.ID, ann.ID, func(core.AuditEntry) error { n++; return nil })
		tx.CheckInRuns(other.ID, func(core.CheckInRun) error { n += 10; return nil })
		if n != 10 {
			t.Errorf("after deleting the event: %d left, want only the other event's run", n)
		}
		return nil
	})
}

func TestParticipantCheckInFieldsRoundTrip(t *testing.T) {
	db := openTemp(t)
	e := addEvent(t, db, "Tax basics", 0)
	at := time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)
	p := core.Participant{EventID: e.ID, Name: "Cy", Email: "cy@x.org", Key: "email:cy@x.org", JoinedBriefly: true,
		Sessions:    []core.ParticipantSession{{Instance: "u1", FirstJoin: at, LastLeave: at.Add(time.Hour), Minutes: 60, Attended: true}},
		Suggestions: []core.Suggestion{{RegistrantID: 4, Name: "Cy Doe", Email: "cy@home.net", Reasons: []string{"Same name"}, Confidence: 0.7}},
		Rejected:    []core.ID{9}}
	update(t, db, func(tx core.Tx) error { return tx.PutParticipant(&p) })
	got := participants(t, db, e.ID)
	if len(got) != 1 || !reflect.DeepEqual(got[0], p) {
		t.Fatalf("got %+v\nwant %+v", got, p)
	}
}

func TestRegistrantAliasesRoundTrip(t *testing.T) {
	db := openTemp(t)
	e := addEvent(t, db, "Tax basics", 0)
	r := sampleRegistrant(e.ID, "ann@example.org")
	r.Aliases = []string{"ann.lee@gmail.com", "Ann L"}
	update(t, db, func(tx core.Tx) error { return tx.PutRegistrant(&r) })
	view(t, db, func(tx core.Tx) error {
		got, err := tx.Registrant(e.ID, r.ID)
		if err == nil && !reflect.DeepEqual(got.Aliases, r.Aliases) {
			t.Errorf("aliases %v", got.Aliases)
		}
		return err
	})
}
