package gotofake

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"time"

	"github.com/turnout-app/turnout/core/oauthsandbox"
)

// OAuth as GoTo's authentication service answers it (providers.md §2.1):
// an authorize page with Allow and Deny, and a token endpoint that wants
// HTTP Basic client authentication. Codes are single use and live
// CodeTTL; PKCE is checked when the authorize request sent a challenge;
// refresh tokens rotate (the old one is refused with invalid_grant).

type authCode struct {
	redirect, challenge, method string
	expires                     time.Time
}

// SetAutoConsent makes the authorize page press Allow ("allow") or Deny
// ("deny") by itself once loaded, so a headless browser signs in without
// a driver. "" turns it off.
func (s *Server) SetAutoConsent(decision string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auto = decision
}

// RefreshTokenValid reports whether a refresh token would be accepted.
func (s *Server) RefreshTokenValid(rt string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refresh[rt]
}

// checkAuthorize validates an authorize request; "" when it is fine.
func (s *Server) checkAuthorize(v url.Values) string {
	if v.Get("client_id") != s.opts.ClientID {
		return "Invalid client_id: this app is not known to the Sandbox."
	}
	if m := v.Get("code_challenge_method"); m != "" && m != "S256" && m != "plain" {
		return "Invalid code_challenge_method: use S256."
	}
	switch ru := v.Get("redirect_uri"); {
	case ru == "":
		return "Invalid redirect: redirect_uri is required by the Sandbox."
	case !oauthsandbox.LoopbackRedirect(ru, true):
		return "Invalid redirect_uri: only https or a loopback address."
	}
	return ""
}

func (s *Server) authorizePage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	s.stats.Pages++
	msg := s.checkAuthorize(q)
	if msg == "" && q.Get("response_type") != "code" {
		msg = "Unsupported response_type: use code."
	}
	auto, email := s.auto, s.opts.Email
	s.mu.Unlock()
	if msg != "" {
		oauthsandbox.SandboxError(w, msg)
		return
	}
	method := q.Get("code_challenge_method")
	if method == "" && q.Get("code_challenge") != "" {
		method = "plain" // RFC 7636's default
	}
	oauthsandbox.ConsentPage{Title: "Turnout Sandbox — GoTo sign-in", Heading: "Allow Turnout to use your GoTo Webinar organizer account?",
		Note:  "Turnout Sandbox is a local emulator of GoTo's sign-in. It is not GoTo.",
		Lines: []string{"Signed in as " + email}, Action: "/oauth/authorize",
		Hidden: [][2]string{{"client_id", q.Get("client_id")}, {"redirect_uri", q.Get("redirect_uri")},
			{"state", q.Get("state")}, {"code_challenge", q.Get("code_challenge")}, {"code_challenge_method", method}},
		Auto: auto}.Write(w)
}

func (s *Server) authorizeDecision(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthsandbox.SandboxError(w, "Bad form.")
		return
	}
	f := r.PostForm
	s.mu.Lock()
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
		s.codes[code] = authCode{redirect: f.Get("redirect_uri"), challenge: f.Get("code_challenge"),
			method: f.Get("code_challenge_method"), expires: s.opts.Now().Add(s.opts.CodeTTL)}
		q.Set("code", code)
	}
	s.mu.Unlock()
	if st := f.Get("state"); st != "" {
		q.Set("state", st)
	}
	back.RawQuery = q.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// oauthErr writes the RFC 6749 error body GoTo's token endpoint uses.
func oauthErr(w http.ResponseWriter, status int, code, desc string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": desc})
}

// token answers grant_type=authorization_code and refresh_token.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	s.mu.Lock()
	defer s.mu.Unlock()
	id, secret, basic := r.BasicAuth()
	if !basic || subtle.ConstantTimeCompare([]byte(id), []byte(s.opts.ClientID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.ClientSecret)) != 1 {
		oauthErr(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed (HTTP Basic with the client ID and secret).")
		return
	}
	now := s.opts.Now()
	switch r.Form.Get("grant_type") {
	case "authorization_code":
		code := r.Form.Get("code")
		c, found := s.codes[code]
		delete(s.codes, code) // single use, even when the exchange fails
		bad := ""
		switch {
		case !found:
			bad = "The authorization code is unknown or was used already."
		case !now.Before(c.expires):
			bad = "The authorization code expired."
		case r.Form.Get("redirect_uri") != c.redirect:
			bad = "redirect_uri does not match the authorize request."
		case c.challenge != "" && !oauthsandbox.PKCEOK(c.method, c.challenge, r.Form.Get("code_verifier")):
			bad = "code_verifier does not match the code_challenge."
		}
		if bad != "" {
			s.stats.InvalidGrants++
			oauthErr(w, http.StatusBadRequest, "invalid_grant", bad)
			return
		}
		s.stats.Exchanges++
	case "refresh_token":
		rt := r.Form.Get("refresh_token")
		if !s.refresh[rt] {
			s.stats.InvalidGrants++
			oauthErr(w, http.StatusBadRequest, "invalid_grant", "The refresh token is invalid or was used already.")
			return
		}
		delete(s.refresh, rt) // rotation: the old refresh token is spent
		s.stats.Refreshes++
	default:
		oauthErr(w, http.StatusBadRequest, "unsupported_grant_type", "Use authorization_code or refresh_token.")
		return
	}
	access, rt := "gtsa."+randomID(40), "gtsr."+randomID(40)
	s.tokens[access] = now.Add(s.opts.TokenTTL)
	s.refresh[rt] = true
	// Keys as strings, as GoTo's token response shows them: a JSON
	// number above 2^53 would not survive a float64 reader.
	writeJSON(w, http.StatusOK, map[string]any{"access_token": access, "token_type": "Bearer",
		"expires_in": int(s.opts.TokenTTL / time.Second), "refresh_token": rt, "scope": "collab:",
		"principal": s.opts.Email, "organizer_key": keyString(s.opts.OrganizerKey), "account_key": keyString(s.opts.AccountKey),
		"account_type": "", "firstName": s.opts.FirstName, "lastName": s.opts.LastName, "email": s.opts.Email, "version": "3"})
}

// me is GET /identity/v1/Users/me: the organizer the token belongs to
// (its id is the organizer key, as a string).
func (s *Server) me(w http.ResponseWriter, _ *http.Request, _ time.Time) {
	writeJSON(w, http.StatusOK, map[string]any{"id": keyString(s.opts.OrganizerKey), "email": s.opts.Email,
		"firstName": s.opts.FirstName, "lastName": s.opts.LastName, "accountKey": keyString(s.opts.AccountKey)})
}

// IssueToken mints an access token directly, for the in-app Sandbox
// (which has no browser sign-in).
func (s *Server) IssueToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := "gtsa." + randomID(40)
	s.tokens[t] = s.opts.Now().Add(s.opts.TokenTTL)
	return t
}

// ForgetGrants drops every refresh and access token, as when the
// organizer removes the app at GoTo: the next refresh is invalid_grant.
func (s *Server) ForgetGrants() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.refresh)
	clear(s.tokens)
}
