package zoomfake

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core/oauthsandbox"
)

// User OAuth (providers.md §1.1): the authorize page (a real HTML form
// with an account chooser and Allow/Deny), the code exchange with PKCE,
// refresh with rotation, revocation, and GET /v2/users/me.
//
// Codes live 5 minutes and are single use; a refresh token is single use
// too: refreshing returns a new one and the old one answers
// "Invalid Token!" (invalid_grant) from then on.

// CodeTTL is how long an authorization code can be exchanged.
const CodeTTL = 5 * time.Minute

type userOAuth struct {
	users     []string // account chooser; [HostEmail]
	redirects []string // registered redirect URLs; empty: any loopback URL
	auto      string   // "allow"/"deny": the page clicks that button on load
	codes     map[string]authCode
	refresh   map[string]grant  // refresh token → grant
	owner     map[string]string // access token → user email
	stats     UserOAuthStats
}

type authCode struct {
	clientID, redirect, challenge, method, user, scope string
	expires                                            time.Time
}

type grant struct {
	user, scope, access string
}

// UserOAuthStats counts the user OAuth traffic.
type UserOAuthStats struct {
	Pages, Allowed, Denied, Exchanges, Refreshes, Revocations, InvalidGrants int
}

func (s *Server) userInit() {
	u := &s.user
	if u.codes == nil {
		u.codes, u.refresh, u.owner = map[string]authCode{}, map[string]grant{}, map[string]string{}
	}
	if len(u.users) == 0 {
		u.users = []string{s.opts.HostEmail}
	}
}

// SetUsers sets the people the authorize page offers to sign in as.
func (s *Server) SetUsers(emails ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user.users = slices.Clone(emails)
}

// SetRedirectURLs registers the app's redirect URLs: from then on a
// redirect_uri must match one exactly (as in Zoom's strict mode).
func (s *Server) SetRedirectURLs(urls ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user.redirects = slices.Clone(urls)
}

// SetAutoConsent makes the authorize page press Allow ("allow") or Deny
// ("deny") by itself once it has loaded, with a small inline script, so a
// headless browser signs in without a driver. "" turns it off.
func (s *Server) SetAutoConsent(decision string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user.auto = decision
}

// UserOAuthStats returns the user OAuth counters.
func (s *Server) UserOAuthStats() UserOAuthStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.user.stats
}

// RefreshTokenValid reports whether a refresh token would still be
// accepted (tests check that rotated ones are dead).
func (s *Server) RefreshTokenValid(rt string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.user.refresh[rt]
	return ok
}

// RevokeAll forgets every user grant, as if the user removed the app.
func (s *Server) RevokeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userInit()
	for rt, g := range s.user.refresh {
		delete(s.tokens, g.access)
		delete(s.user.refresh, rt)
	}
}

func (s *Server) userOAuthRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /oauth/authorize", s.authorizePage)
	mux.HandleFunc("POST /oauth/authorize", s.authorizeDecision)
	mux.HandleFunc("POST /oauth/revoke", s.revoke)
	mux.HandleFunc("GET /v2/users/me", s.api(Light, s.me))
}

// checkAuthorize validates an authorize request; it returns a message
// for an error page, or "".
func (s *Server) checkAuthorize(v url.Values) string {
	switch {
	case v.Get("client_id") != s.opts.ClientID:
		return "Invalid client_id: this app is not known to the Sandbox."
	case v.Get("redirect_uri") == "":
		return "Invalid redirect: redirect_uri is required."
	case !s.redirectAllowed(v.Get("redirect_uri")):
		return "Invalid redirect: " + v.Get("redirect_uri") + " is not registered for this app."
	}
	if m := v.Get("code_challenge_method"); m != "" && m != "S256" && m != "plain" {
		return "Invalid code_challenge_method: use S256 or plain."
	}
	return ""
}

func (s *Server) redirectAllowed(raw string) bool {
	if len(s.user.redirects) > 0 {
		return slices.Contains(s.user.redirects, raw)
	}
	return oauthsandbox.LoopbackRedirect(raw, true)
}

func (s *Server) authorizePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	s.userInit()
	s.user.stats.Pages++
	msg := s.checkAuthorize(q)
	if q.Get("response_type") != "code" && msg == "" {
		msg = "Unsupported response_type: use code."
	}
	users, auto := slices.Clone(s.user.users), s.user.auto
	s.mu.Unlock()
	if msg != "" {
		oauthsandbox.SandboxError(w, msg)
		return
	}
	method := q.Get("code_challenge_method")
	if method == "" && q.Get("code_challenge") != "" {
		method = "plain" // Zoom's default when the method is omitted
	}
	scope := q.Get("scope")
	if scope == "" {
		scope = "the scopes set in the app"
	}
	oauthsandbox.ConsentPage{Title: "Turnout Sandbox — authorize", Heading: "Allow Turnout to use your Sandbox account?",
		Note:  "Turnout Sandbox is a local emulator of Zoom's sign-in. It is not Zoom.",
		Lines: []string{"The app asks for: " + scope}, Action: "/oauth/authorize",
		Hidden: [][2]string{{"client_id", q.Get("client_id")}, {"redirect_uri", q.Get("redirect_uri")},
			{"state", q.Get("state")}, {"scope", scope}, {"code_challenge", q.Get("code_challenge")}, {"code_challenge_method", method}},
		UserLabel: "Sign in as", Users: users, Auto: auto}.Write(w)
}

func (s *Server) authorizeDecision(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthsandbox.SandboxError(w, "Bad form.")
		return
	}
	f := r.PostForm
	s.mu.Lock()
	s.userInit()
	msg := s.checkAuthorize(f)
	if msg == "" && !slices.Contains(s.user.users, f.Get("user")) {
		msg = "Unknown user."
	}
	if msg != "" {
		s.mu.Unlock()
		oauthsandbox.SandboxError(w, msg)
		return
	}
	back, _ := url.Parse(f.Get("redirect_uri"))
	q := back.Query()
	if f.Get("decision") != "allow" {
		s.user.stats.Denied++
		q.Set("error", "access_denied")
	} else {
		s.user.stats.Allowed++
		code := randomID(32)
		s.user.codes[code] = authCode{clientID: f.Get("client_id"), redirect: f.Get("redirect_uri"),
			challenge: f.Get("code_challenge"), method: f.Get("code_challenge_method"), user: f.Get("user"),
			scope: f.Get("scope"), expires: s.opts.Now().Add(CodeTTL)}
		q.Set("code", code)
	}
	s.mu.Unlock()
	if st := f.Get("state"); st != "" {
		q.Set("state", st)
	}
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

func oauthErr(w http.ResponseWriter, reason, code string) {
	writeJSON(w, http.StatusBadRequest, map[string]string{"reason": reason, "error": code})
}

// userToken answers grant_type=authorization_code and refresh_token.
func (s *Server) userToken(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userInit()
	public, ok := oauthsandbox.ClientAuth(r, s.opts.ClientID, s.opts.ClientSecret)
	if !ok {
		oauthErr(w, "Invalid client_id or client_secret", "invalid_client")
		return
	}
	now := s.opts.Now()
	var g grant
	switch r.Form.Get("grant_type") {
	case "authorization_code":
		code := r.Form.Get("code")
		c, found := s.user.codes[code]
		delete(s.user.codes, code) // single use, even when the exchange fails
		switch {
		case !found:
			s.user.stats.InvalidGrants++
			oauthErr(w, "Invalid authorization code "+code, "invalid_grant")
			return
		case !now.Before(c.expires):
			s.user.stats.InvalidGrants++
			oauthErr(w, "Authorization code expired", "invalid_grant")
			return
		case c.redirect != r.Form.Get("redirect_uri"):
			s.user.stats.InvalidGrants++
			oauthErr(w, "Redirect URI mismatch.", "invalid_grant")
			return
		case public && c.challenge == "":
			oauthErr(w, "Invalid client_id or client_secret", "invalid_client")
			return
		case c.challenge != "" && !oauthsandbox.PKCEOK(c.method, c.challenge, r.Form.Get("code_verifier")):
			s.user.stats.InvalidGrants++
			oauthErr(w, "Invalid code_verifier", "invalid_grant")
			return
		}
		s.user.stats.Exchanges++
		g = grant{user: c.user, scope: c.scope}
	case "refresh_token":
		rt := r.Form.Get("refresh_token")
		old, found := s.user.refresh[rt]
		if !found {
			s.user.stats.InvalidGrants++
			oauthErr(w, "Invalid Token!", "invalid_grant")
			return
		}
		delete(s.user.refresh, rt) // rotation: the old refresh token is spent
		s.user.stats.Refreshes++
		g = grant{user: old.user, scope: old.scope}
	}
	g.access = "sbxu." + randomID(32)
	rt := "sbxr." + randomID(40)
	s.tokens[g.access] = now.Add(s.opts.TokenTTL)
	s.user.owner[g.access] = g.user
	s.user.refresh[rt] = g
	s.stats.TokenGrants++
	writeJSON(w, http.StatusOK, map[string]any{"access_token": g.access, "token_type": "bearer",
		"refresh_token": rt, "expires_in": int(s.opts.TokenTTL / time.Second), "scope": g.scope,
		"api_url": "https://api.zoom.us"})
}

// revoke is POST /oauth/revoke?token=… (query or form) with client auth.
// Revoking a refresh token ends the grant and its access token.
func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.userInit()
	if _, ok := oauthsandbox.ClientAuth(r, s.opts.ClientID, s.opts.ClientSecret); !ok {
		oauthErr(w, "Invalid client_id or client_secret", "invalid_client")
		return
	}
	tok := r.Form.Get("token")
	if g, ok := s.user.refresh[tok]; ok {
		delete(s.tokens, g.access)
		delete(s.user.refresh, tok)
	} else if _, ok := s.tokens[tok]; ok && strings.HasPrefix(tok, "sbxu.") {
		delete(s.tokens, tok)
		for rt, g := range s.user.refresh {
			if g.access == tok {
				delete(s.user.refresh, rt)
			}
		}
	}
	s.user.stats.Revocations++
	writeJSON(w, http.StatusOK, map[string]string{"status": "success"})
}

// me is GET /v2/users/me: the signed-in user (the host for S2S tokens).
func (s *Server) me(w http.ResponseWriter, r *http.Request, _ time.Time) {
	s.userInit()
	tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	email := s.user.owner[tok]
	if email == "" {
		email = s.opts.HostEmail
	}
	first, _, _ := strings.Cut(email, "@")
	writeJSON(w, http.StatusOK, map[string]any{"id": "u-" + first, "email": email, "first_name": first,
		"last_name": "", "type": 2, "account_id": s.opts.AccountID, "status": "active"})
}
