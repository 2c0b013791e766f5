package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/turnout-app/turnout/core"
)

// Checking every account at once, removing one, and its series setting.

// testAllWorkers bounds the accounts tested at the same time.
const testAllWorkers = 4

// TestAllAccounts tests every active account at once. An account the
// provider refuses (credentials revoked, organizer gone) is turned off,
// the reason kept in its LastError, so nothing is synced with it until
// staff fix it and turn it on again. One that could not be reached stays
// on: a network outage must not turn every account off.
func (e *Engine) TestAllAccounts(ctx context.Context, progress core.Progress) ([]core.AccountTest, error) {
	all, err := e.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	var active []core.Account
	for _, a := range all {
		if a.Active {
			active = append(active, a)
		}
	}
	out := make([]core.AccountTest, len(active))
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	slots := make(chan struct{}, testAllWorkers)
	progress.Report(0, len(active))
	for i, a := range active {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			out[i] = e.testOne(ctx, a)
			mu.Lock()
			done++
			progress.Report(done, len(active))
			mu.Unlock()
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return out, err
	}
	return out, nil
}

// testOne tests an account and records the outcome on it.
func (e *Engine) testOne(ctx context.Context, a core.Account) core.AccountTest {
	p, err := e.provider(ctx, a)
	if err == nil {
		err = p.TestConnection(ctx)
	}
	if ctx.Err() != nil {
		return core.AccountTest{Account: a, Message: "Stopped before " + providerName(a) + " answered."}
	}
	t := core.AccountTest{Account: a, OK: err == nil}
	if err != nil {
		t.Message = e.providerMessage(a, err)
		t.Deactivated = refusedForGood(err)
		e.log.Warn("account test failed", "account", a, "err", err, "deactivated", t.Deactivated)
	}
	now := e.clock.Now()
	saved, uerr := e.updateAccount(context.WithoutCancel(ctx), a.ID, func(cur *core.Account) {
		cur.LastError = t.Message
		if t.OK {
			cur.LastOKAt = now
		}
		if t.Deactivated {
			cur.Active = false
		}
	})
	if uerr != nil {
		t.OK, t.Deactivated = false, false
		t.Message = core.ErrorMessage(uerr)
		return t
	}
	t.Account = saved
	return t
}

// refusedForGood reports whether a failed test means the account no
// longer works (turn it off) rather than a passing hitch (keep it on).
func refusedForGood(err error) bool {
	var perr *core.ProviderError
	if errors.As(err, &perr) {
		switch perr.Kind {
		case core.PErrRateLimited, core.PErrDailyLimit:
			return false
		}
		return perr.HTTPStatus < 500
	}
	var ce *core.Error
	if errors.As(err, &ce) {
		return ce.Code == core.EUNAUTHORIZED || ce.Code == core.EINVALID
	}
	return false // could not reach the provider
}

// DeleteAccount removes an account that no event is linked to, telling
// the provider to forget a browser sign-in. With linked events it refuses:
// the events and their registrations need the account, so staff turn it
// off instead.
func (e *Engine) DeleteAccount(ctx context.Context, id core.ID) error {
	var a core.Account
	err := e.store.Update(ctx, func(tx core.Tx) (err error) {
		if a, err = tx.Account(id); err != nil {
			return err
		}
		events, err := tx.Events()
		if err != nil {
			return err
		}
		n := 0
		for _, ev := range events {
			if ev.Location.AccountID == id {
				n++
			}
		}
		if n > 0 {
			what := "1 event is"
			if n > 1 {
				what = fmt.Sprintf("%d events are", n)
			}
			return core.Errorf(core.ECONFLICT, "“%s” cannot be removed: %s linked to it. Turn the account off instead (Pause): nothing is synced with it and its events stay as they are.", a.Name, what)
		}
		return tx.DeleteAccount(id)
	})
	if err != nil {
		return err
	}
	if e.prov != nil {
		e.prov.mu.Lock()
		delete(e.prov.cache, id)
		e.prov.mu.Unlock()
	}
	if a.Auth == core.AuthUser && !a.Token.Empty() && e.oauth != nil {
		if spec, err := e.oauthSpec(a.Provider); err == nil {
			e.revoke(spec, a) // logged when the provider cannot be told
		}
	}
	e.log.Info("account removed", "account", a)
	return nil
}

// SetAccountGroupSeries chooses how the account's webinar series are
// imported from the next sync on: one event per webinar or one per series.
func (e *Engine) SetAccountGroupSeries(ctx context.Context, id core.ID, group bool) (core.Account, error) {
	return e.updateAccount(ctx, id, func(a *core.Account) { a.GroupSeries = group })
}
