package store

import (
	"testing"

	"github.com/turnout-app/turnout/core"
)

// Deleting a registrant takes them out of the list, the email index, the
// counts (also after reopening the transaction) and drops their audit
// log, leaving everyone else alone; the address can be registered again.
func TestDeleteRegistrantKeepsIndexCountsAndAuditInStep(t *testing.T) {
	db := openTemp(t)
	ev := addEvent(t, db, "Alumni webinar", 0)
	ann, bob := sampleRegistrant(ev.ID, "ann@example.org"), sampleRegistrant(ev.ID, "bob@example.org")
	ann.CheckIn = &core.CheckIn{Source: core.SourceProvider, At: start, Minutes: 40}
	update(t, db, func(tx core.Tx) error {
		for _, r := range []*core.Registrant{&ann, &bob} {
			if err := tx.PutRegistrant(r); err != nil {
				return err
			}
			if err := tx.AddAudit(core.AuditEntry{EventID: ev.ID, RegistrantID: r.ID, Action: "check in"}); err != nil {
				return err
			}
		}
		return nil
	})

	update(t, db, func(tx core.Tx) error { return tx.DeleteRegistrant(ev.ID, ann.ID) })

	view(t, db, func(tx core.Tx) error {
		if _, err := tx.Registrant(ev.ID, ann.ID); core.ErrorCode(err) != core.ENOTFOUND {
			t.Errorf("deleted registrant still read: %v", err)
		}
		if _, err := tx.RegistrantByEmail(ev.ID, "ANN@example.org"); core.ErrorCode(err) != core.ENOTFOUND {
			t.Errorf("email index still finds the deleted registrant: %v", err)
		}
		if n, _ := tx.CountRegistrants(ev.ID); n != 1 {
			t.Errorf("CountRegistrants = %d, want 1", n)
		}
		c, err := tx.RegistrantCounts(ev.ID)
		if err != nil {
			return err
		}
		if c.Total != 1 || c.Attended() != 0 || c.Minutes != 0 {
			t.Errorf("counts after delete %+v, want Bob alone and nobody attended", c)
		}
		var annLog, bobLog int
		tx.Audit(ev.ID, ann.ID, func(core.AuditEntry) error { annLog++; return nil })
		tx.Audit(ev.ID, bob.ID, func(core.AuditEntry) error { bobLog++; return nil })
		if annLog != 0 || bobLog != 1 {
			t.Errorf("audit entries: Ann %d (want 0), Bob %d (want 1)", annLog, bobLog)
		}
		return nil
	})

	again := sampleRegistrant(ev.ID, "ann@example.org")
	update(t, db, func(tx core.Tx) error { return tx.PutRegistrant(&again) })
	if err := db.Update(ctx(), func(tx core.Tx) error { return tx.DeleteRegistrant(ev.ID, ann.ID) }); core.ErrorCode(err) != core.ENOTFOUND {
		t.Errorf("deleting a missing registrant: %v, want not found", err)
	}
}
