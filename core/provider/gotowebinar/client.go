// Package gotowebinar is Turnout's adapter for the GoTo Webinar REST API
// v2: an organizer's webinars (single sessions, series and sequences),
// registrants, held sessions and their attendees, co-organizers and
// panelists, signed in through the browser (user OAuth). It speaks only
// HTTP and knows nothing of the store or the window.
//
// GoTo's keys are 64-bit integers above 2^53: they are read from JSON as
// the literal digits (key, never float64) and kept as strings.
package gotowebinar

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// The real addresses; an account may override both.
const (
	DefaultAPIURL   = "https://api.getgo.com/G2W/rest/v2"
	DefaultOAuthURL = "https://authentication.logmeininc.com"
)

// DefaultRate is how many requests a second the client starts per
// organizer: under GoTo's 10, leaving room for the network's jitter.
const DefaultRate = 9.5

// Config sets up a client for one organizer.
type Config struct {
	// Name appears in errors: "GoTo Webinar", or "Sandbox".
	Name   string
	APIURL string // "" means DefaultAPIURL
	// OrganizerKey is the organizer's key; "" looks it up (identity API)
	// on first use.
	OrganizerKey string
	Tokens       core.TokenSource
	HTTP         *http.Client // nil: one with a 30 s timeout
	// Rate is requests a second per organizer [DefaultRate]; negative:
	// unpaced (the in-app Sandbox).
	Rate float64
	// Backoff is the first wait after a 429 (doubled each time, with
	// jitter); MaxRetries bounds those retries. Defaults 400 ms, 10.
	Backoff    time.Duration
	MaxRetries int
	Now        func() time.Time
}

// Client talks to GoTo Webinar for one organizer. Safe for concurrent use.
type Client struct {
	name    string
	api     string
	http    *http.Client
	tokens  core.TokenSource
	pace    *pacer
	backoff time.Duration
	retries int
	now     func() time.Time

	mu  sync.Mutex
	org string
}

var _ core.Provider = (*Client)(nil)

// New returns a client.
func New(c Config) *Client {
	if c.Name == "" {
		c.Name = "GoTo Webinar"
	}
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	if c.HTTP == nil {
		c.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if c.Rate == 0 {
		c.Rate = DefaultRate
	}
	if c.Backoff <= 0 {
		c.Backoff = 400 * time.Millisecond
	}
	if c.MaxRetries <= 0 {
		c.MaxRetries = 10
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	api := strings.TrimRight(c.APIURL, "/")
	return &Client{name: c.Name, api: api, http: c.HTTP, tokens: c.Tokens, pace: pacerFor(api, c.OrganizerKey, c.Rate),
		backoff: c.Backoff, retries: c.MaxRetries, now: c.Now, org: c.OrganizerKey}
}

// pacer spaces request starts evenly; all clients of one organizer share
// one, since GoTo counts requests per organizer.
type pacer struct {
	mu    sync.Mutex
	every time.Duration
	next  time.Time
}

var pacers sync.Map // api|organizer → *pacer

func pacerFor(api, org string, rate float64) *pacer {
	if rate < 0 {
		return &pacer{}
	}
	p, _ := pacers.LoadOrStore(api+"|"+org+"|"+fmt.Sprint(rate), &pacer{every: time.Duration(float64(time.Second) / rate)})
	return p.(*pacer)
}

func (p *pacer) wait(ctx context.Context) error {
	if p.every == 0 {
		return ctx.Err()
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

// holdOff delays every request of the organizer by d after a 429.
func (p *pacer) holdOff(d time.Duration) {
	p.mu.Lock()
	if t := time.Now().Add(d); t.After(p.next) {
		p.next = t
	}
	p.mu.Unlock()
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

// apiError is GoTo's error body: the gateway's int_err_code/msg, or the
// service's errorCode/description.
type apiError struct {
	IntErrCode  string `json:"int_err_code"`
	Msg         string `json:"msg"`
	ErrorCode   string `json:"errorCode"`
	Description string `json:"description"`
}

func parseError(data []byte) apiError {
	var e apiError
	_ = json.Unmarshal(data, &e)
	if e.Msg == "" {
		e.Msg = e.Description
	}
	if e.IntErrCode == "" {
		e.IntErrCode = e.ErrorCode
	}
	if e.Msg == "" {
		e.Msg = strings.TrimSpace(string(data))
	}
	e.Msg = core.RedactSecrets(e.Msg)
	if len(e.Msg) > 200 {
		e.Msg = e.Msg[:200]
	}
	return e
}

// do sends one call at the organizer's pace, retrying 429s with backoff
// (GoTo sends no Retry-After), one refused token (GoTo answers 403
// InvalidToken, not 401) with a fresh one, and server errors twice. out
// (if not nil) receives the JSON body of a 2xx answer, keys exact.
func (c *Client) do(ctx context.Context, method, u string, query url.Values, body, out any) error {
	var payload []byte
	if body != nil {
		var err error
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("gotowebinar: encode request: %w", err)
		}
	}
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	path := strings.TrimPrefix(u, c.api)
	refreshed := false
	for attempt := 0; ; attempt++ {
		if err := c.pace.wait(ctx); err != nil {
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
			return fmt.Errorf("gotowebinar: %s %s: %w", method, path, err)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Accept", "application/json")
		if payload != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := c.http.Do(req)
		if err != nil {
			if ctx.Err() != nil || attempt >= 2 {
				return fmt.Errorf("gotowebinar: %s %s: %w", method, path, err)
			}
			if err := sleep(ctx, c.jitter(attempt)); err != nil {
				return err
			}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
		resp.Body.Close()
		if err != nil {
			return fmt.Errorf("gotowebinar: %s %s: read answer: %w", method, path, err)
		}
		switch s := resp.StatusCode; {
		case s >= 200 && s < 300:
			if out != nil && s != http.StatusNoContent && len(data) > 0 {
				dec := json.NewDecoder(bytes.NewReader(data))
				dec.UseNumber()
				if err := dec.Decode(out); err != nil {
					return fmt.Errorf("gotowebinar: %s %s: decode answer: %w", method, path, err)
				}
			}
			return nil
		case s == http.StatusForbidden && parseError(data).IntErrCode == "InvalidToken" && !refreshed:
			refreshed = true
			c.tokens.Invalidate(tok)
			continue
		case s == http.StatusTooManyRequests:
			if attempt >= c.retries {
				return fmt.Errorf("gotowebinar: %s %s: %w", method, path, &core.ProviderError{Kind: core.PErrRateLimited,
					Provider: c.name, HTTPStatus: s, Message: "too many requests a second", RetryAfter: c.backoff})
			}
			d := c.jitter(attempt)
			c.pace.holdOff(d)
			if err := sleep(ctx, d); err != nil {
				return err
			}
			continue
		case s >= 500 && attempt < 2:
			if err := sleep(ctx, c.jitter(attempt)); err != nil {
				return err
			}
			continue
		}
		return fmt.Errorf("gotowebinar: %s %s: %w", method, path, c.refusal(resp.StatusCode, data))
	}
}

// jitter is the wait before retry n: exponential, half fixed and half
// random, capped at 10 s.
func (c *Client) jitter(n int) time.Duration {
	d := c.backoff << min(n, 10)
	if d > 10*time.Second || d <= 0 {
		d = 10 * time.Second
	}
	return d/2 + rand.N(d/2+1)
}

// refusal classifies any other error answer.
func (c *Client) refusal(status int, data []byte) *core.ProviderError {
	e := parseError(data)
	perr := &core.ProviderError{Provider: c.name, HTTPStatus: status, Message: e.Msg, Kind: core.PErrRefused}
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		perr.Kind = core.PErrUnauthorized
	case http.StatusNotFound:
		perr.Kind = core.PErrNotFound
	}
	return perr
}

// Capabilities: GoTo organizers are fully managed.
func (c *Client) Capabilities() core.Capabilities { return Capabilities }
