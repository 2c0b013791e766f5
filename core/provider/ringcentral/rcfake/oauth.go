package rcfake

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/turnout-app/turnout/core/oauthsandbox"
)

// OAuth (providers.md §3.1): the JWT bearer grant for a service user; the
// authorization code, for a public client with PKCE (client_id and
// code_verifier in the body, no Authorization header) or a confidential
// one (Basic); refresh tokens that are single use (rotation); revoke.

// CodeTTL is how long an authorization code can be exchanged (RingCentral: 60 s).
const CodeTTL = 60 * time.Second

const jwtGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer"

type oauthState struct {
	redirects []string // registered redirect URLs; empty: any loopback URL
	auto      string   // "allow"/"deny": the page clicks that button on load
	codes     map[string]authCode
	refresh   map[string]string // refresh token → user
}

type authCode struct {
	redirect, challenge, method string
	expires                     time.Time
}

// SetRedirectURLs registers the app's redirect URLs: a redirect_uri must
// then match one exactly (OAU-109 otherwise).
func (s *Server) SetRedirectURLs(urls ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oauth.redirects = slices.Clone(urls)
}

// SetAutoConsent makes the authorize page press Allow ("allow") or Deny
// ("deny") by itself once loaded, so a headless browser signs in.
func (s *Server) SetAutoConsent(decision string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.oauth.auto = decision
}

// RefreshTokenValid reports whether a refresh token would still be accepted.
func (s *Server) RefreshTokenValid(rt string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.oauth.refresh[rt]
	return ok
}

func (s *Server) oauthRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /restapi/oauth/token", s.token)
	mux.HandleFunc("GET /restapi/oauth/authorize", s.authorizePage)
	mux.HandleFunc("POST /restapi/oauth/authorize", s.authorizeDecision)
	mux.HandleFunc("POST /restapi/oauth/revoke", s.revoke)
}

// oauthErr writes the token endpoint's error: OAuth's error word and
// RingCentral's errors list.
func oauthErr(w http.ResponseWriter, status int, word, code, msg string) {
	writeJSON(w, status, map[string]any{"error": word, "error_description": msg,
		"errors": []map[string]string{{"errorCode": code, "message": msg}}})
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.oauth.codes == nil {
		s.oauth.codes, s.oauth.refresh = map[string]authCode{}, map[string]string{}
	}
	public, ok := oauthsandbox.ClientAuth(r, s.opts.ClientID, s.opts.ClientSecret)
	if !ok {
		oauthErr(w, http.StatusUnauthorized, "invalid_client", "OAU-123", "Client authentication is required")
		return
	}
	now := s.opts.Now()
	user := s.opts.UserEmail
	f := r.PostForm
	switch f.Get("grant_type") {
	case jwtGrant:
		if public {
			oauthErr(w, http.StatusUnauthorized, "invalid_client", "OAU-123", "Client authentication is required")
			return
		}
		if subtle.ConstantTimeCompare([]byte(f.Get("assertion")), []byte(s.opts.JWT)) != 1 {
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "OAU-251", "JWT token is invalid")
			return
		}
		s.stats.JWTGrants++
	case "authorization_code":
		code := f.Get("code")
		c, found := s.oauth.codes[code]
		delete(s.oauth.codes, code) // single use
		switch {
		case !found || !now.Before(c.expires):
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "OAU-109", "Authorization code is invalid or expired")
			return
		case c.redirect != f.Get("redirect_uri"):
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "OAU-109", "Redirect URI mismatch")
			return
		case public && c.challenge == "":
			oauthErr(w, http.StatusUnauthorized, "invalid_client", "OAU-123", "Client authentication is required")
			return
		case c.challenge != "" && !oauthsandbox.PKCEOK(c.method, c.challenge, f.Get("code_verifier")):
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "OAU-109", "Code verifier does not match")
			return
		}
		s.stats.Exchanges++
	case "refresh_token":
		rt := f.Get("refresh_token")
		u, found := s.oauth.refresh[rt]
		if !found {
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "OAU-211", "Token is revoked")
			return
		}
		delete(s.oauth.refresh, rt) // rotation: the old refresh token is spent
		user = u
		s.stats.Refreshes++
	default:
		oauthErr(w, http.StatusBadRequest, "unsupported_grant_type", "OAU-250", "Unsupported grant type")
		return
	}
	access, rt := "sbxa."+randomID(32), "sbxr."+randomID(40)
	s.tokens[access] = token{user: user, expires: now.Add(s.opts.TokenTTL)}
	s.oauth.refresh[rt] = user
	s.stats.TokenGrants++
	writeJSON(w, http.StatusOK, map[string]any{"access_token": access, "token_type": "bearer",
		"expires_in": int(s.opts.TokenTTL / time.Second), "refresh_token": rt, "refresh_token_expires_in": 604799,
		"scope": "ReadAccounts EditWebinars ReadWebinars", "owner_id": "1001", "session_id": randomID(16)})
}

// revoke ends the whole session of a token (access or refresh).
func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := oauthsandbox.ClientAuth(r, s.opts.ClientID, s.opts.ClientSecret); !ok {
		oauthErr(w, http.StatusUnauthorized, "invalid_client", "OAU-123", "Client authentication is required")
		return
	}
	tok := r.Form.Get("token")
	user, isRefresh := s.oauth.refresh[tok]
	if t, ok := s.tokens[tok]; ok {
		user, isRefresh = t.user, true
	}
	if isRefresh {
		for k, t := range s.tokens {
			if t.user == user {
				delete(s.tokens, k)
			}
		}
		for k, u := range s.oauth.refresh {
			if u == user {
				delete(s.oauth.refresh, k)
			}
		}
	}
	s.stats.Revocations++
	w.WriteHeader(http.StatusOK)
}

func (s *Server) checkAuthorize(v url.Values) string {
	switch {
	case v.Get("client_id") != s.opts.ClientID:
		return "OAU-100: this app is not known to the Sandbox."
	case v.Get("response_type") != "code":
		return "OAU-101: use response_type=code."
	case !s.redirectAllowed(v.Get("redirect_uri")):
		return "OAU-109: redirect URI " + v.Get("redirect_uri") + " is not registered for this app."
	}
	if m := v.Get("code_challenge_method"); m != "" && m != "S256" && m != "plain" {
		return "OAU-101: use code_challenge_method S256 or plain."
	}
	return ""
}

func (s *Server) redirectAllowed(raw string) bool {
	if len(s.oauth.redirects) > 0 {
		return slices.Contains(s.oauth.redirects, raw)
	}
	return oauthsandbox.LoopbackRedirect(raw, false)
}

func (s *Server) authorizePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	s.stats.Pages++
	msg, auto := s.checkAuthorize(q), s.oauth.auto
	s.mu.Unlock()
	if msg != "" {
		oauthsandbox.SandboxError(w, msg)
		return
	}
	oauthsandbox.ConsentPage{Title: "Turnout Sandbox — authorize", Heading: "Allow Turnout to use your RingCentral Sandbox account?",
		Note:   "Turnout Sandbox is a local emulator of RingCentral's sign-in. It is not RingCentral.",
		Action: "/restapi/oauth/authorize",
		Hidden: [][2]string{{"client_id", q.Get("client_id")}, {"response_type", "code"}, {"redirect_uri", q.Get("redirect_uri")},
			{"state", q.Get("state")}, {"code_challenge", q.Get("code_challenge")}, {"code_challenge_method", q.Get("code_challenge_method")}},
		Auto: auto}.Write(w)
}

func (s *Server) authorizeDecision(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthsandbox.SandboxError(w, "Bad form.")
		return
	}
	f := r.PostForm
	s.mu.Lock()
	if s.oauth.codes == nil {
		s.oauth.codes, s.oauth.refresh = map[string]authCode{}, map[string]string{}
	}
	if msg := s.checkAuthorize(f); msg != "" {
		s.mu.Unlock()
		oauthsandbox.SandboxError(w, msg)
		return
	}
	back, _ := url.Parse(f.Get("redirect_uri"))
	q := back.Query()
	if f.Get("decision") != "allow" {
		q.Set("error", "access_denied")
	} else {
		code := randomID(32)
		s.oauth.codes[code] = authCode{redirect: f.Get("redirect_uri"), challenge: f.Get("code_challenge"),
			method: f.Get("code_challenge_method"), expires: s.opts.Now().Add(CodeTTL)}
		q.Set("code", code)
		q.Set("expires_in", "60")
	}
	s.mu.Unlock()
	if st := f.Get("state"); st != "" {
		q.Set("state", st)
	}
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}
