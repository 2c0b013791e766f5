package core

import (
	"context"
	"strings"
	"time"
)

// MailSignInKind is how Turnout signs in to the mail server: with a user
// name and password (the empty kind), or through the browser with
// Microsoft 365 or Google (OAuth, then SMTP AUTH XOAUTH2).
type MailSignInKind string

const (
	MailSignInPassword  MailSignInKind = ""
	MailSignInMicrosoft MailSignInKind = "microsoft"
	MailSignInGoogle    MailSignInKind = "google"
)

// ParseMailSignInKind accepts password, microsoft (or microsoft365,
// office365) and google (or gmail) in any case.
func ParseMailSignInKind(s string) (MailSignInKind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "password":
		return MailSignInPassword, nil
	case "microsoft", "microsoft365", "office365", "m365":
		return MailSignInMicrosoft, nil
	case "google", "gmail":
		return MailSignInGoogle, nil
	}
	return "", Errorf(EINVALID, "Sign-in %q is unknown; choose microsoft or google.", s)
}

// OAuth reports whether the kind signs in through the browser.
func (k MailSignInKind) OAuth() bool { return k == MailSignInMicrosoft || k == MailSignInGoogle }

// Label is the service's name as staff know it.
func (k MailSignInKind) Label() string {
	switch k {
	case MailSignInMicrosoft:
		return "Microsoft 365"
	case MailSignInGoogle:
		return "Google"
	}
	return "password"
}

// MailTokens hands the mail transport a live access token for XOAUTH2,
// refreshing (and saving) it when it is about to expire. The engine
// provides it; Invalidate drops a token the server refused so the next
// call refreshes.
type MailTokens interface {
	AccessToken(ctx context.Context) (string, error)
	Invalidate(access string)
}

// MailSignIn is the browser sign-in part of the mail settings. The token
// and the client secret are secrets: the data file keeps only TokenRef
// (they live in the secret store), and Redacted, String and LogValue
// never show them.
type MailSignIn struct {
	SignIn MailSignInKind `json:"sign_in,omitempty"`
	// ClientID is the app registration signed in with: Turnout's own by
	// default, or the office's (Microsoft Entra ID or Google Cloud).
	ClientID string `json:"client_id,omitempty"`
	// OwnApp: ClientID is the office's own registration, not Turnout's.
	OwnApp bool `json:"own_app,omitempty"`
	// Tenant is the Microsoft Entra tenant ("organizations" by default).
	Tenant string `json:"tenant,omitempty"`
	// OAuthURL replaces the service's sign-in address (an emulator in
	// tests); OAuthPort fixes the loopback port (0: any free one).
	OAuthURL  string `json:"oauth_url,omitempty"`
	OAuthPort int    `json:"oauth_port,omitempty"`
	// ClientSecret is a Google desktop client's secret, if it has one.
	ClientSecret string     `json:"-"`
	Token        OAuthToken `json:"-"`
	// TokenRef stands for Token and ClientSecret in the secret store;
	// TokenClear holds them only where no secret store is set up.
	TokenRef   string `json:"token_ref,omitempty"`
	TokenClear string `json:"token_clear,omitempty"`
	// NeedsSignIn: the service no longer accepts the sign-in (the refresh
	// was refused); reminders wait until staff sign in again.
	NeedsSignIn bool   `json:"needs_sign_in,omitempty"`
	SignInError string `json:"sign_in_error,omitempty"`
	// TokenMissing: signed in on another computer (the data file came
	// from there); sign in again here. TokenKept: a token is kept (it
	// stays true in a redacted copy).
	TokenMissing bool `json:"-"`
	TokenKept    bool `json:"-"`
	// Tokens is set by the engine for sending.
	Tokens MailTokens `json:"-"`
}

func (s MailSignIn) redacted() MailSignIn {
	if s.ClientSecret != "" {
		s.ClientSecret = "(set)"
	}
	s.Token, s.TokenRef, s.TokenClear, s.Tokens = OAuthToken{}, "", "", nil
	return s
}

func (s *MailSignIn) validate(user string) error {
	kind, err := ParseMailSignInKind(string(s.SignIn))
	if err != nil {
		return err
	}
	s.SignIn = kind
	s.ClientID, s.Tenant = strings.TrimSpace(s.ClientID), strings.TrimSpace(s.Tenant)
	if !kind.OAuth() {
		return nil
	}
	if user == "" {
		return Errorf(EINVALID, "Signing in with %s needs the mailbox address it sends from.", kind.Label())
	}
	if s.OAuthURL != "" {
		if err := CheckServiceURL(s.OAuthURL); err != nil {
			return err
		}
	}
	if s.OAuthPort < 0 || s.OAuthPort > 65535 {
		return Errorf(EINVALID, "Port %d is not a valid port; choose one between 1024 and 65535.", s.OAuthPort)
	}
	return nil
}

// SignInNeeded is the message of paused reminders: the service refused
// the sign-in, or it was made on another computer.
func (c MailSettings) SignInNeeded() *Error {
	return Errorf(EUNAUTHORIZED, "Reminders are paused: %s no longer accepts Turnout's sign-in for %s. Sign in again in Settings → Mail (or run \"turnout mail connect %s --from %s\"); the waiting reminders then go out.",
		c.SignIn.Label(), c.User, c.SignIn, c.User)
}

// Blocked says why no mail can go out with these settings until staff act
// (a password or a sign-in missing on this computer, or a sign-in the
// service refused), or nil.
func (c MailSettings) Blocked() error {
	switch {
	case c.SignIn.OAuth() && (c.NeedsSignIn || c.TokenMissing || c.Token.Empty() && !c.TokenKept):
		return c.SignInNeeded()
	case !c.SignIn.OAuth() && c.PasswordMissing:
		return ErrMailPasswordMissing
	}
	return nil
}

// MailConnectOptions are what staff give to sign in to Microsoft 365 or
// Google for sending. Zero fields take the service's defaults.
type MailConnectOptions struct {
	SignIn MailSignInKind
	From   string // the mailbox reminders are sent from (and signed in as)
	// ClientID replaces Turnout's app registration with the office's;
	// ClientSecret goes with a Google desktop client that has one.
	ClientID, ClientSecret string
	Tenant                 string // Microsoft Entra tenant
	OAuthURL               string // an emulator's address instead of the service's
	Port                   int    // loopback redirect port (0: any free one)
	// SMTPHost, SMTPPort, Security replace the service's submission server.
	SMTPHost string
	SMTPPort int
	Security MailSecurity
	Timeout  time.Duration // how long to wait for the browser
	// Shown is told the sign-in URL before waiting, and whether the
	// browser opened; when it did not, show the URL to copy.
	Shown func(url string, opened bool)
}
