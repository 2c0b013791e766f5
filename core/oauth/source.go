package oauth

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"github.com/turnout-app/turnout/core"
)

// DefaultMargin is how long before expiry an access token is refreshed.
const DefaultMargin = 2 * time.Minute

// SourceConfig sets up a persisting token source for one account.
type SourceConfig struct {
	Provider Provider
	Account  string // the account's name, for messages
	Token    core.OAuthToken
	// Save persists a new token (with its rotated refresh token) in one
	// transaction. It is called before the token is used.
	Save func(ctx context.Context, t core.OAuthToken) error
	// Revoked is told when the provider no longer accepts the refresh
	// token (invalid_grant): the account needs a new sign-in. err is the
	// *core.Error that Token returns.
	Revoked func(ctx context.Context, err error)
	HTTP    *http.Client     // nil: a 30 s one
	Now     func() time.Time // [time.Now]
	Margin  time.Duration    // [DefaultMargin]
}

// Source hands out access tokens for one account, refreshing them before
// they expire and saving every refreshed token (Zoom and RingCentral
// rotate refresh tokens: each is single-use, so the new one must be on
// disk before the old one is forgotten). It is an oauth2.TokenSource and
// safe for concurrent use; one refresh runs at a time.
type Source struct {
	c    SourceConfig
	conf *oauth2.Config

	mu      sync.Mutex
	tok     core.OAuthToken
	unsaved bool  // tok is newer than the data file
	dead    error // invalid_grant seen: no more refreshes
}

var _ oauth2.TokenSource = (*Source)(nil)

// NewSource returns a persisting token source.
func NewSource(c SourceConfig) *Source {
	if c.HTTP == nil {
		c.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Margin <= 0 {
		c.Margin = DefaultMargin
	}
	return &Source{c: c, conf: config(c.Provider, ""), tok: c.Token}
}

// ReconnectError is the message staff see when an account must sign in
// again.
func ReconnectError(account string) *core.Error {
	return core.Errorf(core.EUNAUTHORIZED, "Reconnect %s: the provider no longer accepts Turnout's sign-in.", account)
}

// Token is oauth2.TokenSource's method (background context).
func (s *Source) Token() (*oauth2.Token, error) {
	t, err := s.TokenContext(context.Background())
	if err != nil {
		return nil, err
	}
	return toOAuth2(t), nil
}

// AccessToken returns a valid access token, refreshing it first if it
// expires within the margin.
func (s *Source) AccessToken(ctx context.Context) (string, error) {
	t, err := s.TokenContext(ctx)
	return t.AccessToken, err
}

// TokenContext returns a valid token, refreshing (and saving) it if needed.
func (s *Source) TokenContext(ctx context.Context) (core.OAuthToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dead != nil {
		return core.OAuthToken{}, s.dead
	}
	if s.unsaved { // a save failed earlier: try again before handing it out
		if err := s.c.Save(ctx, s.tok); err != nil {
			return core.OAuthToken{}, err
		}
		s.unsaved = false
	}
	if s.tok.AccessToken != "" && (s.tok.Expiry.IsZero() || s.c.Now().Add(s.c.Margin).Before(s.tok.Expiry)) {
		return s.tok, nil
	}
	if s.tok.RefreshToken == "" {
		s.dead = ReconnectError(s.c.Account)
		if s.c.Revoked != nil {
			s.c.Revoked(ctx, s.dead)
		}
		return core.OAuthToken{}, s.dead
	}
	// A token with no access token forces oauth2 to use the refresh grant.
	hctx := context.WithValue(ctx, oauth2.HTTPClient, s.c.HTTP)
	nt, err := s.conf.TokenSource(hctx, &oauth2.Token{RefreshToken: s.tok.RefreshToken}).Token()
	if err != nil {
		if IsInvalidGrant(err) {
			s.dead = ReconnectError(s.c.Account)
			if s.c.Revoked != nil {
				s.c.Revoked(ctx, s.dead)
			}
			return core.OAuthToken{}, s.dead
		}
		if ctx.Err() != nil {
			return core.OAuthToken{}, ctx.Err()
		}
		return core.OAuthToken{}, core.Errorf(core.EUNAVAILABLE, "Could not reach %s to renew the sign-in of %s; Turnout will retry.", s.c.Provider.Name, s.c.Account)
	}
	t := fromOAuth2(nt)
	if !t.Expiry.IsZero() { // oauth2 dates expiry by the wall clock; use ours
		t.Expiry = s.c.Now().Add(time.Until(nt.Expiry)).Round(time.Second)
	}
	if t.RefreshToken == "" { // providers that do not rotate keep the old one
		t.RefreshToken = s.tok.RefreshToken
	}
	s.tok = t
	if err := s.c.Save(ctx, t); err != nil {
		// Keep the new token in memory (the old refresh token is spent)
		// and try to save it again on the next call.
		s.unsaved = true
		return core.OAuthToken{}, err
	}
	return t, nil
}

// Invalidate drops the access token after the provider refused it, so
// the next call refreshes.
func (s *Source) Invalidate(access string) {
	s.mu.Lock()
	if s.tok.AccessToken == access {
		s.tok.AccessToken = ""
	}
	s.mu.Unlock()
}

// Current returns the token held now (for revocation on disconnect).
func (s *Source) Current() core.OAuthToken {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok
}

// IsInvalidGrant reports whether a token endpoint refused a grant for
// good: RFC 6749 invalid_grant, or Zoom's "Invalid Token!" for a refresh
// token that was rotated away.
func IsInvalidGrant(err error) bool {
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) {
		return false
	}
	if re.ErrorCode == "invalid_grant" {
		return true
	}
	return re.Response != nil && re.Response.StatusCode < 500 && strings.Contains(string(re.Body), "Invalid Token")
}

func toOAuth2(t core.OAuthToken) *oauth2.Token {
	return &oauth2.Token{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: t.TokenType, Expiry: t.Expiry}
}

// FromOAuth2 converts a token from golang.org/x/oauth2.
func FromOAuth2(t *oauth2.Token) core.OAuthToken { return fromOAuth2(t) }

func fromOAuth2(t *oauth2.Token) core.OAuthToken {
	if t == nil {
		return core.OAuthToken{}
	}
	return core.OAuthToken{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: t.TokenType, Expiry: t.Expiry}
}

// Scopes reads the granted scopes from a token response ("scope", space
// separated), or nil.
func Scopes(t *oauth2.Token) []string {
	if t == nil {
		return nil
	}
	s, _ := t.Extra("scope").(string)
	return strings.Fields(s)
}

// Revoke asks the provider to forget a token (RFC 7009 style: POST
// token=… with client authentication). Providers without a revoke
// endpoint succeed at once.
func Revoke(ctx context.Context, hc *http.Client, p Provider, token string) error {
	if p.RevokeURL == "" || token == "" {
		return nil
	}
	if err := CheckURL(p.RevokeURL); err != nil {
		return err
	}
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	form := url.Values{"token": {token}}
	if p.ClientSecret == "" {
		form.Set("client_id", p.ClientID)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.RevokeURL, strings.NewReader(form.Encode()))
	if err != nil {
		return core.Errorf(core.EINVALID, "The revoke address of %s is not valid.", p.Name)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if p.ClientSecret != "" {
		req.SetBasicAuth(url.QueryEscape(p.ClientID), url.QueryEscape(p.ClientSecret))
	}
	resp, err := hc.Do(req)
	if err != nil {
		return core.Errorf(core.EUNAVAILABLE, "Could not reach %s to revoke Turnout's access.", p.Name)
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return core.Errorf(core.EUNAVAILABLE, "%s did not revoke Turnout's access (HTTP %s).", p.Name, strconv.Itoa(resp.StatusCode))
	}
	return nil
}
