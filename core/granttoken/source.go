// Package granttoken gets and caches the access tokens an adapter requests
// with its account's own credentials, no person signing in: Zoom's
// Server-to-Server grant, RingCentral's JWT bearer grant. Each adapter says
// how its token request is built; the caching, the reading of the answer
// and the errors staff see are the same.
//
// It is a library: it imports only core and the standard library.
package granttoken

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// refreshMargin is how long before expiry a cached token is replaced.
const refreshMargin = 60 * time.Second

// Source is a core.TokenSource that caches the token until shortly before
// it expires. Safe for concurrent use; one fetch at a time.
type Source struct {
	http     *http.Client
	provider string // "zoom": begins every error
	name     string // the account, named in the error staff see
	now      func() time.Time
	request  func(ctx context.Context) (*http.Request, error)

	mu      sync.Mutex
	token   string
	expires time.Time
}

// New returns a source that sends what request builds (endpoint, grant,
// client authentication) through hc whenever it needs a token.
func New(hc *http.Client, provider, name string, now func() time.Time, request func(ctx context.Context) (*http.Request, error)) *Source {
	return &Source{http: hc, provider: provider, name: name, now: now, request: request}
}

// answer is an OAuth token answer; a refusal's words are in
// error_description (RFC 6749), or reason (Zoom), or only error.
type answer struct {
	AccessToken string `json:"access_token"`
	ExpiresIn   int    `json:"expires_in"`
	Error       string `json:"error"`
	Description string `json:"error_description"`
	Reason      string `json:"reason"`
}

// Token returns the cached token or fetches a new one.
func (s *Source) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && s.now().Before(s.expires.Add(-refreshMargin)) {
		return s.token, nil
	}
	req, err := s.request(ctx)
	if err != nil {
		return "", fmt.Errorf("%s: token request: %w", s.provider, err)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("%s: token request: %w", s.provider, err) // names the URL, never the credentials
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var a answer
	_ = json.Unmarshal(data, &a)
	if resp.StatusCode != http.StatusOK || a.AccessToken == "" {
		msg := a.Description
		for _, m := range []string{a.Reason, a.Error, http.StatusText(resp.StatusCode)} {
			if msg == "" {
				msg = m
			}
		}
		return "", fmt.Errorf("%s: token: %w", s.provider, &core.ProviderError{Kind: core.PErrUnauthorized, Provider: s.name,
			HTTPStatus: resp.StatusCode, Message: core.RedactSecrets(msg)})
	}
	if a.ExpiresIn <= 0 {
		a.ExpiresIn = 3600
	}
	s.token, s.expires = a.AccessToken, s.now().Add(time.Duration(a.ExpiresIn)*time.Second)
	return s.token, nil
}

// Invalidate forgets tok if it is the cached one.
func (s *Source) Invalidate(tok string) {
	s.mu.Lock()
	if s.token == tok {
		s.token = ""
	}
	s.mu.Unlock()
}
