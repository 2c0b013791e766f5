// Package zoom is Turnout's adapter for the Zoom Meetings API (v2): meetings
// and webinars, registrants and participant reports, authenticated with a
// Server-to-Server OAuth app. It speaks only HTTP and knows nothing of the
// store or the window.
package zoom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// The real addresses; an account may override both.
const (
	DefaultAPIURL   = "https://api.zoom.us/v2"
	DefaultOAuthURL = "https://zoom.us"
)

// Label is Zoom's rate-limit class of an endpoint.
type Label int

const (
	Light Label = iota
	Medium
	Heavy
	labels
)

func (l Label) String() string { return [...]string{"Light", "Medium", "Heavy"}[l] }

// Limits bound how hard the client drives one account: at most
// Concurrency[label] requests in flight and, when QPS[label] > 0, requests
// started no faster than that many per second.
type Limits struct {
	Concurrency [labels]int
	QPS         [labels]float64
}

// ProLimits stay under the Pro plan's per-second limits (Light 30/s,
// Medium 20/s, Heavy 10/s), leaving room for other apps on the account.
var ProLimits = Limits{Concurrency: [labels]int{8, 4, 2}, QPS: [labels]float64{25, 15, 8}}

// Unpaced bounds concurrency only: for the in-app Sandbox, whose emulator
// enforces no per-second limits unless told to.
var Unpaced = Limits{Concurrency: [labels]int{8, 4, 4}}

// Config sets up a client for one account.
type Config struct {
	// Name appears in errors: "Zoom", or "Sandbox" for the emulator.
	Name        string
	APIURL      string // "" means DefaultAPIURL
	OAuthURL    string // "" means DefaultOAuthURL
	Credentials core.Credentials
	// Tokens replaces the Server-to-Server OAuth token source (e.g. with a
	// user OAuth one). Nil means S2S with Credentials.
	Tokens TokenSource
	// HTTP is the client to use; nil means one with a 30 s timeout.
	HTTP   *http.Client
	Limits *Limits // nil means ProLimits
	// Backoff is the first wait after a per-second 429 (doubled each time,
	// with jitter); MaxRetries bounds those retries. Defaults 250 ms, 8.
	Backoff    time.Duration
	MaxRetries int
	Now        func() time.Time
	UserID     string // whose meetings to list; "" means "me"
}

// Client talks to Zoom for one account. It is safe for concurrent use.
type Client struct {
	name    string
	api     string
	http    *http.Client
	tokens  TokenSource
	backoff time.Duration
	retries int
	now     func() time.Time
	user    string
	sem     [labels]chan struct{}
	pace    [labels]pacer
}

var _ core.Provider = (*Client)(nil)

// New returns a client.
func New(c Config) *Client {
	if c.Name == "" {
		c.Name = "Zoom"
	}
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if c.OAuthURL == "" {
		c.OAuthURL = DefaultOAuthURL
	}
	if c.HTTP == nil {
		c.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Backoff <= 0 {
		c.Backoff = 250 * time.Millisecond
	}
	if c.MaxRetries <= 0 {
		c.MaxRetries = 8
	}
	if c.UserID == "" {
		c.UserID = "me"
	}
	lim := ProLimits
	if c.Limits != nil {
		lim = *c.Limits
	}
	if c.Tokens == nil {
		c.Tokens = NewS2S(c.HTTP, strings.TrimRight(c.OAuthURL, "/"), c.Credentials, c.Name, c.Now)
	}
	cl := &Client{name: c.Name, api: strings.TrimRight(c.APIURL, "/"), http: c.HTTP, tokens: c.Tokens,
		backoff: c.Backoff, retries: c.MaxRetries, now: c.Now, user: c.UserID}
	for l := range labels {
		n := lim.Concurrency[l]
		if n <= 0 {
			n = 1
		}
		cl.sem[l] = make(chan struct{}, n)
		if lim.QPS[l] > 0 {
			cl.pace[l].every = time.Duration(float64(time.Second) / lim.QPS[l])
		}
	}
	return cl
}

// pacer spaces request starts evenly.
type pacer struct {
	mu    sync.Mutex
	every time.Duration
	next  time.Time
}

func (p *pacer) wait(ctx context.Context) error {
	if p.every == 0 {
		return nil
	}
	p.mu.Lock()
	now := time.Now()
	at := p.next
	if at.Before(now) {
		at = now
	}
	p.next = at.Add(p.every)
	p.mu.Unlock()
	return sleep(ctx, at.Sub(now))
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// apiError is Zoom's error body.
type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// errPageTokenExpired marks a next_page_token Zoom no longer accepts.
var errPageTokenExpired = errors.New("zoom: next page token expired")

// do sends one API call under the label's limits, retrying per-second
// 429s with backoff, one 401/124 with a fresh token and server errors a
// few times. out (if not nil) receives the JSON body of a 2xx answer.
func (c *Client) do(ctx context.Context, label Label, method, path string, query url.Values, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("zoom: encode request: %w", err)
		}
	}
	select {
	case c.sem[label] <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-c.sem[label] }()

	u := c.api + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	refreshed := false
	for attempt := 0; ; attempt++ {
		if err := c.pace[label].wait(ctx); err != nil {
			return err
		}
		tok, err := c.tokens.Token(ctx)
		if err != nil {
			return err
		}
		var rd io.Reader
		if payload != nil {
			rd = bytes.NewReader(payload)
		}
		req, err := http.NewRequestWithContext(ctx, method, u, rd)
		if err != nil {
			return fmt.Errorf("zoom: %s %s: %w", method, path, err)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Accept", "application/json")
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := c.http.Do(req)
		if err != nil {
			if ctx.Err() != nil || attempt >= 2 {
				return fmt.Errorf("zoom: %s %s: %w", method, path, err)
			}
			if err := sleep(ctx, c.jitter(attempt)); err != nil {
				return err
			}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("zoom: %s %s: read answer: %w", method, path, err)
		}
		switch s := resp.StatusCode; {
		case s >= 200 && s < 300:
			if out != nil && s != http.StatusNoContent && len(data) > 0 {
				if err := json.Unmarshal(data, out); err != nil {
					return fmt.Errorf("zoom: %s %s: decode answer: %w", method, path, err)
				}
			}
			return nil
		case s == http.StatusUnauthorized && !refreshed:
			// Expired or revoked token (code 124): one fresh token, one retry.
			refreshed = true
			c.tokens.Invalidate(tok)
			continue
		case s == http.StatusTooManyRequests:
			perr := c.rateError(resp, data)
			if perr.Kind != core.PErrRateLimited || attempt >= c.retries {
				return fmt.Errorf("zoom: %s %s: %w", method, path, perr)
			}
			if err := sleep(ctx, c.jitter(attempt)); err != nil {
				return err
			}
			continue
		case s >= 500 && attempt < 2:
			if err := sleep(ctx, c.jitter(attempt)); err != nil {
				return err
			}
			continue
		}
		return fmt.Errorf("zoom: %s %s: %w", method, path, c.refusal(resp.StatusCode, data))
	}
}

// jitter is the wait before retry n: exponential with "equal jitter"
// (half fixed, half random), capped at 10 s.
func (c *Client) jitter(n int) time.Duration {
	d := c.backoff << min(n, 10)
	if d > 10*time.Second || d <= 0 {
		d = 10 * time.Second
	}
	return d/2 + rand.N(d/2+1)
}

func parseError(data []byte) apiError {
	var e apiError
	_ = json.Unmarshal(data, &e)
	if e.Message == "" {
		e.Message = strings.TrimSpace(string(data))
	}
	// A server may echo the request, credentials and all: redact before
	// the words reach the log, the account's last error or a dialog.
	e.Message = core.RedactSecrets(e.Message)
	if len(e.Message) > 200 {
		e.Message = e.Message[:200]
	}
	return e
}

// rateError classifies a 429: per-second (retry soon) or daily (account or
// registrant; resume at Retry-After, an ISO-8601 time, else 00:00 UTC).
func (c *Client) rateError(resp *http.Response, data []byte) *core.ProviderError {
	e := parseError(data)
	perr := &core.ProviderError{Provider: c.name, HTTPStatus: resp.StatusCode, Code: e.Code, Message: e.Message,
		Kind: core.PErrRateLimited}
	msg := strings.ToLower(e.Message)
	if resp.Header.Get("X-RateLimit-Type") == "Daily-limit" || strings.Contains(msg, "daily") {
		perr.Kind = core.PErrDailyLimit
		if strings.Contains(msg, "registrant") {
			perr.Kind = core.PErrRegistrantDailyLimit
		}
		perr.RetryAt = nextUTCMidnight(c.now())
		if ra := resp.Header.Get("Retry-After"); ra != "" {
			if t, err := time.Parse(time.RFC3339, ra); err == nil {
				perr.RetryAt = t
			} else if secs, err := strconv.Atoi(ra); err == nil {
				perr.RetryAt = c.now().Add(time.Duration(secs) * time.Second)
			}
		}
	} else if ra := resp.Header.Get("Retry-After"); ra != "" {
		if secs, err := strconv.Atoi(ra); err == nil {
			perr.RetryAfter = time.Duration(secs) * time.Second
		}
	}
	return perr
}

func nextUTCMidnight(now time.Time) time.Time {
	y, m, d := now.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
}

// refusal classifies any other error answer.
func (c *Client) refusal(status int, data []byte) error {
	e := parseError(data)
	perr := &core.ProviderError{Provider: c.name, HTTPStatus: status, Code: e.Code, Message: e.Message, Kind: core.PErrRefused}
	msg := strings.ToLower(e.Message)
	switch {
	case status == http.StatusUnauthorized:
		perr.Kind = core.PErrUnauthorized
	case e.Code == 3027:
		perr.Kind = core.PErrHostCannotRegister
	case strings.Contains(msg, "registration has not been enabled") || (e.Code == 3000 && strings.Contains(msg, "registration")):
		perr.Kind = core.PErrRegistrationDisabled
	case e.Code == 300 && strings.Contains(msg, "next page token"):
		return fmt.Errorf("%w: %w", errPageTokenExpired, perr)
	case status == http.StatusNotFound || e.Code == 3001:
		perr.Kind = core.PErrNotFound
	}
	return perr
}

// Capabilities: Zoom accounts are fully managed.
func (c *Client) Capabilities() core.Capabilities { return Capabilities }

// TestConnection gets a token and lists one meeting.
func (c *Client) TestConnection(ctx context.Context) error {
	q := url.Values{"page_size": {"1"}}
	return c.do(ctx, Medium, http.MethodGet, "/users/"+url.PathEscape(c.user)+"/meetings", q, nil, nil)
}
