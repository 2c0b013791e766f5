package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Provider job kinds in core.QueueProvider.
const (
	jobPush    = "push"    // register the person at the provider
	jobCancel  = "cancel"  // cancel their registration there
	jobApprove = "approve" // re-approve a registration cancelled there
)

// Messages for sync failures, as staff read them on the registrant.
const (
	msgHostCannotRegister = "%s refused: the host cannot register for their own meeting (code 3027). Use another email."
	msgRegistrationOff    = "%s refused: registration is not enabled for this meeting or webinar. Turn on registration in %s, then retry."
	msgSameEmail          = "%s refused: the same email is registered twice."
	msgDailyLimit         = "%s's daily limit for this person is reached (3 registrations a day); retry after 00:00 UTC (%s)."
	msgAccountDaily       = "%s's daily limit for this account is reached; pushes resume at 00:00 UTC (%s)."
	msgUnauthorized       = "%s did not accept the account's credentials. Check them with \"Test connection\"."
	msgRateLimited        = "%s is busy (too many requests); Turnout will retry."
	msgNotFound           = "%s does not know this meeting or webinar any more; check its ID."
)

// providerMessage words a provider error for staff.
func (e *Engine) providerMessage(a core.Account, err error) string {
	name := providerName(a)
	var perr *core.ProviderError
	if !errors.As(err, &perr) {
		if ce := (*core.Error)(nil); errors.As(err, &ce) {
			return ce.Message
		}
		return fmt.Sprintf("Could not reach %s; Turnout will retry. Check the internet connection.", name)
	}
	if perr.Advice != "" {
		return perr.Advice // the adapter's own words for this refusal
	}
	reset := perr.RetryAt.UTC().Format("2006-01-02 15:04 UTC")
	switch perr.Kind {
	case core.PErrHostCannotRegister:
		return fmt.Sprintf(msgHostCannotRegister, name)
	case core.PErrRegistrationDisabled:
		return fmt.Sprintf(msgRegistrationOff, name, name)
	case core.PErrRegistrantDailyLimit:
		return fmt.Sprintf(msgDailyLimit, name, reset)
	case core.PErrDailyLimit:
		return fmt.Sprintf(msgAccountDaily, name, reset)
	case core.PErrUnauthorized:
		return fmt.Sprintf(msgUnauthorized, name)
	case core.PErrRateLimited:
		return fmt.Sprintf(msgRateLimited, name)
	case core.PErrNotFound:
		return fmt.Sprintf(msgNotFound, name)
	}
	return fmt.Sprintf("%s refused: %s", name, perr.Message)
}

// putSynced saves a registrant and, when the event is managed through an
// account, enqueues the provider action its change needs, in the same
// transaction: a push when they become active, a cancel when they stop
// being active. ev may be nil (it is then read).
func (e *Engine) putSynced(tx core.Tx, ev *core.Event, r *core.Registrant) error {
	if ev == nil {
		got, err := tx.Event(r.EventID)
		if err != nil {
			return err
		}
		ev = &got
	}
	if !ev.Location.Managed() {
		return tx.PutRegistrant(r)
	}
	wasActive := false
	if r.ID != 0 {
		old, err := tx.Registrant(r.EventID, r.ID)
		if err != nil && core.ErrorCode(err) != core.ENOTFOUND {
			return err
		}
		wasActive = err == nil && old.Active()
	}
	kind := ""
	switch {
	case r.Active() && !wasActive:
		kind = jobPush
		if r.Sync.State == core.SyncCancelled && r.Sync.RegistrantID != "" {
			kind = jobApprove
		}
	case !r.Active() && wasActive:
		kind = jobCancel
	}
	if kind == "" {
		return tx.PutRegistrant(r)
	}
	r.Sync.State, r.Sync.LastError, r.Sync.UpdatedAt = core.SyncPending, "", e.clock.Now()
	if err := tx.PutRegistrant(r); err != nil {
		return err
	}
	return e.enqueueJob(tx, kind, r.EventID, r.ID)
}

func (e *Engine) enqueueJob(tx core.Tx, kind string, eventID, regID core.ID) error {
	_, err := tx.Enqueue(&core.Job{Queue: core.QueueProvider, Kind: kind, EventID: eventID, RegistrantID: regID,
		CreatedAt: e.clock.Now()})
	return err
}

// reconcile enqueues a push for every active registrant of a managed event
// that the provider has not been told about (registered before the event
// was linked, or demo data). It returns how many were enqueued.
func (e *Engine) reconcile(ctx context.Context, eventID core.ID) (n int, err error) {
	ctx = withChangeKind(ctx, core.ChangeSync)
	err = e.store.Update(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(eventID)
		if err != nil || !ev.Location.Managed() {
			return err
		}
		var todo []core.Registrant
		err = tx.Registrants(eventID, func(r core.Registrant) error {
			if r.Active() && (r.Sync.State == core.SyncNone || r.Sync.State == core.SyncCancelled) {
				todo = append(todo, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, r := range todo {
			kind := jobPush
			if r.Sync.State == core.SyncCancelled && r.Sync.RegistrantID != "" {
				kind = jobApprove
			}
			r.Sync.State, r.Sync.LastError, r.Sync.UpdatedAt = core.SyncPending, "", e.clock.Now()
			if err := tx.PutRegistrant(&r); err != nil {
				return err
			}
			if err := e.enqueueJob(tx, kind, eventID, r.ID); err != nil {
				return err
			}
		}
		n = len(todo)
		return nil
	})
	return n, err
}

// RetryFailed queues a failed registrant's provider action again.
func (e *Engine) RetryFailed(ctx context.Context, eventID, id core.ID) (core.Registrant, error) {
	ctx = withChangeKind(ctx, core.ChangeSync)
	var r core.Registrant
	err := e.store.Update(ctx, func(tx core.Tx) (err error) {
		if r, err = tx.Registrant(eventID, id); err != nil {
			return err
		}
		if r.Sync.State != core.SyncFailed {
			where := "the provider"
			if ev, err := tx.Event(eventID); err == nil {
				where = ev.Location.Provider.Label()
			}
			return core.Errorf(core.EINVALID, "Nothing to try again: %s was not refused by %s.", r.Email, where)
		}
		return e.retry(tx, &r)
	})
	return r, err
}

// RetryAllFailed queues every failed registrant of an event again and
// returns how many.
func (e *Engine) RetryAllFailed(ctx context.Context, eventID core.ID) (n int, err error) {
	ctx = withChangeKind(ctx, core.ChangeSync)
	err = e.store.Update(ctx, func(tx core.Tx) error {
		var failed []core.Registrant
		err := tx.Registrants(eventID, func(r core.Registrant) error {
			if r.Sync.State == core.SyncFailed {
				failed = append(failed, r)
			}
			return nil
		})
		for i := range failed {
			if err == nil {
				err = e.retry(tx, &failed[i])
			}
		}
		n = len(failed)
		return err
	})
	return n, err
}

func (e *Engine) retry(tx core.Tx, r *core.Registrant) error {
	kind := jobPush
	if !r.Active() {
		kind = jobCancel
	}
	r.Sync.State, r.Sync.LastError, r.Sync.UpdatedAt = core.SyncPending, "", e.clock.Now()
	if err := tx.PutRegistrant(r); err != nil {
		return err
	}
	return e.enqueueJob(tx, kind, r.EventID, r.ID)
}

func utcDay(t time.Time) string { return t.UTC().Format("2006-01-02") }
