package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// runSync is the background worker: it drains the provider queue while
// the app runs.
func (e *Engine) runSync(ctx context.Context) {
	t := time.NewTicker(e.prov.o.Poll)
	defer t.Stop()
	for {
		for {
			n, err := e.drainOnce(ctx, 0, nil)
			if err != nil && ctx.Err() == nil {
				e.log.Error("provider sync", "err", err)
			}
			if n == 0 || err != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// PushEvent drains the provider queue of one event now and reports what
// happened. Registrants the provider was never told about are queued first.
func (e *Engine) PushEvent(ctx context.Context, eventID core.ID) (PushSummary, error) {
	var sum PushSummary
	ev, err := e.Event(ctx, eventID)
	if err != nil {
		return sum, err
	}
	if !ev.Location.Managed() {
		return sum, core.Errorf(core.EINVALID, "Event %d is not linked to a connected account; Turnout has nobody to register elsewhere for it.", eventID)
	}
	if e.prov == nil {
		return sum, core.Errorf(core.EUNAVAILABLE, "Turnout was started without provider connections; restart it normally.")
	}
	if _, err := e.reconcile(ctx, eventID); err != nil {
		return sum, err
	}
	for {
		n, err := e.drainOnce(ctx, eventID, &sum)
		if err != nil {
			return sum, err
		}
		if n == 0 {
			break
		}
	}
	err = e.store.View(ctx, func(tx core.Tx) error {
		if a, err := tx.Account(ev.Location.AccountID); err == nil {
			sum.Provider = providerName(a)
		} else {
			sum.Provider = ev.Location.Provider.Label()
		}
		return tx.Jobs(core.QueueProvider, func(j core.Job) error {
			if j.EventID == eventID {
				sum.Waiting++
			}
			return nil
		})
	})
	return sum, err
}

type pick struct {
	job core.Job
	ev  core.Event
	acc core.Account
}

// drainOnce takes the due jobs (at most one per registrant, in queue
// order, only from active accounts), marks them in flight, runs them with
// bounded concurrency and records each syncOutcome. It returns how many ran.
func (e *Engine) drainOnce(ctx context.Context, eventID core.ID, sum *PushSummary) (int, error) {
	ctx = withChangeKind(ctx, core.ChangeSync)
	pv := e.prov
	now := e.clock.Now()
	limit := pv.o.Workers * 8
	var picks []pick
	var orphans []core.Job
	errEnough := errors.New("enough")
	err := e.store.View(ctx, func(tx core.Tx) error {
		events := map[core.ID]*core.Event{}
		accounts := map[core.ID]*core.Account{}
		blocked := map[[2]core.ID]bool{}
		pv.mu.Lock()
		defer pv.mu.Unlock()
		err := tx.Jobs(core.QueueProvider, func(j core.Job) error {
			if eventID != 0 && j.EventID != eventID {
				return nil
			}
			key := [2]core.ID{j.EventID, j.RegistrantID}
			if blocked[key] {
				return nil // an earlier job of this registrant goes first
			}
			blocked[key] = true
			if pv.claimed[j.ID] || !j.Due(now) {
				return nil
			}
			ev, ok := events[j.EventID]
			if !ok {
				got, err := tx.Event(j.EventID)
				if err != nil && core.ErrorCode(err) != core.ENOTFOUND {
					return err
				}
				if err == nil {
					ev = &got
				}
				events[j.EventID] = ev
			}
			if ev == nil || !ev.Location.Managed() {
				orphans = append(orphans, j)
				return nil
			}
			acc, ok := accounts[ev.Location.AccountID]
			if !ok {
				got, err := tx.Account(ev.Location.AccountID)
				if err != nil && core.ErrorCode(err) != core.ENOTFOUND {
					return err
				}
				if err == nil {
					acc = &got
				}
				accounts[ev.Location.AccountID] = acc
			}
			if acc == nil {
				orphans = append(orphans, j)
				return nil
			}
			if !acc.Active || now.Before(pv.paused[acc.ID]) {
				return nil
			}
			pv.claimed[j.ID] = true
			picks = append(picks, pick{j, *ev, *acc})
			if len(picks) >= limit {
				return errEnough
			}
			return nil
		})
		if errors.Is(err, errEnough) {
			err = nil
		}
		return err
	})
	defer func() {
		pv.mu.Lock()
		for _, p := range picks {
			delete(pv.claimed, p.job.ID)
		}
		pv.mu.Unlock()
	}()
	if err != nil {
		return 0, err
	}
	if len(orphans) > 0 {
		err := e.store.Update(ctx, func(tx core.Tx) error {
			for _, j := range orphans {
				if err := tx.DeleteJob(j.Queue, j.ID); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	if len(picks) == 0 {
		return 0, nil
	}
	// In flight before calling out: after a crash these jobs look the
	// person up before adding them again.
	err = e.store.Update(ctx, func(tx core.Tx) error {
		for i := range picks {
			picks[i].job.InFlightAt = now
			picks[i].job.Attempts++
			if err := tx.PutJob(picks[i].job); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	work := make(chan pick)
	for range min(pv.o.Workers, len(picks)) {
		wg.Go(func() {
			for p := range work {
				out := e.runJob(ctx, p)
				err := e.record(ctx, p, out)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if sum != nil {
					switch out.result {
					case "pushed":
						sum.Pushed++
					case "cancelled":
						sum.Cancelled++
					case "failed":
						sum.Failed++
						sum.Failures = append(sum.Failures, out.email+": "+out.message)
					}
				}
				mu.Unlock()
			}
		})
	}
	for _, p := range picks {
		work <- p
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		return len(picks), firstErr
	}
	return len(picks), ctx.Err()
}

// syncOutcome is what a provider job came to.
type syncOutcome struct {
	result  string // pushed, cancelled, failed, skipped, retry
	sync    core.ProviderSync
	message string
	retryAt time.Time
	email   string
}

func (e *Engine) runJob(ctx context.Context, p pick) syncOutcome {
	ctx = core.WithBulk(ctx) // pushes wait behind check-ins and other interactive calls
	var r core.Registrant
	err := e.store.View(ctx, func(tx core.Tx) (err error) { r, err = tx.Registrant(p.job.EventID, p.job.RegistrantID); return err })
	if err != nil {
		return syncOutcome{result: "skipped"}
	}
	out := syncOutcome{email: r.Email}
	prov, err := e.provider(ctx, p.acc)
	if err != nil {
		return e.failure(p, out, err)
	}
	loc := p.ev.Location
	now := e.clock.Now()
	sync := r.Sync
	sync.UpdatedAt, sync.LastError = now, ""
	switch p.job.Kind {
	case jobPush, jobApprove:
		if !r.Active() {
			return syncOutcome{result: "skipped"}
		}
		if p.job.Kind == jobApprove && sync.RegistrantID != "" && prov.Capabilities().Reapprove {
			// (Where registrants cannot be re-approved, e.g. RingCentral deletes them, they are added anew below.)
			x := core.ExternalRegistrant{ID: sync.RegistrantID, Email: r.Email}
			if err := prov.ApproveRegistrant(ctx, loc.Kind, loc.ProviderID(), x); err != nil {
				return e.failure(p, out, err)
			}
			sync.State = core.SyncPushed
			out.result, out.sync = "pushed", sync
			return out
		}
		if p.job.Attempts > 1 {
			// An earlier attempt may have reached the provider (crash, timeout):
			// look the person up rather than add them again.
			x, found, err := prov.FindRegistrant(ctx, loc.Kind, loc.ProviderID(), r.Email)
			if err != nil {
				return e.failure(p, out, err)
			}
			if found {
				sync.State, sync.RegistrantID, sync.JoinURL, sync.CancelURL = core.SyncPushed, x.ID, x.JoinURL, x.CancelURL
				out.result, out.sync = "pushed", sync
				return out
			}
		}
		key := fmt.Sprintf("%d|%d|%s|%s", p.acc.ID, p.ev.ID, core.EmailKey(r.Email), utcDay(now))
		e.prov.mu.Lock()
		n := e.prov.adds[key]
		if n < 3 {
			e.prov.adds[key]++
		}
		e.prov.mu.Unlock()
		if n >= 3 {
			return e.failure(p, out, &core.ProviderError{Kind: core.PErrRegistrantDailyLimit, Provider: providerName(p.acc),
				HTTPStatus: 429, RetryAt: nextMidnightUTC(now), Message: "three adds today already"})
		}
		x, err := prov.AddRegistrant(ctx, loc.Kind, loc.ProviderID(), core.Person{Email: r.Email, FirstName: r.FirstName,
			LastName: r.LastName, Session: loc.ExternalID2, ExternalID: turnoutRef(p.ev.ID, r.ID), Source: r.Source})
		if err != nil {
			var perr *core.ProviderError
			if errors.As(err, &perr) && perr.Kind == core.PErrRegistrantDailyLimit {
				e.prov.mu.Lock()
				e.prov.adds[key] = 3
				e.prov.mu.Unlock()
			}
			return e.failure(p, out, err)
		}
		sync.State, sync.RegistrantID, sync.JoinURL, sync.CancelURL = core.SyncPushed, x.ID, x.JoinURL, x.CancelURL
		out.result, out.sync = "pushed", sync
		return out
	case jobCancel:
		if r.Active() {
			return syncOutcome{result: "skipped"}
		}
		x := core.ExternalRegistrant{ID: sync.RegistrantID, Email: r.Email}
		if x.ID == "" {
			found, ok, err := prov.FindRegistrant(ctx, loc.Kind, loc.ProviderID(), r.Email)
			if err != nil {
				return e.failure(p, out, err)
			}
			if !ok { // never reached the provider: nothing to cancel
				sync.State = core.SyncNone
				out.result, out.sync = "skipped", sync
				return out
			}
			x = found
			sync.RegistrantID = found.ID
		}
		if err := prov.CancelRegistrant(ctx, loc.Kind, loc.ProviderID(), x); err != nil {
			var perr *core.ProviderError
			if !errors.As(err, &perr) || perr.Kind != core.PErrEventOver {
				return e.failure(p, out, err)
			}
			// The provider keeps registrations of a held event: the
			// cancellation stands in Turnout, and the registrant says why.
			sync.LastError = eventOverMessage(p.acc)
		}
		sync.State = core.SyncCancelled
		out.result, out.sync = "cancelled", sync
		return out
	}
	return syncOutcome{result: "skipped"}
}

// turnoutRef is the stable reference of a registrant that providers
// keeping one (RingCentral externalId) store, so their exports join back.
func turnoutRef(eventID, registrantID core.ID) string {
	return fmt.Sprintf("turnout-%d-%d", eventID, registrantID)
}
