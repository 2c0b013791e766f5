package engine

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/oauth"
)

// OAuthOptions give the engine browser sign-in.
// The OAuth app of an account comes from its registered provider
// (core.ProviderSpec.OAuth).
type OAuthOptions struct {
	HTTP *http.Client  // token calls; nil: 30 s timeout
	Wait time.Duration // how long a sign-in waits for the browser [5 min]
	// App replaces the registry's OAuth app description (tests: any
	// loopback port); nil: the registry's.
	App func(a core.Account) core.OAuthApp
}

type oauthState struct{ o OAuthOptions }

// WithOAuth lets accounts connect through the system browser.
func WithOAuth(o OAuthOptions) Option {
	if o.HTTP == nil {
		o.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Wait <= 0 {
		o.Wait = oauth.DefaultTimeout
	}
	return func(e *Engine) { e.oauth = &oauthState{o} }
}

// Identifier is implemented by adapters that can say who signed in.
type Identifier interface {
	Me(ctx context.Context) (email string, err error)
}

// OAuthSpec is a provider that signs accounts in through the browser.
type OAuthSpec = core.ProviderSpec

func (e *Engine) oauthSpec(kind core.ProviderKind) (OAuthSpec, error) {
	if spec, ok := core.Spec(kind); ok && e.oauth != nil && spec.OAuth != nil && spec.Managed() {
		return spec, nil
	}
	return OAuthSpec{}, core.Errorf(core.EUNAVAILABLE, "Turnout cannot connect %s accounts in the browser in this version; use keys.", kind.Label())
}

// oauthApp describes the OAuth app an account signs in with.
func (e *Engine) oauthApp(spec OAuthSpec, a core.Account) core.OAuthApp {
	if e.oauth.o.App != nil {
		return e.oauth.o.App(a)
	}
	return spec.OAuth(a)
}

// userTokens hands an adapter the tokens of a browser sign-in.
type userTokens struct{ s *oauth.Source }

func (u userTokens) Token(ctx context.Context) (string, error) { return u.s.AccessToken(ctx) }
func (u userTokens) Invalidate(tok string)                     { u.s.Invalidate(tok) }

// ConnectAccount signs a new account in through the browser (opened
// with open) and saves it only when the sign-in and a first call to the
// provider succeeded. Cancel ctx to stop waiting.
func (e *Engine) ConnectAccount(ctx context.Context, kind core.ProviderKind, name string, o ConnectOptions, open core.BrowserOpener) (core.Account, error) {
	a := core.Account{Name: name, Provider: kind, Active: true, Auth: core.AuthUser, APIURL: o.APIURL, OAuthURL: o.OAuthURL,
		OAuthPort: o.Port, Credentials: core.Credentials{ClientID: o.ClientID, ClientSecret: o.ClientSecret}}
	if err := a.Validate(); err != nil {
		return a, err
	}
	spec, err := e.oauthSpec(kind)
	if err != nil {
		return a, err
	}
	if err := e.store.View(ctx, func(tx core.Tx) error { return uniqueName(tx, a.Name, 0) }); err != nil {
		return a, err
	}
	if err := e.signIn(ctx, spec, &a, o, open); err != nil {
		return a, err
	}
	now := e.clock.Now()
	a.CreatedAt, a.UpdatedAt, a.LastOKAt = now, now, now
	err = e.store.Update(ctx, func(tx core.Tx) error {
		if err := uniqueName(tx, a.Name, 0); err != nil {
			return err
		}
		return tx.PutAccount(&a)
	})
	if err != nil {
		e.revoke(spec, a) // leave nothing behind at the provider either
		return a, err
	}
	e.log.Info("account connected", "account", a, "connected_as", a.ConnectedAs, "scopes", strings.Join(a.Scopes, " "))
	return a, nil
}

func uniqueName(tx core.Tx, name string, except core.ID) error {
	list, err := tx.Accounts()
	if err != nil {
		return err
	}
	for _, o := range list {
		if o.ID != except && strings.EqualFold(o.Name, name) {
			return core.Errorf(core.ECONFLICT, "An account named %q already exists; choose another name.", name)
		}
	}
	return nil
}

// signIn runs the browser flow for a and checks the token with one call;
// on success a carries the token, scopes and who signed in.
func (e *Engine) signIn(ctx context.Context, spec OAuthSpec, a *core.Account, o ConnectOptions, open core.BrowserOpener) error {
	wait := o.Timeout
	if wait <= 0 {
		wait = e.oauth.o.Wait
	}
	p := e.oauthApp(spec, *a)
	tok, err := oauth.Run(ctx, p, open, oauth.Options{Timeout: wait, HTTP: e.oauth.o.HTTP, Now: e.clock.Now}, o.Shown)
	if err != nil {
		e.log.Warn("sign-in failed", "account", *a, "err", core.ErrorMessage(err))
		return err
	}
	a.Token = oauth.FromOAuth2(tok)
	a.TokenExpiry = a.Token.Expiry
	a.Scopes = oauth.Scopes(tok)
	a.ProviderIDs = tokenFields(tok, p.TokenFields)
	// The first call uses the token as is; nothing is saved yet.
	src := oauth.NewSource(oauth.SourceConfig{Provider: p, Account: a.Name, Token: a.Token, HTTP: e.oauth.o.HTTP,
		Now: time.Now, Save: func(_ context.Context, t core.OAuthToken) error { a.Token = t; return nil }})
	prov, err := spec.New(*a, e.providerDeps(userTokens{src}))
	if err == nil {
		if id, ok := prov.(Identifier); ok {
			a.ConnectedAs, err = id.Me(ctx)
		} else {
			err = prov.TestConnection(ctx)
		}
	}
	if a.ConnectedAs == "" {
		a.ConnectedAs = a.ProviderIDs["email"]
	}
	if err != nil {
		e.log.Warn("first call after sign-in failed", "account", *a, "err", err)
		e.revoke(spec, *a)
		return core.Errorf(core.EUNAVAILABLE, "Signed in, but the first call failed, so the account was not saved: %s", e.providerMessage(*a, err))
	}
	a.TokenExpiry = a.Token.Expiry
	a.NeedsReconnect, a.LastError = false, ""
	return nil
}

// revoke tells the provider to forget a's grant; failures are logged.
func (e *Engine) revoke(spec OAuthSpec, a core.Account) error {
	t := a.Token.RefreshToken
	if t == "" {
		t = a.Token.AccessToken
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := oauth.Revoke(ctx, e.oauth.o.HTTP, e.oauthApp(spec, a), t)
	if err != nil {
		e.log.Warn("revoke failed", "account", a, "err", core.ErrorMessage(err))
	}
	return err
}

func (e *Engine) userAccount(ctx context.Context, id core.ID) (core.Account, OAuthSpec, error) {
	var a core.Account
	if err := e.store.View(ctx, func(tx core.Tx) (err error) { a, err = tx.Account(id); return err }); err != nil {
		return a, OAuthSpec{}, err
	}
	if a.Auth != core.AuthUser {
		return a, OAuthSpec{}, core.Errorf(core.EINVALID, "%s uses Server-to-Server credentials, not a browser sign-in.", a.Name)
	}
	spec, err := e.oauthSpec(a.Provider)
	return a, spec, err
}

// ReconnectAccount signs an existing account in again through the
// browser (after "Reconnect …" or a disconnect). Non-zero options replace
// the stored client ID, secret and port.
//
// A Server-to-Server account has no browser sign-in: reconnecting it
// stores its client secret typed again (o.ClientSecret; the data file
// came from another computer, whose password store kept the secret) and
// tests it.
func (e *Engine) ReconnectAccount(ctx context.Context, id core.ID, o ConnectOptions, open core.BrowserOpener) (core.Account, error) {
	a, spec, err := e.userAccount(ctx, id)
	if err != nil && a.ID != 0 && a.Auth == core.AuthServer {
		return e.reconnectKeys(ctx, a, o)
	}
	if err != nil {
		return a, err
	}
	if o.ClientID != "" {
		a.Credentials.ClientID, a.Credentials.ClientSecret = o.ClientID, o.ClientSecret
	} else if o.ClientSecret != "" {
		a.Credentials.ClientSecret = o.ClientSecret // typed again on another computer
	}
	if o.Port != 0 {
		a.OAuthPort = o.Port
	}
	if err := a.Validate(); err != nil {
		return a, err
	}
	old := a.Token
	if err := e.signIn(ctx, spec, &a, o, open); err != nil {
		return a, err
	}
	now := e.clock.Now()
	saved, err := e.updateAccount(ctx, id, func(cur *core.Account) {
		cur.Credentials, cur.OAuthPort = a.Credentials, a.OAuthPort
		cur.Token, cur.TokenExpiry, cur.Scopes, cur.ConnectedAs = a.Token, a.TokenExpiry, a.Scopes, a.ConnectedAs
		cur.ProviderIDs = a.ProviderIDs
		cur.NeedsReconnect, cur.LastError, cur.Active = false, "", true
		cur.LastOKAt, cur.UpdatedAt = now, now // a new adapter with the new token
	})
	if err != nil {
		e.revoke(spec, a)
		return saved, err
	}
	if old.RefreshToken != "" && old.RefreshToken != a.Token.RefreshToken {
		a.Token = old
		e.revoke(spec, a) // the replaced grant, if the provider still knows it
	}
	e.log.Info("account reconnected", "account", saved, "connected_as", saved.ConnectedAs)
	return saved, nil
}

// DisconnectAccount revokes the account's grant at the provider (where it
// has a revoke endpoint) and forgets the tokens. The account stays, with
// its events, paused until it is connected again. warning is non-empty
// when the provider could not be told.
func (e *Engine) DisconnectAccount(ctx context.Context, id core.ID) (a core.Account, warning string, err error) {
	a, spec, err := e.userAccount(ctx, id)
	if err != nil {
		return a, "", err
	}
	if !a.Token.Empty() {
		if rerr := e.revoke(spec, a); rerr != nil {
			warning = "Turnout forgot the sign-in, but " + providerName(a) + " could not be told (" + core.ErrorMessage(rerr) +
				"). To be sure, remove Turnout from the apps installed in your " + providerName(a) + " account."
		}
	}
	now := e.clock.Now()
	a, err = e.updateAccount(ctx, id, func(cur *core.Account) {
		cur.Token, cur.TokenExpiry = core.OAuthToken{}, time.Time{}
		cur.NeedsReconnect, cur.Active = true, false
		cur.LastError = "Disconnected: connect again to sync."
		cur.UpdatedAt = now
	})
	if err == nil {
		e.log.Info("account disconnected", "account", a)
	}
	return a, warning, err
}

// userProvider builds the adapter of a user OAuth account around a
// persisting token source: refreshed tokens are saved (rotated refresh
// tokens included) in one transaction each, and a refused refresh marks
// the account as needing a reconnect.
func (e *Engine) userProvider(a core.Account) (core.Provider, error) {
	spec, err := e.oauthSpec(a.Provider)
	if err != nil {
		return nil, err
	}
	if a.NeedsReconnect && a.Token.Empty() {
		return nil, oauth.ReconnectError(a.Name)
	}
	src := oauth.NewSource(oauth.SourceConfig{Provider: e.oauthApp(spec, a), Account: a.Name, Token: a.Token,
		HTTP: e.oauth.o.HTTP, Now: e.clock.Now,
		Save: func(ctx context.Context, t core.OAuthToken) error {
			err := e.store.Update(context.WithoutCancel(ctx), func(tx core.Tx) error {
				cur, err := tx.Account(a.ID)
				if err != nil {
					return err
				}
				cur.Token, cur.TokenExpiry, cur.NeedsReconnect = t, t.Expiry, false
				return tx.PutAccount(&cur) // UpdatedAt kept: the adapter stays
			})
			if err != nil {
				e.log.Error("saving a refreshed token failed", "account", a, "err", err)
				return core.Errorf(core.EUNAVAILABLE, "Turnout could not save the renewed sign-in of %s; it will try again.", a.Name)
			}
			e.log.Info("token refreshed", "account", a, "expires", t.Expiry)
			return nil
		},
		Revoked: func(ctx context.Context, err error) {
			msg := core.ErrorMessage(err)
			_, uerr := e.updateAccount(context.WithoutCancel(ctx), a.ID, func(cur *core.Account) {
				cur.NeedsReconnect, cur.LastError = true, msg
			})
			e.log.Warn("account needs reconnect", "account", a, "err", msg, "save_err", uerr)
		}})
	return spec.New(a, e.providerDeps(userTokens{src}))
}

// reconnectKeys stores a Server-to-Server account's secrets given again
// (the client secret, and the JWT credential of an account that signs in
// with one) and checks them with the provider.
func (e *Engine) reconnectKeys(ctx context.Context, a core.Account, o ConnectOptions) (core.Account, error) {
	secret, jwt := strings.TrimSpace(o.ClientSecret), strings.TrimSpace(o.JWT)
	needsJWT := keysNeed(a.Provider, core.CredJWT)
	again := fmt.Sprintf("turnout account reconnect %q --client-secret-stdin", a.Name)
	if needsJWT {
		again += " --jwt-file FILE"
	}
	if secret == "" {
		return a, core.Errorf(core.EINVALID, "Type the client secret of %s again: its keys are not kept on this computer (in the command line: %s).", a.Name, again)
	}
	if jwt == "" {
		jwt = a.Credentials.JWT // still kept here: only the secret changed
	}
	if needsJWT && jwt == "" {
		return a, core.Errorf(core.EINVALID, "Give the JWT credential of %s again too: it is not kept on this computer (in the command line: %s).", a.Name, again)
	}
	now := e.clock.Now()
	if _, err := e.updateAccount(ctx, a.ID, func(cur *core.Account) {
		cur.Credentials.ClientSecret = secret
		if needsJWT {
			cur.Credentials.JWT = jwt
		}
		cur.NeedsReconnect, cur.LastError, cur.UpdatedAt = false, "", now // a new adapter with the new secrets
	}); err != nil {
		return a, err
	}
	return e.TestAccount(ctx, a.ID)
}

// keysNeed reports whether a provider's keys form asks for a credential.
func keysNeed(kind core.ProviderKind, key core.CredentialKey) bool {
	spec, ok := core.Spec(kind)
	if !ok || spec.Account.Keys == nil {
		return false
	}
	for _, f := range spec.Account.Keys.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}
