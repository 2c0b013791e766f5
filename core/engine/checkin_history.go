package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
)

// What happened to an event's attendance: the audit log, the check-in
// runs and the participants as stored.

// AuditLog returns a registrant's attendance history, oldest first.
func (e *Engine) AuditLog(ctx context.Context, eventID, registrantID core.ID) (out []core.AuditEntry, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error {
		return tx.Audit(eventID, registrantID, func(a core.AuditEntry) error { out = append(out, a); return nil })
	})
	return out, err
}

// CheckInRuns returns an event's check-in history, oldest first.
func (e *Engine) CheckInRuns(ctx context.Context, eventID core.ID) (out []core.CheckInRun, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error {
		return tx.CheckInRuns(eventID, func(r core.CheckInRun) error { out = append(out, r); return nil })
	})
	return out, err
}

// Participants returns every participant of an event (matched, briefly
// and walk-ins) in the order first stored.
func (e *Engine) Participants(ctx context.Context, eventID core.ID) (out []core.Participant, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error {
		return tx.Participants(eventID, func(p core.Participant) error { out = append(out, p); return nil })
	})
	return out, err
}

// afterUndo records an undone check-in and makes it stick: participants
// matched to the registrant are excluded from later syncs.
func (e *Engine) afterUndo(tx core.Tx, r core.Registrant, before *core.CheckIn) error {
	if before == nil {
		return nil
	}
	var excl []core.Participant
	err := tx.Participants(r.EventID, func(p core.Participant) error {
		if p.RegistrantID == r.ID && !p.Excluded {
			p.Excluded = true
			excl = append(excl, p)
		}
		return nil
	})
	for i := range excl {
		if err == nil {
			err = tx.PutParticipant(&excl[i])
		}
	}
	if err != nil {
		return err
	}
	return e.audit(tx, r, whoStaff, "undo check-in", checkInLabel(before), checkInLabel(nil))
}

// afterManualCheckIn records a manual check-in and lifts an earlier undo.
func (e *Engine) afterManualCheckIn(tx core.Tx, r core.Registrant) error {
	var back []core.Participant
	err := tx.Participants(r.EventID, func(p core.Participant) error {
		if p.RegistrantID == r.ID && p.Excluded {
			p.Excluded = false
			back = append(back, p)
		}
		return nil
	})
	for i := range back {
		if err == nil {
			err = tx.PutParticipant(&back[i])
		}
	}
	if err != nil {
		return err
	}
	return e.audit(tx, r, whoStaff, "check in", checkInLabel(nil), checkInLabel(r.CheckIn))
}
