package engine

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// ProviderFactory builds the adapter for an account.
type ProviderFactory func(a core.Account) (core.Provider, error)

// ProviderOptions give the engine its provider adapters. By default every
// adapter comes from the provider registry (core.Register); the factories
// here replace it for one provider (tests pointing at an emulator).
type ProviderOptions struct {
	// Factories replace the registry's factory by provider kind.
	Factories map[core.ProviderKind]ProviderFactory
	// Sandbox replaces the registry's emulator for Sandbox accounts.
	Sandbox ProviderFactory
	// HTTP is handed to the registry's adapters (nil: their default).
	HTTP *http.Client
	// Workers bounds the pushes in flight at once [4].
	Workers int
	// Poll is how often the background worker looks at the queue [2s].
	Poll time.Duration
	// MaxAttempts before a push is marked failed on transient errors [8].
	MaxAttempts int
	// RetryBase is the first wait after a transient failure [5s].
	RetryBase time.Duration
}

// Seeder is implemented by the Sandbox adapter: the engine tells it about
// the events linked to it, so it can serve them offline.
type Seeder interface {
	Seed(m core.ExternalMeeting)
}

type providers struct {
	o ProviderOptions

	mu      sync.Mutex
	cache   map[core.ID]cachedProvider
	claimed map[core.ID]bool      // job IDs being worked on in this process
	adds    map[string]int        // account|event|email|day → add calls made
	paused  map[core.ID]time.Time // account → daily limit reset
	// syncLocks let one import of an account run at a time (account_sync.go).
	syncLocks map[core.ID]*sync.Mutex
}

type cachedProvider struct {
	updated time.Time
	p       core.Provider
}

// WithProviders connects provider adapters and runs the registrant sync
// worker in the background (Serve).
func WithProviders(o ProviderOptions) Option {
	if o.Workers <= 0 {
		o.Workers = 4
	}
	if o.Poll <= 0 {
		o.Poll = 2 * time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.RetryBase <= 0 {
		o.RetryBase = 5 * time.Second
	}
	return func(e *Engine) {
		e.prov = &providers{o: o, cache: map[core.ID]cachedProvider{}, claimed: map[core.ID]bool{},
			adds: map[string]int{}, paused: map[core.ID]time.Time{}}
		e.addLoop("provider sync", e.runSync)
	}
}

// providerName is how an account's service is named in messages.
func providerName(a core.Account) string {
	if a.Sandbox {
		return "Sandbox"
	}
	return a.Provider.Label()
}

// provider returns the adapter for an account, reusing it (and its token
// cache) until the account changes.
func (e *Engine) provider(ctx context.Context, a core.Account) (core.Provider, error) {
	if e.prov == nil {
		return nil, core.Errorf(core.EUNAVAILABLE, "Turnout was started without provider connections; restart it normally.")
	}
	pv := e.prov
	pv.mu.Lock()
	if c, ok := pv.cache[a.ID]; ok && c.updated.Equal(a.UpdatedAt) {
		pv.mu.Unlock()
		return c.p, nil
	}
	pv.mu.Unlock()
	p, err := e.newProvider(a)
	if err != nil {
		return nil, err
	}
	if s, ok := p.(Seeder); ok {
		err := e.store.View(ctx, func(tx core.Tx) error {
			events, err := tx.Events()
			for _, ev := range events {
				if ev.Location.AccountID == a.ID {
					s.Seed(sandboxMeeting(ev))
				}
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	pv.mu.Lock()
	pv.cache[a.ID] = cachedProvider{a.UpdatedAt, p}
	pv.mu.Unlock()
	return p, nil
}

// newProvider builds an account's adapter: a test's factory, else the
// registered provider's (its emulator for Sandbox accounts, the browser
// sign-in's tokens for user OAuth accounts).
func (e *Engine) newProvider(a core.Account) (core.Provider, error) {
	o := e.prov.o
	spec, _ := core.Spec(a.Provider)
	unavailable := core.Errorf(core.EUNAVAILABLE, "Turnout cannot connect to %s accounts in this version.", providerName(a))
	switch {
	case a.Sandbox && o.Sandbox != nil:
		return o.Sandbox(a)
	case a.Sandbox && spec.Sandbox != nil:
		return spec.Sandbox.Provider()
	case a.Sandbox:
		return nil, unavailable
	}
	// Accounts saved before addresses were checked: no credential goes
	// over plain HTTP beyond this computer.
	for _, u := range []string{a.APIURL, a.OAuthURL} {
		if err := core.CheckServiceURL(u); u != "" && err != nil {
			return nil, err
		}
	}
	switch {
	case a.Auth == core.AuthUser:
		return e.userProvider(a)
	case o.Factories[a.Provider] != nil:
		return o.Factories[a.Provider](a)
	case spec.Managed():
		return spec.New(a, e.providerDeps(nil))
	}
	return nil, unavailable
}

// providerDeps is what the engine hands a registered adapter.
func (e *Engine) providerDeps(tokens core.TokenSource) core.ProviderDeps {
	d := core.ProviderDeps{Tokens: tokens, Now: e.clock.Now}
	if e.prov != nil {
		d.HTTP = e.prov.o.HTTP
	}
	return d
}

// AddAccount validates and stores a new provider account. Names are
// unique (in any case).
func (e *Engine) AddAccount(ctx context.Context, a core.Account) (core.Account, error) {
	a.ID = 0
	if err := a.Validate(); err != nil {
		return a, err
	}
	now := e.clock.Now()
	a.CreatedAt, a.UpdatedAt = now, now
	err := e.store.Update(ctx, func(tx core.Tx) error {
		list, err := tx.Accounts()
		if err != nil {
			return err
		}
		for _, o := range list {
			if strings.EqualFold(o.Name, a.Name) {
				return core.Errorf(core.ECONFLICT, "An account named %q already exists; choose another name.", a.Name)
			}
		}
		return tx.PutAccount(&a)
	})
	if err == nil {
		e.log.Info("account added", "account", a)
	}
	return a, err
}

// Accounts lists the connected accounts.
func (e *Engine) Accounts(ctx context.Context) (list []core.Account, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error { list, err = tx.Accounts(); return err })
	return list, err
}

// FindAccount finds an account by name (any case) or ID.
func (e *Engine) FindAccount(ctx context.Context, nameOrID string) (core.Account, error) {
	list, err := e.Accounts(ctx)
	if err != nil {
		return core.Account{}, err
	}
	s := strings.TrimSpace(nameOrID)
	for _, a := range list {
		if strings.EqualFold(a.Name, s) || strconv.FormatUint(uint64(a.ID), 10) == s {
			return a, nil
		}
	}
	return core.Account{}, core.Errorf(core.ENOTFOUND, "No account is named %q; \"turnout account list\" shows them.", s)
}

func (e *Engine) updateAccount(ctx context.Context, id core.ID, fn func(*core.Account)) (a core.Account, err error) {
	err = e.store.Update(ctx, func(tx core.Tx) error {
		if a, err = tx.Account(id); err != nil {
			return err
		}
		fn(&a)
		return tx.PutAccount(&a)
	})
	return a, err
}

// SetAccountActive turns an account on or off. Off pauses its syncs; the
// credentials are kept.
func (e *Engine) SetAccountActive(ctx context.Context, id core.ID, active bool) (core.Account, error) {
	return e.updateAccount(ctx, id, func(a *core.Account) { a.Active = active; a.UpdatedAt = e.clock.Now() })
}

// TestAccount checks an account's credentials with the provider and
// records the outcome as the account's last error (or success).
func (e *Engine) TestAccount(ctx context.Context, id core.ID) (core.Account, error) {
	var a core.Account
	err := e.store.View(ctx, func(tx core.Tx) (err error) { a, err = tx.Account(id); return err })
	if err != nil {
		return a, err
	}
	p, err := e.provider(ctx, a)
	if err == nil {
		err = p.TestConnection(ctx)
	}
	msg := ""
	if err != nil {
		msg = e.providerMessage(a, err)
		e.log.Warn("account test failed", "account", a, "err", err)
	}
	// Keep UpdatedAt: the cached adapter (and its token) stays valid.
	a, uerr := e.updateAccount(ctx, id, func(a *core.Account) {
		a.LastError = msg
		if msg == "" {
			a.LastOKAt = e.clock.Now()
		}
	})
	if uerr != nil {
		return a, uerr
	}
	if err != nil {
		return a, core.Errorf(core.EUNAVAILABLE, "%s", msg)
	}
	return a, nil
}

// sandboxMeeting is the meeting the Sandbox holds for an event linked to
// it, as if staff had set it up in Zoom.
func sandboxMeeting(ev core.Event) core.ExternalMeeting {
	return core.ExternalMeeting{Kind: ev.Location.Kind, ID: ev.Location.ProviderID(), Topic: ev.Title,
		Start: ev.Start, TimeZone: ev.TimeZone, Duration: ev.Duration, Password: ev.Location.Password,
		RegistrationRequired: true}
}
