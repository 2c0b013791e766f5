package engine

import (
	"context"
	"time"

	"github.com/turnout-app/turnout/core"
)

// AccountSyncOptions tune the background import of accounts' meetings.
// Zero values take the defaults in brackets.
type AccountSyncOptions struct {
	// Every is how old an account's last sync may get before the next
	// one [24h].
	Every time.Duration
	// Retry is the wait after a failed sync before the loop tries that
	// account again [1h].
	Retry time.Duration
	// Poll is how often the loop looks for accounts due (a new account's
	// first sync waits at most this long) [1m].
	Poll time.Duration
}

func (o *AccountSyncOptions) defaults() {
	if o.Every <= 0 {
		o.Every = 24 * time.Hour
	}
	if o.Retry <= 0 {
		o.Retry = time.Hour
	}
	if o.Poll <= 0 {
		o.Poll = time.Minute
	}
}

// WithAccountSync makes Serve import every active account's meetings and
// webinars: at start-up, soon after an account is added (its first
// sync), and once a day. It needs WithProviders.
func WithAccountSync(o AccountSyncOptions) Option {
	o.defaults()
	return func(e *Engine) {
		e.addLoop("account sync", func(ctx context.Context) { e.runAccountSync(ctx, o) })
	}
}

func (e *Engine) runAccountSync(ctx context.Context, o AccountSyncOptions) {
	if e.prov == nil {
		return
	}
	tried := map[core.ID]time.Time{} // failed syncs of this run: wait Retry
	startup := true
	t := time.NewTicker(o.Poll)
	defer t.Stop()
	for {
		if n, err := e.syncDueAccounts(ctx, o, startup, tried); err != nil && ctx.Err() == nil {
			e.log.Warn("account sync", "err", err)
		} else if n > 0 {
			e.log.Info("account sync", "accounts", n, "startup", startup)
		}
		startup = false
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// syncDueAccounts syncs the active, importable accounts that are due: all
// of them at start-up, else those never synced or last synced Every ago,
// except ones whose sync failed less than Retry ago. It returns how many
// it synced.
func (e *Engine) syncDueAccounts(ctx context.Context, o AccountSyncOptions, startup bool, tried map[core.ID]time.Time) (int, error) {
	list, err := e.Accounts(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range list {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		now := e.clock.Now()
		if !a.Active || !importable(a) || now.Before(tried[a.ID].Add(o.Retry)) {
			continue
		}
		if !startup && !a.LastSyncAt.IsZero() && now.Before(a.LastSyncAt.Add(o.Every)) {
			continue
		}
		n++
		if _, err := e.SyncAccount(ctx, a.ID, nil); err != nil {
			tried[a.ID] = now
			e.log.Warn("account sync failed", "account", a, "err", core.ErrorMessage(err))
			continue
		}
		delete(tried, a.ID)
	}
	return n, nil
}
