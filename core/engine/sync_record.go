package engine

import (
	"context"
	"errors"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Failing or retrying a provider job, and recording its outcome on the
// registrant (split from sync_worker.go).

func nextMidnightUTC(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
}

// failure decides between failing the registrant and retrying the job.
func (e *Engine) failure(p pick, out syncOutcome, err error) syncOutcome {
	now := e.clock.Now()
	out.message = e.providerMessage(p.acc, err)
	var perr *core.ProviderError
	errors.As(err, &perr)
	kind := core.ProviderErrorKind("")
	if perr != nil {
		kind = perr.Kind
	}
	switch kind {
	case core.PErrDailyLimit:
		e.prov.mu.Lock()
		e.prov.paused[p.acc.ID] = perr.RetryAt
		e.prov.mu.Unlock()
		out.result, out.retryAt = "retry", perr.RetryAt
		return out
	// A cancellation refused after the event is kept in Turnout by the
	// cancel job itself (sync_worker.go); any other job it refuses fails.
	case core.PErrHostCannotRegister, core.PErrRegistrationDisabled, core.PErrRegistrantDailyLimit, core.PErrNotFound, core.PErrRefused,
		core.PErrEventOver:
		out.result = "failed"
		return out
	}
	if p.job.Attempts >= e.prov.o.MaxAttempts {
		out.result = "failed"
		return out
	}
	e.log.Warn("provider sync will retry", "event", p.ev.ID, "registrant", p.job.RegistrantID, "err", err)
	out.result = "retry"
	out.retryAt = now.Add(e.prov.o.RetryBase << min(p.job.Attempts-1, 8))
	return out
}

// record stores a job's syncOutcome on the registrant and removes the job
// (or puts it back for a retry) in one transaction.
func (e *Engine) record(ctx context.Context, p pick, out syncOutcome) error {
	return e.store.Update(ctx, func(tx core.Tx) error {
		r, err := tx.Registrant(p.job.EventID, p.job.RegistrantID)
		found := err == nil
		if err != nil && core.ErrorCode(err) != core.ENOTFOUND {
			return err
		}
		now := e.clock.Now()
		switch out.result {
		case "retry":
			j := p.job
			j.InFlightAt, j.NotBefore, j.LastError = time.Time{}, out.retryAt, out.message
			if found {
				r.Sync.State, r.Sync.LastError, r.Sync.UpdatedAt = core.SyncPending, out.message, now
				if err := tx.PutRegistrant(&r); err != nil {
					return err
				}
			}
			return tx.PutJob(j)
		case "failed":
			if found {
				r.Sync.State, r.Sync.LastError, r.Sync.UpdatedAt = core.SyncFailed, out.message, now
				if err := tx.PutRegistrant(&r); err != nil {
					return err
				}
			}
		case "pushed", "cancelled":
			if found {
				if out.result == "cancelled" && out.sync.RegistrantID == "" {
					// Kept at the provider (event over): so is its ID.
					out.sync.RegistrantID, out.sync.JoinURL = r.Sync.RegistrantID, r.Sync.JoinURL
				}
				r.Sync = out.sync
				if err := tx.PutRegistrant(&r); err != nil {
					return err
				}
			}
			if err := stampAccountWorked(tx, p.acc.ID, now); err != nil {
				return err
			}
		case "skipped":
			if found && out.sync.UpdatedAt != (time.Time{}) {
				// The provider answered a look-up: the account works.
				r.Sync = out.sync
				if err := tx.PutRegistrant(&r); err != nil {
					return err
				}
				if err := stampAccountWorked(tx, p.acc.ID, now); err != nil {
					return err
				}
			} else if found && r.Sync.State == core.SyncPending && !e.hasLaterJob(tx, p.job) {
				// Nothing to do at the provider after all.
				r.Sync.State = core.SyncNone
				if !r.Active() && r.Sync.RegistrantID != "" {
					r.Sync.State = core.SyncCancelled
				} else if r.Active() && r.Sync.RegistrantID != "" {
					r.Sync.State = core.SyncPushed
				}
				if err := tx.PutRegistrant(&r); err != nil {
					return err
				}
			}
		}
		return tx.DeleteJob(p.job.Queue, p.job.ID)
	})
}

// accountStampEvery is how stale an account's LastOKAt may get before a
// successful push writes it again: staff read it in minutes, and a push of
// thousands should not rewrite the account thousands of times.
const accountStampEvery = time.Minute

// stampAccountWorked records that a call with the account just worked
// (LastOKAt), inside the caller's transaction. UpdatedAt stays: it keys
// the cached adapter, which is still valid.
func stampAccountWorked(tx core.Tx, id core.ID, now time.Time) error {
	a, err := tx.Account(id)
	if core.ErrorCode(err) == core.ENOTFOUND {
		return nil // removed while the push was under way
	}
	if err != nil {
		return err
	}
	if now.Sub(a.LastOKAt) < accountStampEvery && !now.Before(a.LastOKAt) {
		return nil
	}
	a.LastOKAt = now
	return tx.PutAccount(&a)
}

// hasLaterJob reports whether the registrant has another job queued.
func (e *Engine) hasLaterJob(tx core.Tx, j core.Job) bool {
	later := false
	_ = tx.Jobs(core.QueueProvider, func(o core.Job) error {
		if o.ID != j.ID && o.EventID == j.EventID && o.RegistrantID == j.RegistrantID {
			later = true
			return errors.New("found")
		}
		return nil
	})
	return later
}

// eventOverMessage says why a cancellation stands in Turnout only.
func eventOverMessage(a core.Account) string {
	return "Cancelled in Turnout only: " + providerName(a) +
		" keeps the registrations of an event that has already taken place, so nothing was changed there."
}
