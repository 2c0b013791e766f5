// Package ringcentral is Turnout's adapter for RingCentral Webinar: a
// webinar's sessions, registrants created through the registration API
// (with Turnout's own reference as externalId and the campaign as
// source), and who took part from the history API. Every Webinar
// endpoint is in RingCentral's Heavy rate-limit group (10 requests a
// minute per user), so the client paces itself by the rate-limit headers
// and serves interactive calls before a bulk push. It speaks only HTTP.
package ringcentral

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

// DefaultAPIURL is RingCentral's platform, for the API and OAuth alike.
const DefaultAPIURL = "https://platform.ringcentral.com"

// Config sets up a client for one account.
type Config struct {
	// Name appears in errors: "RingCentral Webinar", or "Sandbox".
	Name        string
	APIURL      string // "" means DefaultAPIURL
	OAuthURL    string // "" means the API URL
	Credentials core.Credentials
	// Tokens replaces the JWT bearer grant (a browser sign-in's source).
	Tokens core.TokenSource
	HTTP   *http.Client // nil: 30 s timeout
	Now    func() time.Time
	// MaxRetries bounds the retries after a 429 (each after its
	// Retry-After) [4].
	MaxRetries int
	// Penalty429 is the wait after a 429 without Retry-After [30 s].
	Penalty429 time.Duration
}

// Client talks to RingCentral Webinar for one account; safe for
// concurrent use.
type Client struct {
	name    string
	api     string
	http    *http.Client
	tokens  core.TokenSource
	now     func() time.Time
	retries int
	pace    *pacer
}

var _ core.Provider = (*Client)(nil)

// New returns a client.
func New(c Config) *Client {
	if c.Name == "" {
		c.Name = label
	}
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	c.APIURL = strings.TrimRight(c.APIURL, "/")
	if c.OAuthURL == "" {
		c.OAuthURL = c.APIURL
	}
	if c.HTTP == nil {
		c.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.MaxRetries <= 0 {
		c.MaxRetries = 4
	}
	if c.Tokens == nil {
		c.Tokens = NewJWTSource(c.HTTP, strings.TrimRight(c.OAuthURL, "/"), c.Credentials, c.Name, c.Now)
	}
	p := newPacer(time.Now)
	if c.Penalty429 > 0 {
		p.penalty429 = c.Penalty429
	}
	return &Client{name: c.Name, api: c.APIURL, http: c.HTTP, tokens: c.Tokens, now: c.Now, retries: c.MaxRetries, pace: p}
}

// apiErrors is the Webinar API's error body.
type apiErrors struct {
	Errors []struct {
		ErrorCode string `json:"errorCode"`
		Message   string `json:"message"`
	} `json:"errors"`
}

// do sends one API call in its turn (see pacer), retrying a 429 after its
// Retry-After, a 401 once with a fresh token and a server error twice.
// out (if not nil) receives the JSON body of a 2xx answer.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("ringcentral: encode request: %w", err)
		}
	}
	u := c.api + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	refreshed, limited, failed := false, 0, 0
	for {
		tok, err := c.tokens.Token(ctx)
		if err != nil {
			return err
		}
		if err := c.pace.acquire(ctx, core.IsBulk(ctx)); err != nil {
			return err
		}
		status, data, err := c.send(ctx, method, u, tok, payload)
		if err != nil {
			if failed++; ctx.Err() != nil || failed > 2 {
				return fmt.Errorf("ringcentral: %s %s: %w", method, path, err)
			}
			continue
		}
		switch {
		case status >= 200 && status < 300:
			if out != nil && status != http.StatusNoContent && len(data) > 0 {
				if err := json.Unmarshal(data, out); err != nil {
					return fmt.Errorf("ringcentral: %s %s: decode answer: %w", method, path, err)
				}
			}
			return nil
		case status == http.StatusUnauthorized && !refreshed:
			refreshed = true // OAU-128: expired token; one fresh one
			c.tokens.Invalidate(tok)
			continue
		case status == http.StatusTooManyRequests && limited < c.retries:
			limited++ // the pacer waits out the Retry-After
			continue
		case status >= 500 && failed < 2:
			failed++
			continue
		}
		return fmt.Errorf("ringcentral: %s %s: %w", method, path, c.refusal(status, data))
	}
}

// send makes one HTTP exchange within a pacer turn.
func (c *Client) send(ctx context.Context, method, u, tok string, payload []byte) (int, []byte, error) {
	var resp *http.Response
	defer func() { c.pace.release(resp, time.Now()) }()
	var rd io.Reader
	if payload != nil {
		rd = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Accept", "application/json")
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err = c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	resp.Body.Close()
	return resp.StatusCode, data, err
}

// refusal classifies an error answer.
func (c *Client) refusal(status int, data []byte) *core.ProviderError {
	var e apiErrors
	_ = json.Unmarshal(data, &e)
	code, msg := "", strings.TrimSpace(string(data))
	if len(e.Errors) > 0 {
		code, msg = e.Errors[0].ErrorCode, e.Errors[0].Message
	}
	msg = core.RedactSecrets(msg)
	if len(msg) > 200 {
		msg = msg[:200]
	}
	if code != "" {
		msg = code + ": " + msg
	}
	perr := &core.ProviderError{Provider: c.name, HTTPStatus: status, Message: msg, Kind: core.PErrRefused}
	switch status {
	case http.StatusUnauthorized:
		perr.Kind = core.PErrUnauthorized
	case http.StatusNotFound:
		perr.Kind = core.PErrNotFound
	case http.StatusTooManyRequests:
		perr.Kind = core.PErrRateLimited
	}
	return perr
}
