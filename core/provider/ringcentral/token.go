package ringcentral

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// refreshMargin is how long before expiry a cached token is replaced.
const refreshMargin = 60 * time.Second

// JWTSource gets access tokens with the JWT bearer grant: the client ID
// and secret as Basic auth and the account's JWT credential as the
// assertion. The JWT is re-presented for every new token, so no refresh
// token needs keeping. It caches the token until shortly before expiry.
type JWTSource struct {
	http  *http.Client
	url   string
	creds core.Credentials
	name  string
	now   func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

// NewJWTSource returns a token source for the OAuth host (e.g.
// https://platform.ringcentral.com).
func NewJWTSource(hc *http.Client, oauthURL string, creds core.Credentials, name string, now func() time.Time) *JWTSource {
	return &JWTSource{http: hc, url: oauthURL + "/restapi/oauth/token", creds: creds, name: name, now: now}
}

// Token returns the cached token or fetches a new one.
func (s *JWTSource) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && s.now().Before(s.expires.Add(-refreshMargin)) {
		return s.token, nil
	}
	form := url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {s.creds.JWT}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("ringcentral: token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(s.creds.ClientID, s.creds.ClientSecret)
	resp, err := s.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("ringcentral: token request: %w", err) // names the URL, never the credentials
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var a struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	_ = json.Unmarshal(data, &a)
	if resp.StatusCode != http.StatusOK || a.AccessToken == "" {
		msg := a.Description
		if msg == "" {
			msg = a.Error
		}
		if msg == "" {
			msg = http.StatusText(resp.StatusCode)
		}
		return "", fmt.Errorf("ringcentral: token: %w", &core.ProviderError{Kind: core.PErrUnauthorized, Provider: s.name,
			HTTPStatus: resp.StatusCode, Message: core.RedactSecrets(msg)})
	}
	if a.ExpiresIn <= 0 {
		a.ExpiresIn = 3600
	}
	s.token, s.expires = a.AccessToken, s.now().Add(time.Duration(a.ExpiresIn)*time.Second)
	return s.token, nil
}

// Invalidate forgets tok if it is the cached one.
func (s *JWTSource) Invalidate(tok string) {
	s.mu.Lock()
	if s.token == tok {
		s.token = ""
	}
	s.mu.Unlock()
}
