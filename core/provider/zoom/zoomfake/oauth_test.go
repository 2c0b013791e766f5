package zoomfake

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/coretest"
)

const redirect = "http://127.0.0.1:4199/oauth/callback"

func challenge(v string) string {
	sum := sha256.Sum256([]byte(v))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// authorize submits the consent form and returns the code (or error).
func authorize(t *testing.T, srv *httptest.Server, decision, verifier string) url.Values {
	t.Helper()
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.PostForm(srv.URL+"/oauth/authorize", url.Values{"client_id": {"sandbox-client"}, "redirect_uri": {redirect},
		"state": {"st"}, "code_challenge": {challenge(verifier)}, "code_challenge_method": {"S256"},
		"user": {"host@sandbox.turnout.invalid"}, "decision": {decision}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc.String(), redirect) || loc.Query().Get("state") != "st" {
		t.Fatalf("decision: %s → %s", resp.Status, loc)
	}
	return loc.Query()
}

func exchange(t *testing.T, srv *httptest.Server, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/oauth/token", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("sandbox-client", "sandbox-secret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestUserOAuthCodeRules(t *testing.T) {
	c := coretest.NewClock(time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC))
	fake := New(Options{Now: c.Now})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	const v = "verifier-0123456789-0123456789-0123456789-abc"
	codeForm := func(code, verifier string) url.Values {
		return url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect}, "code_verifier": {verifier}}
	}

	if q := authorize(t, srv, "deny", v); q.Get("error") != "access_denied" || q.Get("code") != "" {
		t.Errorf("deny: %v", q)
	}
	// PKCE verifier mismatch → invalid_grant, and the code is spent.
	code := authorize(t, srv, "allow", v).Get("code")
	if st, out := exchange(t, srv, codeForm(code, v+"x")); st != 400 || out["error"] != "invalid_grant" {
		t.Errorf("wrong verifier: %d %v", st, out)
	}
	if st, _ := exchange(t, srv, codeForm(code, v)); st != 400 {
		t.Error("a code survived a failed exchange")
	}
	// Single use.
	code = authorize(t, srv, "allow", v).Get("code")
	st, tok := exchange(t, srv, codeForm(code, v))
	if st != 200 || tok["refresh_token"] == nil || tok["access_token"] == nil {
		t.Fatalf("exchange: %d %v", st, tok)
	}
	if st, out := exchange(t, srv, codeForm(code, v)); st != 400 || out["error"] != "invalid_grant" {
		t.Errorf("code reused: %d %v", st, out)
	}
	// Five-minute lifetime.
	code = authorize(t, srv, "allow", v).Get("code")
	c.Add(CodeTTL + time.Second)
	if st, out := exchange(t, srv, codeForm(code, v)); st != 400 || out["reason"] != "Authorization code expired" {
		t.Errorf("expired code: %d %v", st, out)
	}
	// Rotation: the old refresh token is "Invalid Token!".
	rt := tok["refresh_token"].(string)
	st, next := exchange(t, srv, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}})
	if st != 200 || next["refresh_token"] == rt {
		t.Fatalf("refresh: %d", st)
	}
	if st, out := exchange(t, srv, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}); st != 400 || out["reason"] != "Invalid Token!" {
		t.Errorf("old refresh token: %d %v", st, out)
	}
	// The new access token works on the API and says who signed in.
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v2/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+next["access_token"].(string))
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("users/me: %v %v", err, resp)
	}
	resp.Body.Close()
	// Revocation ends the grant.
	form := url.Values{"token": {next["refresh_token"].(string)}}
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/oauth/revoke", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("sandbox-client", "sandbox-secret")
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 200 {
		t.Fatalf("revoke: %v", err)
	}
	if fake.RefreshTokenValid(next["refresh_token"].(string)) {
		t.Error("refresh token valid after revoke")
	}
}

func TestAuthorizePageIsARealForm(t *testing.T) {
	fake := New(Options{})
	fake.SetUsers("host@sandbox.turnout.invalid", "assistant@sandbox.turnout.invalid")
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	q := url.Values{"response_type": {"code"}, "client_id": {"sandbox-client"}, "redirect_uri": {redirect}, "state": {"s<1>"},
		"code_challenge": {"abc"}, "code_challenge_method": {"S256"}}
	resp, err := http.Get(srv.URL + "/oauth/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	buf := make([]byte, 8192)
	for {
		n, err := resp.Body.Read(buf)
		b.WriteString(string(buf[:n]))
		if err != nil {
			break
		}
	}
	resp.Body.Close()
	page := b.String()
	for _, want := range []string{`<form id="consent" method="post" action="/oauth/authorize">`, `<select id="user" name="user">`,
		`assistant@sandbox.turnout.invalid`, `id="allow"`, `id="deny"`, `value="s&lt;1&gt;"`, "It is not Zoom"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "<script") {
		t.Error("the page clicks by itself without SetAutoConsent")
	}
	q.Set("client_id", "someone-else")
	resp, _ = http.Get(srv.URL + "/oauth/authorize?" + q.Encode())
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Errorf("unknown client: %d", resp.StatusCode)
	}
}
