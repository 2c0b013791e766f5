package engine

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/oauth"
)

// ConnectMail signs in to Microsoft 365 or Google through the system
// browser (authorization code with PKCE, loopback redirect, offline
// access), checks the token with a real SMTP sign-in, and only then saves
// the settings, in one transaction that also lets the reminders that
// waited for a new sign-in go out at once. The sender's name and reply-to
// are kept; a password is forgotten.
func (e *Engine) ConnectMail(ctx context.Context, o core.MailConnectOptions, open core.BrowserOpener) (core.MailSettings, error) {
	kind, err := core.ParseMailSignInKind(string(o.SignIn))
	if err != nil {
		return core.MailSettings{}, err
	}
	if !kind.OAuth() {
		return core.MailSettings{}, core.Errorf(core.EINVALID, "Choose microsoft or google to sign in in the browser; a password server is set with \"turnout mail set\".")
	}
	var old core.MailSettings
	if err := e.store.View(ctx, func(tx core.Tx) (err error) { old, err = readMailConfig(tx); return err }); err != nil {
		return core.MailSettings{}, err // never old: it holds the token
	}
	c := mailSettingsToConnect(old, kind, o)
	if c.From == "" {
		return c.Redacted(), core.Errorf(core.EINVALID, "Type the address reminders are sent from (From) first: Turnout signs in to %s as that mailbox.", kind.Label())
	}
	if err := c.Validate(); err != nil {
		return c.Redacted(), err
	}
	app, err := mail.SignInApp(c)
	if err != nil {
		return c.Redacted(), err
	}
	wait := o.Timeout
	if wait <= 0 && e.oauth != nil {
		wait = e.oauth.o.Wait
	}
	tok, err := oauth.Run(ctx, app, open, oauth.Options{Timeout: wait, HTTP: e.mailHTTP(), Now: e.clock.Now}, o.Shown)
	if err != nil {
		e.log.Warn("mail sign-in failed", "sign_in", kind, "err", core.ErrorMessage(err))
		return c.Redacted(), err
	}
	c.Token, c.TokenKept = oauth.FromOAuth2(tok), true
	if !tok.Expiry.IsZero() { // oauth2 dates expiry by the wall clock; use ours
		c.Token.Expiry = e.clock.Now().Add(time.Until(tok.Expiry)).Round(time.Second)
	}
	if c.Token.RefreshToken == "" {
		return c.Redacted(), core.Errorf(core.EUNAVAILABLE, "%s signed in but gave no refresh token, so sending would stop within the hour; nothing was saved. Sign in again and allow offline access.", kind.Label())
	}
	if err := e.checkMailSignIn(ctx, c); err != nil {
		e.revokeMailToken(app, c.Token)
		return c.Redacted(), err
	}
	err = e.store.Update(ctx, func(tx core.Tx) error {
		cur, err := readMailConfig(tx)
		if err != nil {
			return err
		}
		c.TokenRef = cur.TokenRef
		if err := putMailConfig(tx, c, cur.PasswordRef); err != nil {
			return err
		}
		return resumeWaitingMail(tx)
	})
	if err != nil {
		e.revokeMailToken(app, c.Token)
		return c.Redacted(), err
	}
	e.mailAuth.reset()
	if old.SignIn == kind && old.Token.RefreshToken != "" && old.Token.RefreshToken != c.Token.RefreshToken {
		e.revokeMailToken(app, old.Token) // the replaced grant, where the service can revoke
	}
	e.log.Info("mail signed in", "sign_in", kind, "user", c.User, "server", c.Host)
	return c.Redacted(), nil
}

// mailSettingsToConnect builds the settings a sign-in saves: the
// service's server unless replaced, the app registration given, or the
// one signed in with before (signing in again needs nothing retyped), or
// Turnout's own.
func mailSettingsToConnect(old core.MailSettings, kind core.MailSignInKind, o core.MailConnectOptions) core.MailSettings {
	c := core.MailSettings{FromName: old.FromName, ReplyTo: old.ReplyTo, From: o.From}
	if c.From == "" && old.SignIn == kind {
		c.From = old.From
	}
	c.User = c.From
	c.Host, c.Port, c.Security = mail.DefaultServer(kind)
	if o.SMTPHost != "" {
		c.Host = o.SMTPHost
	}
	if o.SMTPPort != 0 {
		c.Port = o.SMTPPort
	}
	if o.Security != "" {
		c.Security = o.Security
	} else if o.SMTPPort == 465 {
		c.Security = core.MailSecurityTLS // Gmail's other port speaks TLS from the start
	}
	s := core.MailSignIn{SignIn: kind, ClientID: o.ClientID, OwnApp: o.ClientID != "", ClientSecret: o.ClientSecret, Tenant: o.Tenant,
		OAuthURL: o.OAuthURL, OAuthPort: o.Port}
	if old.SignIn == kind {
		if s.ClientID == "" {
			s.ClientID, s.ClientSecret, s.OwnApp = old.ClientID, old.ClientSecret, old.OwnApp
		}
		if s.Tenant == "" {
			s.Tenant = old.Tenant
		}
		if s.OAuthURL == "" {
			s.OAuthURL = old.OAuthURL
		}
		if s.OAuthPort == 0 {
			s.OAuthPort = old.OAuthPort
		}
		if o.SMTPHost == "" && old.Host != "" {
			c.Host, c.Port, c.Security = old.Host, old.Port, old.Security
		}
	}
	if s.ClientID == "" {
		s.ClientID, s.ClientSecret = mail.DefaultClientID(kind)
	}
	c.MailSignIn = s
	return c
}

// checkMailSignIn signs in to the mail server with the new token once;
// nothing is saved when the server refuses it.
func (e *Engine) checkMailSignIn(ctx context.Context, c core.MailSettings) error {
	c.Tokens = staticToken(c.Token.AccessToken)
	s, err := e.mailer.Dial(ctx, c)
	if err != nil {
		e.log.Warn("mail server refused the new sign-in", "sign_in", c.SignIn, "server", c.Host, "err", core.ErrorMessage(userMailError(err)))
		return core.Errorf(core.EUNAVAILABLE, "Signed in to %s, but the mail server %s did not let %s send, so nothing was saved: %s",
			c.SignIn.Label(), c.Host, c.User, core.ErrorMessage(userMailError(err)))
	}
	return s.Close()
}

// staticToken is the one token of a sign-in being checked.
type staticToken string

func (t staticToken) AccessToken(context.Context) (string, error) { return string(t), nil }
func (staticToken) Invalidate(string)                             {}

func (e *Engine) mailHTTP() *http.Client {
	if e.oauth != nil && e.oauth.o.HTTP != nil {
		return e.oauth.o.HTTP
	}
	return &http.Client{Timeout: 30 * time.Second}
}

// revokeMailToken asks the service to forget a grant (Google has a revoke
// endpoint; Microsoft has none). Failures are only logged.
func (e *Engine) revokeMailToken(app core.OAuthApp, t core.OAuthToken) {
	tok := t.RefreshToken
	if tok == "" {
		tok = t.AccessToken
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := oauth.Revoke(ctx, e.mailHTTP(), app, tok); err != nil {
		e.log.Warn("mail sign-in revoke failed", "err", core.ErrorMessage(err))
	}
}

// forgetMailSignIn asks the service to revoke a sign-in the settings gave
// up (Google can; Microsoft has no revoke endpoint) and drops its source.
func (e *Engine) forgetMailSignIn(old core.MailSettings) {
	if !old.SignIn.OAuth() {
		return
	}
	e.mailAuth.reset()
	if app, err := mail.SignInApp(old); err == nil {
		e.revokeMailToken(app, old.Token)
	}
}

// resumeWaitingMail lets the reminders that waited (for a sign-in or a
// server that refused) go out at once.
func resumeWaitingMail(tx core.Tx) error {
	var waiting []core.Job
	if err := tx.Jobs(core.QueueMail, func(j core.Job) error {
		if j.LastError != "" && j.InFlightAt.IsZero() {
			waiting = append(waiting, j)
		}
		return nil
	}); err != nil {
		return err
	}
	for _, j := range waiting {
		j.NotBefore, j.LastError = time.Time{}, ""
		if err := tx.PutJob(j); err != nil {
			return err
		}
	}
	return nil
}

// mailAuthState keeps one token source for the mail sign-in, shared by
// every connection, so a rotated refresh token is used (and saved) once.
type mailAuthState struct {
	mu      sync.Mutex
	src     *oauth.Source
	key     string        // client ID and refresh token the source started from
	resumed chan struct{} // a new sign-in: the outbox stops waiting
}

func (s *mailAuthState) wake() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.resumed == nil {
		s.resumed = make(chan struct{}, 1)
	}
	return s.resumed
}

// reset forgets the token source after a new sign-in and wakes the outbox,
// which may be waiting long after failing while reminders were paused.
func (s *mailAuthState) reset() {
	s.mu.Lock()
	s.src, s.key = nil, ""
	s.mu.Unlock()
	select {
	case s.wake() <- struct{}{}:
	default:
	}
}

// sleepOrResume is sleep that a new mail sign-in ends early.
func (e *Engine) sleepOrResume(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(max(d, 0))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
	case <-e.mailAuth.wake():
	}
	return ctx.Err() == nil
}

// readyToSend says why c cannot send now (a password or a sign-in
// missing or refused) and gives a signed-in c its token source.
func (e *Engine) readyToSend(c *core.MailSettings) error {
	if err := c.Blocked(); err != nil {
		return err
	}
	if c.SignIn.OAuth() {
		src, err := e.mailTokenSource(*c)
		if err != nil {
			return err
		}
		c.Tokens = mailTokens{src: src, cfg: *c}
	}
	return nil
}

func (e *Engine) mailTokenSource(c core.MailSettings) (*oauth.Source, error) {
	s := &e.mailAuth
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.src != nil {
		cur := s.src.Current()
		if s.key == c.ClientID+"\x00"+c.Token.RefreshToken || cur.RefreshToken == c.Token.RefreshToken {
			return s.src, nil
		}
	}
	app, err := mail.SignInApp(c)
	if err != nil {
		return nil, err
	}
	kind := c.SignIn
	s.key = c.ClientID + "\x00" + c.Token.RefreshToken
	s.src = oauth.NewSource(oauth.SourceConfig{Provider: app, Account: c.User, Token: c.Token, HTTP: e.mailHTTP(), Now: e.clock.Now,
		Save: func(ctx context.Context, t core.OAuthToken) error {
			err := e.store.Update(context.WithoutCancel(ctx), func(tx core.Tx) error {
				cur, err := readMailConfig(tx)
				if err != nil || cur.SignIn != kind {
					return err // signed out meanwhile: nothing to keep
				}
				cur.Token, cur.NeedsSignIn, cur.SignInError = t, false, ""
				return putMailConfig(tx, cur, cur.PasswordRef)
			})
			if err != nil {
				e.log.Error("saving the renewed mail sign-in failed", "err", err)
				return core.Errorf(core.EUNAVAILABLE, "Turnout could not save the renewed sign-in to %s; it will try again.", kind.Label())
			}
			e.log.Info("mail sign-in renewed", "sign_in", kind, "expires", t.Expiry)
			return nil
		},
		Revoked: func(ctx context.Context, _ error) { e.pauseMail(ctx, kind) },
	})
	return s.src, nil
}

// pauseMail records that the service refused the sign-in: the reminders
// wait (nothing fails) and staff see "Sign in again".
func (e *Engine) pauseMail(ctx context.Context, kind core.MailSignInKind) {
	var msg string
	err := e.store.Update(context.WithoutCancel(ctx), func(tx core.Tx) error {
		cur, err := readMailConfig(tx)
		if err != nil || cur.SignIn != kind {
			return err
		}
		msg = core.ErrorMessage(cur.SignInNeeded())
		cur.NeedsSignIn, cur.SignInError = true, msg
		return putMailConfig(tx, cur, cur.PasswordRef)
	})
	e.log.Warn("mail sign-in refused; reminders paused", "sign_in", kind, "save_err", err)
}

// mailTokens words a refused sign-in as paused reminders.
type mailTokens struct {
	src *oauth.Source
	cfg core.MailSettings
}

func (m mailTokens) AccessToken(ctx context.Context) (string, error) {
	t, err := m.src.AccessToken(ctx)
	if err != nil && core.ErrorCode(err) == core.EUNAUTHORIZED {
		return "", m.cfg.SignInNeeded()
	}
	return t, err
}

func (m mailTokens) Invalidate(access string) { m.src.Invalidate(access) }
