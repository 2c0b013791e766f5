// Package oauth signs Turnout in to a provider the way a desktop app should
// (RFC 8252): the authorization-code flow with PKCE (S256) and a fresh
// state, the user's own browser, and a one-shot listener on 127.0.0.1 that
// receives the answer. It also keeps the tokens healthy afterwards
// (Source: refresh before expiry, persist rotated refresh tokens).
//
// The package knows no window and no data file: the browser opener and
// the place tokens are saved are injected.
package oauth

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/oauth2"

	"github.com/turnout-app/turnout/core"
)

// DefaultTimeout is how long an attempt waits for the browser.
const DefaultTimeout = 5 * time.Minute

// DefaultPath is the path of the loopback redirect.
const DefaultPath = "/oauth/callback"

// Provider describes a provider's OAuth app for one account. It is
// core.OAuthApp, so adapters describe their app without importing this
// package.
type Provider = core.OAuthApp

func config(p Provider, redirect string) *oauth2.Config {
	style := oauth2.AuthStyleInHeader
	if p.ClientSecret == "" {
		style = oauth2.AuthStyleInParams
	}
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: redirect, Scopes: p.Scopes,
		Endpoint: oauth2.Endpoint{AuthURL: p.AuthURL, TokenURL: p.TokenURL, AuthStyle: style}}
}

// Options tune one sign-in attempt.
type Options struct {
	Timeout time.Duration // [DefaultTimeout]
	// HTTP is the client for the code exchange; nil means a 30 s one.
	HTTP *http.Client
	Now  func() time.Time // [time.Now]
}

// Attempt is one sign-in in progress: a listener waiting for the
// browser's answer. Wait for it, or cancel its context.
type Attempt struct {
	// URL is the authorize URL the browser must open. It carries no
	// secret (the state and PKCE challenge are single-use), so it may be
	// shown to copy when no browser could be opened.
	URL string
	// Opened is false when the opener failed; OpenErr says why.
	Opened  bool
	OpenErr error
	// RedirectURL is where the provider sends the browser back.
	RedirectURL string

	p       Provider
	conf    *oauth2.Config
	state   string
	verify  string
	srv     *http.Server
	ln      net.Listener
	hc      *http.Client
	timeout time.Duration
	now     func() time.Time

	mu      sync.Mutex
	got     bool // a callback was claimed
	done    chan struct{}
	result  *oauth2.Token
	err     error
	stopped bool
}

// Start listens on the loopback port, builds the authorize URL with a
// fresh state and PKCE challenge, and opens it with open (nil: do not
// open; the caller shows URL). It fails only if the attempt cannot begin
// (port in use, bad address); a browser that cannot be opened is reported
// in Opened and OpenErr.
func Start(p Provider, open core.BrowserOpener, o Options) (*Attempt, error) {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.HTTP == nil {
		o.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if p.Path == "" {
		p.Path = DefaultPath
	}
	if p.Name == "" {
		p.Name = "the provider"
	}
	if err := CheckURL(p.AuthURL); err != nil {
		return nil, err
	}
	if err := CheckURL(p.TokenURL); err != nil {
		return nil, err
	}
	if p.Port < 0 || p.Port > 65535 {
		return nil, core.Errorf(core.EINVALID, "Port %d is not a valid port; choose one between 1024 and 65535 in the account settings.", p.Port)
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p.Port)))
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, core.Errorf(core.EUNAVAILABLE, "Port %d is in use by another program; close it or choose another port in the account settings.", p.Port)
		}
		if errors.Is(err, syscall.EACCES) {
			return nil, core.Errorf(core.EUNAVAILABLE, "Turnout may not listen on port %d; choose a port above 1024 in the account settings.", p.Port)
		}
		return nil, core.Errorf(core.EUNAVAILABLE, "Turnout cannot listen on port %d for the sign-in (%v); choose another port in the account settings.", p.Port, err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	redirect := "http://127.0.0.1:" + strconv.Itoa(port) + p.Path
	a := &Attempt{RedirectURL: redirect, p: p, conf: config(p, redirect), state: randomState(),
		verify: oauth2.GenerateVerifier(), ln: ln, hc: o.HTTP, timeout: o.Timeout, now: o.Now, done: make(chan struct{})}
	opts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(a.verify)}
	for k, v := range p.AuthParams {
		opts = append(opts, oauth2.SetAuthURLParam(k, v))
	}
	a.URL = a.conf.AuthCodeURL(a.state, opts...)

	mux := http.NewServeMux()
	mux.HandleFunc(p.Path, a.callback)
	a.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = a.srv.Serve(ln) }()

	if open != nil {
		if err := open(a.URL); err != nil {
			a.OpenErr = err
		} else {
			a.Opened = true
		}
	}
	return a, nil
}

// randomState is 256 bits from crypto/rand, base64url.
func randomState() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CheckURL accepts https addresses, and http only on a loopback host
// (the emulator), so the browser is never sent to a plain-text sign-in.
func CheckURL(raw string) error { return core.CheckServiceURL(raw) }

// Wait blocks until the browser came back and the code was exchanged, the
// attempt timed out, or ctx was cancelled. The listener is closed when it
// returns. Every failure is a *core.Error with a plain message.
func (a *Attempt) Wait(ctx context.Context) (*oauth2.Token, error) {
	defer a.Close()
	t := time.NewTimer(a.timeout)
	defer t.Stop()
	select {
	case <-a.done:
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.result, a.err
	case <-t.C:
		a.finish(nil, core.Errorf(core.EUNAVAILABLE, "No answer from %s within %s; nothing was saved. Connect again and finish signing in in the browser.", a.p.Name, minutes(a.timeout)))
	case <-ctx.Done():
		a.finish(nil, &cancelled{core.Errorf(core.EINVALID, "Connecting to %s was cancelled; nothing was saved.", a.p.Name)})
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.result, a.err
}

// Close stops listening; a pending Wait returns an error.
func (a *Attempt) Close() {
	a.finish(nil, &cancelled{core.Errorf(core.EINVALID, "Connecting to %s was cancelled; nothing was saved.", a.p.Name)})
	a.mu.Lock()
	stop := !a.stopped
	a.stopped = true
	a.mu.Unlock()
	if stop {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = a.srv.Shutdown(ctx)
	}
}

// finish records the outcome once.
func (a *Attempt) finish(tok *oauth2.Token, err error) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	select {
	case <-a.done:
		return false
	default:
	}
	a.result, a.err = tok, err
	close(a.done)
	return true
}

func minutes(d time.Duration) string {
	if d >= time.Minute && d%time.Minute == 0 {
		if d == time.Minute {
			return "1 minute"
		}
		return fmt.Sprintf("%d minutes", d/time.Minute)
	}
	return d.String()
}

// cancelled is a core.Error that also matches context.Canceled.
type cancelled struct{ e *core.Error }

func (c *cancelled) Error() string   { return c.e.Message }
func (c *cancelled) Unwrap() []error { return []error{c.e, context.Canceled} }

// callback receives the browser. The first request to the path claims the
// attempt; a second one ends it (someone else is answering).
func (a *Attempt) callback(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	second := a.got
	a.got = true
	a.mu.Unlock()
	q := r.URL.Query()
	if second {
		a.finish(nil, core.Errorf(core.EUNAVAILABLE, "A second answer from the browser reached Turnout, so this sign-in was stopped for safety; nothing was saved. Connect again."))
		a.page(w, http.StatusConflict, false, "This sign-in has already been answered. Go back to Turnout.")
		return
	}
	var err error
	switch {
	case q.Get("state") != a.state:
		err = core.Errorf(core.EUNAUTHORIZED, "The answer from the browser did not belong to this sign-in (state mismatch), so it was refused; nothing was saved. Connect again.")
	case q.Get("error") == "access_denied":
		err = core.Errorf(core.EUNAUTHORIZED, "Access to %s was not allowed in the browser; nothing was saved. Connect again and choose Allow to connect the account.", a.p.Name)
	case q.Get("error") != "":
		err = core.Errorf(core.EUNAVAILABLE, "%s refused the sign-in (%s); nothing was saved. Check the app's settings at %s, then connect again.", a.p.Name, clean(q.Get("error")), a.p.Name)
	case q.Get("code") == "":
		err = core.Errorf(core.EUNAVAILABLE, "The browser came back without a sign-in code; nothing was saved. Connect again.")
	}
	if err != nil {
		a.finish(nil, err)
		a.page(w, http.StatusBadRequest, false, core.ErrorMessage(err))
		return
	}
	ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), oauth2.HTTPClient, a.hc), 60*time.Second)
	defer cancel()
	go func() { // the attempt ending (timeout, cancel, second answer) stops the exchange
		select {
		case <-a.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	tok, xerr := a.conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(a.verify))
	if xerr != nil {
		err = exchangeError(a.p.Name, xerr)
		a.finish(nil, err)
		a.page(w, http.StatusBadGateway, false, core.ErrorMessage(err))
		return
	}
	if !a.finish(tok, nil) {
		a.mu.Lock()
		err := a.err
		a.mu.Unlock()
		a.page(w, http.StatusConflict, false, core.ErrorMessage(err))
		return
	}
	a.page(w, http.StatusOK, true, "Turnout is connected to "+a.p.Name+". You can close this tab and go back to Turnout.")
}

// clean keeps an error word from the query printable and short.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}

// exchangeError words a failed code exchange; it never repeats the
// provider's body (which could echo a code).
func exchangeError(name string, err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		switch re.ErrorCode {
		case "invalid_grant":
			return core.Errorf(core.EUNAUTHORIZED, "%s did not accept the sign-in code (invalid_grant: it expired, was used already, or the PKCE check failed); nothing was saved. Connect again.", name)
		case "invalid_client", "unauthorized_client":
			return core.Errorf(core.EUNAUTHORIZED, "%s did not accept the client ID or secret (%s); check them in the account settings and connect again.", name, re.ErrorCode)
		}
		code := re.ErrorCode
		if code == "" && re.Response != nil {
			code = "HTTP " + strconv.Itoa(re.Response.StatusCode)
		}
		return core.Errorf(core.EUNAVAILABLE, "%s refused the sign-in (%s); nothing was saved. Connect again.", name, clean(code))
	}
	return core.Errorf(core.EUNAVAILABLE, "Could not reach %s to finish the sign-in; nothing was saved. Check the internet connection and connect again.", name)
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Turnout — {{.Title}}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f6f9;color:#1d2430}
header{background:#1F5FA8;color:#fff;padding:14px 24px;font-weight:600;font-size:18px}
main{max-width:520px;margin:48px auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:20px;margin:0 0 12px}
.ok h1{color:#1b7f3b}.fail h1{color:#b3261e}
</style></head>
<body><header>Turnout</header>
<main class="{{if .OK}}ok{{else}}fail{{end}}"><h1 id="result">{{.Title}}</h1><p id="message">{{.Message}}</p></main>
</body></html>
`))

// page answers the browser with a plain, self-contained page.
func (a *Attempt) page(w http.ResponseWriter, status int, ok bool, msg string) {
	title := "Connected"
	if !ok {
		title = "Not connected"
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(status)
	_ = pageTmpl.Execute(w, struct {
		Title, Message string
		OK             bool
	}{title, msg, ok})
}

// Run is Start then Wait: the whole sign-in. shown (may be nil) is told
// the URL and whether the browser opened, before waiting.
func Run(ctx context.Context, p Provider, open core.BrowserOpener, o Options, shown func(url string, opened bool)) (*oauth2.Token, error) {
	a, err := Start(p, open, o)
	if err != nil {
		return nil, err
	}
	if shown != nil {
		shown(a.URL, a.Opened)
	}
	return a.Wait(ctx)
}
