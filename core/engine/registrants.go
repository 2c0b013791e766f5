package engine

import (
	"context"
	"time"

	"github.com/turnout-app/turnout/core"
)

// AddRegistrant registers a person for an event. Someone who had cancelled
// is re-activated (keeping their history) rather than duplicated; someone
// already registered is refused with ECONFLICT.
func (e *Engine) AddRegistrant(ctx context.Context, eventID core.ID, r core.Registrant) (core.Registrant, AddOutcome, error) {
	if err := r.Validate(); err != nil {
		return r, 0, err
	}
	var outcome AddOutcome
	err := e.store.Update(ctx, func(tx core.Tx) error {
		if _, err := tx.Event(eventID); err != nil {
			return err
		}
		now := e.clock.Now()
		old, err := tx.RegistrantByEmail(eventID, r.Email)
		switch {
		case err == nil && old.Active():
			return core.Errorf(core.ECONFLICT, "%s is already registered for this event.", old.Email)
		case err == nil:
			reactivate(&old, r, now)
			r, outcome = old, Reactivated
		case core.ErrorCode(err) == core.ENOTFOUND:
			r.ID, r.EventID, r.Status = 0, eventID, core.StatusRegistered
			r.RegisteredAt, r.UpdatedAt = now, now
			outcome = Added
		default:
			return err
		}
		return e.putSynced(tx, nil, &r)
	})
	if err != nil {
		return r, 0, err
	}
	return r, outcome, nil
}

// reactivate turns a cancelled registrant back into a registered one,
// taking any details the new registration brings.
func reactivate(old *core.Registrant, r core.Registrant, now time.Time) {
	mergeDetails(old, r)
	old.Status = core.StatusRegistered
	old.CancelledAt = time.Time{}
	old.RegisteredAt, old.UpdatedAt = now, now
}

// mergeDetails copies the non-empty details of r onto old.
func mergeDetails(old *core.Registrant, r core.Registrant) {
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&old.FirstName, r.FirstName}, {&old.LastName, r.LastName},
		{&old.ExternalID, r.ExternalID}, {&old.Source, r.Source},
	} {
		if f.src != "" {
			*f.dst = f.src
		}
	}
}

// UpdateRegistrant saves staff's edits to a registrant's details (name,
// email, external ID, source). Status changes go through Cancel/Reregister.
func (e *Engine) UpdateRegistrant(ctx context.Context, r core.Registrant) (core.Registrant, error) {
	if err := r.Validate(); err != nil {
		return r, err
	}
	var saved core.Registrant
	err := e.store.Update(ctx, func(tx core.Tx) error {
		old, err := tx.Registrant(r.EventID, r.ID)
		if err != nil {
			return err
		}
		old.FirstName, old.LastName, old.Email = r.FirstName, r.LastName, r.Email
		old.ExternalID, old.Source = r.ExternalID, r.Source
		old.UpdatedAt = e.clock.Now()
		saved = old
		return tx.PutRegistrant(&saved)
	})
	return saved, err
}

// CancelRegistrant cancels a registration. Cancelling twice is harmless.
func (e *Engine) CancelRegistrant(ctx context.Context, eventID, id core.ID) (core.Registrant, error) {
	return e.setStatus(ctx, eventID, id, core.StatusCancelled)
}

// Reregister re-activates a cancelled registration.
func (e *Engine) Reregister(ctx context.Context, eventID, id core.ID) (core.Registrant, error) {
	return e.setStatus(ctx, eventID, id, core.StatusRegistered)
}

// CancelByEmail cancels the registration of the person with this email.
func (e *Engine) CancelByEmail(ctx context.Context, eventID core.ID, email string) (core.Registrant, error) {
	r, err := e.RegistrantByEmail(ctx, eventID, email)
	if err != nil {
		return r, err
	}
	return e.CancelRegistrant(ctx, eventID, r.ID)
}

func (e *Engine) setStatus(ctx context.Context, eventID, id core.ID, status core.RegistrantStatus) (r core.Registrant, err error) {
	err = e.store.Update(ctx, func(tx core.Tx) error {
		if r, err = tx.Registrant(eventID, id); err != nil {
			return err
		}
		if r.Status == status {
			return nil
		}
		now := e.clock.Now()
		if status == core.StatusCancelled {
			r.Status, r.CancelledAt, r.UpdatedAt = status, now, now
		} else {
			reactivate(&r, core.Registrant{}, now)
		}
		return e.putSynced(tx, nil, &r)
	})
	return r, err
}

// Registrant returns one registrant.
func (e *Engine) Registrant(ctx context.Context, eventID, id core.ID) (r core.Registrant, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error { r, err = tx.Registrant(eventID, id); return err })
	return r, err
}

// RegistrantByEmail finds a registrant by email, in any case.
func (e *Engine) RegistrantByEmail(ctx context.Context, eventID core.ID, email string) (r core.Registrant, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error {
		r, err = tx.RegistrantByEmail(eventID, email)
		if core.ErrorCode(err) == core.ENOTFOUND {
			return core.Errorf(core.ENOTFOUND, "Nobody with email %s is registered for this event.", email)
		}
		return err
	})
	return r, err
}

// Registrants returns every registrant of an event in the order they
// registered.
func (e *Engine) Registrants(ctx context.Context, eventID core.ID) ([]core.Registrant, error) {
	var out []core.Registrant
	err := e.store.View(ctx, func(tx core.Tx) error {
		if _, err := tx.Event(eventID); err != nil {
			return err
		}
		if n, err := tx.CountRegistrants(eventID); err == nil {
			out = make([]core.Registrant, 0, n)
		}
		return tx.Registrants(eventID, func(r core.Registrant) error { out = append(out, r); return nil })
	})
	return out, err
}

// CheckInManually records that staff saw the person attend.
func (e *Engine) CheckInManually(ctx context.Context, eventID, id core.ID) (r core.Registrant, err error) {
	ctx = withChangeKind(ctx, core.ChangeCheckIn)
	err = e.store.Update(ctx, func(tx core.Tx) error {
		if r, err = tx.Registrant(eventID, id); err != nil {
			return err
		}
		if r.CheckIn != nil {
			return nil
		}
		r.CheckIn = &core.CheckIn{Source: core.SourceManual, At: e.clock.Now()}
		if err := tx.PutRegistrant(&r); err != nil {
			return err
		}
		return e.afterManualCheckIn(tx, r) // audit log (checkin.go)
	})
	return r, err
}

// UndoCheckIn removes a registrant's check-in.
func (e *Engine) UndoCheckIn(ctx context.Context, eventID, id core.ID) (r core.Registrant, err error) {
	ctx = withChangeKind(ctx, core.ChangeCheckIn)
	err = e.store.Update(ctx, func(tx core.Tx) error {
		if r, err = tx.Registrant(eventID, id); err != nil {
			return err
		}
		before := r.CheckIn
		r.CheckIn = nil
		if err := tx.PutRegistrant(&r); err != nil {
			return err
		}
		return e.afterUndo(tx, r, before) // audit log; later syncs keep it undone (checkin.go)
	})
	return r, err
}
