package mailoauthfake

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core/oauthsandbox"
)

// Handler serves the service's sign-in endpoints.
func (f *Fake) Handler() http.Handler {
	mux := http.NewServeMux()
	if f.o.Service == Google {
		mux.HandleFunc("GET /o/oauth2/v2/auth", f.authorize)
		mux.HandleFunc("POST /o/oauth2/v2/auth", f.consent)
		mux.HandleFunc("POST /token", f.token)
		mux.HandleFunc("POST /revoke", f.revoke)
		return mux
	}
	mux.HandleFunc("GET /{tenant}/oauth2/v2.0/authorize", f.authorize)
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/authorize", f.consent)
	mux.HandleFunc("POST /{tenant}/oauth2/v2.0/token", f.token)
	return mux
}

func (f *Fake) scope() string {
	if f.o.Service == Google {
		return GoogleMailScope
	}
	return MicrosoftSMTPScope
}

// loopback accepts only http://127.0.0.1, [::1] or localhost redirects
// (any port), as both services do for desktop apps.
func loopback(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" {
		return false
	}
	h := u.Hostname()
	ip := net.ParseIP(h)
	return h == "localhost" || ip != nil && ip.IsLoopback()
}

func (f *Fake) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != f.o.ClientID {
		f.errorPage(w, "unauthorized_client: the application with this client ID was not found in the directory.")
		return
	}
	redirect := q.Get("redirect_uri")
	if !loopback(redirect) {
		f.errorPage(w, "invalid_request: the redirect URI is not a loopback address registered for this desktop app.")
		return
	}
	back := func(code, desc string) {
		v := url.Values{"error": {code}, "error_description": {desc}, "state": {q.Get("state")}}
		http.Redirect(w, r, redirect+"?"+v.Encode(), http.StatusFound)
	}
	scopes := strings.Fields(q.Get("scope"))
	switch {
	case q.Get("response_type") != "code":
		back("unsupported_response_type", "only the authorization code flow is allowed")
		return
	case q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256":
		back("invalid_request", "PKCE with S256 is required for this client")
		return
	case !slices.Contains(scopes, f.scope()):
		back("invalid_scope", "the scope "+f.scope()+" is required to send mail")
		return
	}
	offline := slices.Contains(scopes, "offline_access")
	if f.o.Service == Google {
		offline = q.Get("access_type") == "offline"
	}
	f.mu.Lock()
	users, auto := slices.Clone(f.o.Users), f.o.Auto
	f.mu.Unlock()
	if hint := strings.ToLower(q.Get("login_hint")); slices.Contains(users, hint) {
		users = append([]string{hint}, slices.DeleteFunc(users, func(u string) bool { return u == hint })...)
	}
	off := ""
	if offline {
		off = "1"
	}
	oauthsandbox.ConsentPage{Title: f.name() + ": Permissions requested", Heading: "Permissions requested",
		Lines:  []string{"Turnout (emulated " + f.name() + " sign-in) wants to send email as you."},
		Action: r.URL.Path,
		Hidden: [][2]string{{"client_id", q.Get("client_id")}, {"code_challenge", q.Get("code_challenge")}, {"offline", off},
			{"redirect_uri", redirect}, {"scope", q.Get("scope")}, {"state", q.Get("state")}},
		UserLabel: "Mailbox", Users: users, Allow: "Accept", Deny: "Cancel", Auto: auto}.Write(w)
}

func (f *Fake) name() string {
	if f.o.Service == Google {
		return "Google"
	}
	return "Microsoft"
}

func (f *Fake) consent(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	redirect, state := r.PostForm.Get("redirect_uri"), r.PostForm.Get("state")
	if !loopback(redirect) || r.PostForm.Get("client_id") != f.o.ClientID {
		f.errorPage(w, "invalid_request")
		return
	}
	v := url.Values{"state": {state}}
	user := strings.ToLower(r.PostForm.Get("user"))
	if r.PostForm.Get("decision") != "allow" || !slices.Contains(f.o.Users, user) {
		v.Set("error", "access_denied")
		v.Set("error_description", "the user declined to consent")
		http.Redirect(w, r, redirect+"?"+v.Encode(), http.StatusFound)
		return
	}
	code := randomToken("code.")
	f.mu.Lock()
	f.codes[code] = grant{user: user, clientID: f.o.ClientID, redirect: redirect, challenge: r.PostForm.Get("code_challenge"),
		offline: r.PostForm.Get("offline") == "1", scopes: strings.Fields(r.PostForm.Get("scope"))}
	f.counts.Codes++
	f.consents = append(f.consents, user)
	f.mu.Unlock()
	v.Set("code", code)
	http.Redirect(w, r, redirect+"?"+v.Encode(), http.StatusFound)
}

func (f *Fake) clientOK(r *http.Request) bool {
	id, secret, basic := r.BasicAuth()
	if basic {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id != f.o.ClientID {
		return false
	}
	return f.o.ClientSecret == "" || secret == f.o.ClientSecret
}

func (f *Fake) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	if !f.clientOK(r) {
		tokenError(w, http.StatusUnauthorized, "invalid_client", "the client ID or secret is wrong")
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var g grant
	var ok bool
	old := ""
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		code := r.PostForm.Get("code")
		g, ok = f.codes[code]
		delete(f.codes, code) // single use
		sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
		if !ok || g.redirect != r.PostForm.Get("redirect_uri") || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge {
			tokenError(w, http.StatusBadRequest, "invalid_grant", "the code is unknown, used, or the PKCE verifier does not match")
			return
		}
		f.counts.CodeExchanges++
	case "refresh_token":
		old = r.PostForm.Get("refresh_token")
		if g, ok = f.refresh[old]; !ok {
			f.counts.RefusedRefreshes++
			tokenError(w, http.StatusBadRequest, "invalid_grant", "the refresh token was revoked or has expired; the user must sign in again")
			return
		}
		f.counts.Refreshes++
	default:
		tokenError(w, http.StatusBadRequest, "unsupported_grant_type", "")
		return
	}
	resp := map[string]any{"token_type": "Bearer", "expires_in": int(f.o.AccessTTL / time.Second), "scope": strings.Join(g.scopes, " ")}
	rt := old
	if g.offline && (old == "" || f.o.Service == Microsoft) { // Microsoft rotates; Google keeps the refresh token
		rt = randomToken(f.prefix() + "r.")
		resp["refresh_token"] = rt
		f.refresh[rt] = g
		if old != "" {
			delete(f.refresh, old)
		}
	}
	at := randomToken(f.prefix())
	f.access[at] = issued{user: g.user, expires: f.o.Now().Add(f.o.AccessTTL), refresh: rt}
	resp["access_token"] = at
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(resp)
}

// revoke is Google's: a refresh token takes its access tokens with it.
func (f *Fake) revoke(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	t := r.PostForm.Get("token")
	f.mu.Lock()
	defer f.mu.Unlock()
	_, isRefresh := f.refresh[t]
	_, isAccess := f.access[t]
	if !isRefresh && !isAccess {
		tokenError(w, http.StatusBadRequest, "invalid_token", "Token expired or revoked")
		return
	}
	f.counts.Revocations++
	delete(f.refresh, t)
	delete(f.access, t)
	for a, is := range f.access {
		if is.refresh == t {
			delete(f.access, a)
		}
	}
	w.WriteHeader(http.StatusOK)
}

func tokenError(w http.ResponseWriter, status int, code, desc string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": desc})
}

func (f *Fake) errorPage(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_ = errorPage.Execute(w, map[string]string{"Service": f.name(), "Message": msg})
}

var errorPage = template.Must(template.New("error").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Service}}: Sign-in error</title></head>
<body><h1>Sorry, but we're having trouble signing you in.</h1><p id="error">{{.Message}}</p></body></html>
`))
