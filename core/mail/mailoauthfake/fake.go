// Package mailoauthfake emulates the sign-in services Turnout sends mail
// with: the Microsoft identity platform (/{tenant}/oauth2/v2.0/authorize
// and /token, a public client with PKCE, the SMTP.Send scope, refresh
// tokens that rotate) and Google's OAuth endpoints (/o/oauth2/v2/auth,
// /token, /revoke, a desktop client that may have a secret, the
// https://mail.google.com/ scope). Its consent page is a real HTML form a
// headless browser passes (the page's script presses Allow), and Check
// tells an SMTP server whether an XOAUTH2 access token is live.
package mailoauthfake

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"sync"
	"time"
)

// Service is which identity platform the fake plays.
type Service string

const (
	Microsoft Service = "microsoft"
	Google    Service = "google"
)

// Scope each service requires for SMTP sending.
const (
	MicrosoftSMTPScope = "https://outlook.office.com/SMTP.Send"
	GoogleMailScope    = "https://mail.google.com/"
)

// Options set up a fake.
type Options struct {
	Service  Service
	ClientID string
	// ClientSecret: a Google desktop client's secret; when set the token
	// endpoint requires it.
	ClientSecret string
	// Users are the mailboxes that can consent; the first is used when
	// the authorize request has no login_hint.
	Users []string
	// AccessTTL is how long an access token lives [1 h].
	AccessTTL time.Duration
	Now       func() time.Time // [time.Now]
	// Auto is "allow" or "deny": the consent page presses that button
	// when it loads (a browser in a test); "" waits for a person.
	Auto string
}

// Fake is one emulated identity service. It is safe for concurrent use.
type Fake struct {
	o Options

	mu       sync.Mutex
	codes    map[string]grant // authorization code → grant
	access   map[string]issued
	refresh  map[string]grant
	counts   Counts
	consents []string // who consented, in order
}

// Counts say what the fake has handed out.
type Counts struct {
	Codes, CodeExchanges, Refreshes, RefusedRefreshes, Revocations int
}

type grant struct {
	user, clientID, redirect, challenge string
	offline                             bool
	scopes                              []string
}

type issued struct {
	user    string
	expires time.Time
	refresh string // the refresh token it came with ("" none)
}

// New makes a fake.
func New(o Options) *Fake {
	if o.AccessTTL <= 0 {
		o.AccessTTL = time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if len(o.Users) == 0 {
		o.Users = []string{"events@example.org"}
	}
	return &Fake{o: o, codes: map[string]grant{}, access: map[string]issued{}, refresh: map[string]grant{}}
}

// SetAuto changes what the consent page presses on load.
func (f *Fake) SetAuto(decision string) { f.mu.Lock(); f.o.Auto = decision; f.mu.Unlock() }

// Errors of Check, as the SMTP server words them.
var (
	ErrUnknownToken = errors.New("the access token is not one this service issued (or it was revoked)")
	ErrExpired      = errors.New("the access token expired")
	ErrWrongUser    = errors.New("the access token belongs to another mailbox")
)

// Check says whether access is a live token for user's mailbox.
func (f *Fake) Check(user, access string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	is, ok := f.access[access]
	switch {
	case !ok:
		return ErrUnknownToken
	case !f.o.Now().Before(is.expires):
		return ErrExpired
	case is.user != user:
		return ErrWrongUser
	}
	return nil
}

// RevokeUser revokes every refresh and access token of a mailbox, as an
// administrator who signs the user out everywhere (or a password change)
// does: the next refresh is answered invalid_grant.
func (f *Fake) RevokeUser(user string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for t, g := range f.refresh {
		if g.user == user {
			delete(f.refresh, t)
		}
	}
	for t, is := range f.access {
		if is.user == user {
			delete(f.access, t)
		}
	}
}

// Counts returns what the fake has handed out so far.
func (f *Fake) Counts() Counts { f.mu.Lock(); defer f.mu.Unlock(); return f.counts }

// Consents lists the mailboxes that consented, in order.
func (f *Fake) Consents() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.consents...)
}

// Tokens lists every access and refresh token still known (a test
// greps logs and files for them).
func (f *Fake) Tokens() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for t := range f.access {
		out = append(out, t)
	}
	for t := range f.refresh {
		out = append(out, t)
	}
	return out
}

func (f *Fake) prefix() string {
	if f.o.Service == Google {
		return "ya29."
	}
	return "EwB"
}

func randomToken(prefix string) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// Issue hands out an access token for user directly, as if they had
// signed in (transport tests that need no browser).
func (f *Fake) Issue(user string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	at := randomToken(f.prefix())
	f.access[at] = issued{user: user, expires: f.o.Now().Add(f.o.AccessTTL)}
	return at
}
