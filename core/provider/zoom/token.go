package zoom

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// TokenSource hands out access tokens. Server-to-Server OAuth is built in
// (S2S); a browser sign-in's source is injected by the app (Config.Tokens).
type TokenSource = core.TokenSource

// refreshMargin is how long before expiry a cached token is replaced.
const refreshMargin = 60 * time.Second

// S2S is a Server-to-Server OAuth token source (grant account_credentials,
// client ID and secret as Basic auth). It caches the token until 60 s
// before it expires. Safe for concurrent use; one fetch at a time.
type S2S struct {
	http  *http.Client
	url   string // token endpoint
	creds core.Credentials
	name  string
	now   func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

// NewS2S returns a token source for the OAuth host (e.g. https://zoom.us).
func NewS2S(hc *http.Client, oauthURL string, creds core.Credentials, name string, now func() time.Time) *S2S {
	return &S2S{http: hc, url: oauthURL + "/oauth/token", creds: creds, name: name, now: now}
}

type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Error       string `json:"error"`
	Reason      string `json:"reason"`
}

// Token returns the cached token or fetches a new one.
func (s *S2S) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && s.now().Before(s.expires.Add(-refreshMargin)) {
		return s.token, nil
	}
	q := url.Values{"grant_type": {"account_credentials"}, "account_id": {s.creds.AccountID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url+"?"+q.Encode(), nil)
	if err != nil {
		return "", fmt.Errorf("zoom: token request: %w", err)
	}
	req.SetBasicAuth(s.creds.ClientID, s.creds.ClientSecret)
	resp, err := s.http.Do(req)
	if err != nil {
		// The error names the URL, never the credentials.
		return "", fmt.Errorf("zoom: token request: %w", err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var a tokenAnswer
	_ = json.Unmarshal(data, &a)
	if resp.StatusCode != http.StatusOK || a.AccessToken == "" {
		msg := a.Reason
		if msg == "" {
			msg = a.Error
		}
		if msg == "" {
			msg = http.StatusText(resp.StatusCode)
		}
		return "", fmt.Errorf("zoom: token: %w", &core.ProviderError{Kind: core.PErrUnauthorized, Provider: s.name,
			HTTPStatus: resp.StatusCode, Message: core.RedactSecrets(msg)})
	}
	if a.ExpiresIn <= 0 {
		a.ExpiresIn = 3600
	}
	s.token, s.expires = a.AccessToken, s.now().Add(time.Duration(a.ExpiresIn)*time.Second)
	return s.token, nil
}

// Invalidate forgets tok if it is the cached one.
func (s *S2S) Invalidate(tok string) {
	s.mu.Lock()
	if s.token == tok {
		s.token = ""
	}
	s.mu.Unlock()
}
