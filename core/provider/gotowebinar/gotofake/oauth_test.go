package gotofake

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

const redirect = "http://127.0.0.1:4201/oauth/callback"

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

func challenge(v string) string {
	sum := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// code answers the consent form with Allow and returns the code.
func code(t *testing.T, srv *httptest.Server, verifier string) string {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"client_id": {"goto-sandbox-client"}, "redirect_uri": {redirect}, "state": {"st"}, "decision": {"allow"}}
	if verifier != "" {
		form.Set("code_challenge", challenge(verifier))
		form.Set("code_challenge_method", "S256")
	}
	resp, err := hc.PostForm(srv.URL+"/oauth/authorize", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || loc.Query().Get("state") != "st" || loc.Query().Get("code") == "" {
		t.Fatalf("consent: %s → %s", resp.Status, loc)
	}
	return loc.Query().Get("code")
}

func token(t *testing.T, srv *httptest.Server, secret string, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("goto-sandbox-client", secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestTokenEndpointRules(t *testing.T) {
	c := &clock{time.Now().UTC()}
	fake := New(Options{Now: c.Now})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	grant := func(code, verifier string) url.Values {
		f := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect}}
		if verifier != "" {
			f.Set("code_verifier", verifier)
		}
		return f
	}
	const verifier = "a-verifier-of-at-least-forty-three-characters-long-0123"

	// Basic client authentication is required.
	if st, out := token(t, srv, "wrong", grant(code(t, srv, verifier), verifier)); st != http.StatusUnauthorized || out["error"] != "invalid_client" {
		t.Fatalf("wrong secret: %d %v", st, out)
	}
	// PKCE is checked when a challenge was sent.
	if st, out := token(t, srv, "goto-sandbox-secret", grant(code(t, srv, verifier), "another-verifier-of-at-least-forty-three-chars-000")); st != 400 || out["error"] != "invalid_grant" {
		t.Fatalf("wrong verifier: %d %v", st, out)
	}
	// A code works once; the answer carries GoTo's organizer fields, keys
	// as exact strings.
	cd := code(t, srv, verifier)
	st, out := token(t, srv, "goto-sandbox-secret", grant(cd, verifier))
	if st != 200 || out["expires_in"] != float64(3600) || out["organizer_key"] != "8439885694023999999" ||
		out["account_key"] != "7209878915730016262" || out["email"] != fake.Email() || out["firstName"] != "Olivia" || out["refresh_token"] == "" {
		t.Fatalf("exchange: %d %v", st, out)
	}
	if st, out := token(t, srv, "goto-sandbox-secret", grant(cd, verifier)); st != 400 || out["error"] != "invalid_grant" {
		t.Fatalf("code used twice: %d %v", st, out)
	}
	// Codes are short-lived.
	late := code(t, srv, "")
	c.t = c.t.Add(6 * time.Minute)
	if st, out := token(t, srv, "goto-sandbox-secret", grant(late, "")); st != 400 || out["error"] != "invalid_grant" {
		t.Fatalf("expired code: %d %v", st, out)
	}
	// Refresh rotates: the old refresh token is refused afterwards.
	rt := out["refresh_token"].(string)
	st, again := token(t, srv, "goto-sandbox-secret", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}})
	if st != 200 || again["refresh_token"] == rt || again["access_token"] == out["access_token"] {
		t.Fatalf("refresh: %d %v", st, again)
	}
	if fake.RefreshTokenValid(rt) {
		t.Fatal("the used refresh token is still valid")
	}
	if st, bad := token(t, srv, "goto-sandbox-secret", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}); st != 400 ||
		bad["error"] != "invalid_grant" || bad["error_description"] == "" {
		t.Fatalf("reused refresh token: %d %v", st, bad)
	}
}

func TestAPIAnswersGoTosErrors(t *testing.T) {
	fake := New(Options{PerWindow: 2, Window: time.Hour})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	get := func(tok string) (int, string, http.Header) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/G2W/rest/v2/organizers/8439885694023999999/webinars/1", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp.StatusCode, strings.TrimSpace(b.String()), resp.Header
	}
	if st, body, _ := get("nope"); st != http.StatusForbidden || body != `{"int_err_code":"InvalidToken","msg":"Invalid token passed"}` {
		t.Fatalf("bad token: %d %s", st, body)
	}
	tok := fake.IssueToken()
	for range 2 {
		if st, _, _ := get(tok); st != http.StatusNotFound {
			t.Fatalf("unknown webinar: %d", st)
		}
	}
	st, _, h := get(tok)
	if st != http.StatusTooManyRequests || h.Get("Retry-After") != "" {
		t.Fatalf("over the limit: %d, Retry-After %q (GoTo sends none)", st, h.Get("Retry-After"))
	}
}

// Keys above 2^53 are written as exact JSON numbers where the spec
// types them int64.
func TestKeysAreExactNumbers(t *testing.T) {
	fake := New(Options{PerWindow: -1})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	now := time.Now()
	wk := fake.AddWebinar(Webinar{Key: 8439885694023999999, Subject: "K", Times: []Range{{now.Add(time.Hour), now.Add(2 * time.Hour)}}})
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/G2W/rest/v2/organizers/8439885694023999999/webinars/8439885694023999999", nil)
	req.Header.Set("Authorization", "Bearer "+fake.IssueToken())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(resp.Body)
	if wk != 8439885694023999999 || !strings.Contains(b.String(), `"webinarKey":8439885694023999999`) ||
		!strings.Contains(b.String(), `"organizerKey":8439885694023999999`) {
		t.Fatalf("webinar: %s", b.String())
	}
}
