package rcfake

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type answer struct {
	status int
	header http.Header
	body   map[string]any
}

func call(t *testing.T, method, u string, h map[string]string, body string) answer {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	for k, v := range h {
		req.Header.Set(k, v)
	}
	if body != "" && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, header: resp.Header}
	_ = json.Unmarshal(data, &a.body)
	return a
}

func errorCode(a answer) string {
	if list, ok := a.body["errors"].([]any); ok && len(list) > 0 {
		return list[0].(map[string]any)["errorCode"].(string)
	}
	return ""
}

func basic(s *Server) map[string]string {
	return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(s.opts.ClientID+":"+s.opts.ClientSecret))}
}

func jwtToken(t *testing.T, s *Server, base string) string {
	t.Helper()
	a := call(t, "POST", base+"/restapi/oauth/token", basic(s), url.Values{"grant_type": {jwtGrant}, "assertion": {s.opts.JWT}}.Encode())
	if a.status != 200 {
		t.Fatalf("JWT grant: %d %v", a.status, a.body)
	}
	return a.body["access_token"].(string)
}

// The Heavy group: 10 a window with the headers on every answer; the
// 11th draws 429 CMN-301 with Retry-After, and asking during the penalty
// starts it over.
func TestHeavyLimitHeadersAndPenalty(t *testing.T) {
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s := New(Options{Now: c.Now})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	wid, sid := s.AddWebinar("W", c.Now().Add(time.Hour), time.Hour)
	auth := map[string]string{"Authorization": "Bearer " + jwtToken(t, s, srv.URL)}
	u := srv.URL + "/webinar/configuration/v1/webinars/" + wid + "/sessions/" + sid
	for i := range 10 {
		a := call(t, "GET", u, auth, "")
		h := a.header
		if a.status != 200 || h.Get("X-Rate-Limit-Group") != "heavy" || h.Get("X-Rate-Limit-Limit") != "10" ||
			h.Get("X-Rate-Limit-Window") != "60" || h.Get("X-Rate-Limit-Remaining") != strings.TrimSpace(string(rune('0'+9-i))) {
			t.Fatalf("request %d: %d %v", i, a.status, h)
		}
	}
	for _, wait := range []time.Duration{0, 59 * time.Second, 59 * time.Second} {
		c.Add(wait)
		a := call(t, "GET", u, auth, "")
		if a.status != 429 || errorCode(a) != "CMN-301" || a.header.Get("Retry-After") != "60" || a.header.Get("X-Rate-Limit-Remaining") != "0" {
			t.Fatalf("after %v: %d %v %v", wait, a.status, a.header, a.body)
		}
	}
	c.Add(61 * time.Second)
	if a := call(t, "GET", u, auth, ""); a.status != 200 || a.header.Get("X-Rate-Limit-Remaining") != "9" {
		t.Fatalf("after the penalty: %d %v", a.status, a.header)
	}
	if st := s.Stats(); st.TooMany != 3 {
		t.Errorf("%d 429s", st.TooMany)
	}
	s.ExpireTokens()
	if a := call(t, "GET", u, auth, ""); a.status != 401 || errorCode(a) != "OAU-128" {
		t.Fatalf("expired token: %d %v", a.status, a.body)
	}
}

// Sign-in: the JWT grant needs the client's Basic auth and the right
// JWT; the authorization code with PKCE works for a public client (no
// Authorization header) once; refresh tokens are single use; revoke ends
// the session.
func TestOAuthGrants(t *testing.T) {
	s := New(Options{})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	tokenURL := srv.URL + "/restapi/oauth/token"
	if a := call(t, "POST", tokenURL, basic(s), url.Values{"grant_type": {jwtGrant}, "assertion": {"eyJ.wrong.jwt"}}.Encode()); a.status != 400 || a.body["error"] != "invalid_grant" {
		t.Fatalf("wrong JWT: %d %v", a.status, a.body)
	}
	if a := call(t, "POST", tokenURL, nil, url.Values{"grant_type": {jwtGrant}, "assertion": {s.opts.JWT}, "client_id": {s.opts.ClientID}}.Encode()); a.status != 401 {
		t.Fatalf("JWT without the client secret: %d", a.status)
	}
	verifier := strings.Repeat("v3rifier-", 6)
	sum := sha256.Sum256([]byte(verifier))
	redirect := "http://127.0.0.1:4201/oauth/callback"
	q := url.Values{"response_type": {"code"}, "client_id": {s.opts.ClientID}, "redirect_uri": {redirect}, "state": {"st8"},
		"code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"}}
	if a := call(t, "GET", srv.URL+"/restapi/oauth/authorize?"+q.Encode(), nil, ""); a.status != 200 {
		t.Fatalf("authorize page: %d", a.status)
	}
	q.Set("decision", "allow")
	a := call(t, "POST", srv.URL+"/restapi/oauth/authorize", nil, q.Encode())
	loc, _ := url.Parse(a.header.Get("Location"))
	code := loc.Query().Get("code")
	if a.status != 302 || code == "" || loc.Query().Get("state") != "st8" {
		t.Fatalf("consent: %d %v", a.status, loc)
	}
	exchange := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {redirect},
		"client_id": {s.opts.ClientID}, "code_verifier": {verifier}}.Encode()
	a = call(t, "POST", tokenURL, nil, exchange)
	if a.status != 200 || a.body["refresh_token"] == nil || a.body["session_id"] == nil {
		t.Fatalf("public PKCE exchange: %d %v", a.status, a.body)
	}
	if again := call(t, "POST", tokenURL, nil, exchange); again.status != 400 || again.body["error"] != "invalid_grant" {
		t.Fatalf("code used twice: %d", again.status)
	}
	rt := a.body["refresh_token"].(string)
	refresh := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {s.opts.ClientID}}.Encode()
	b := call(t, "POST", tokenURL, nil, refresh)
	if b.status != 200 || b.body["refresh_token"] == rt || s.RefreshTokenValid(rt) {
		t.Fatalf("refresh: %d %v", b.status, b.body)
	}
	if old := call(t, "POST", tokenURL, nil, refresh); old.status != 400 || errorCode(old) != "OAU-211" {
		t.Fatalf("spent refresh token: %d %v", old.status, old.body)
	}
	access := b.body["access_token"].(string)
	call(t, "POST", srv.URL+"/restapi/oauth/revoke", nil, url.Values{"token": {access}, "client_id": {s.opts.ClientID}}.Encode())
	if s.RefreshTokenValid(b.body["refresh_token"].(string)) || s.Stats().Revocations != 1 {
		t.Fatal("revoke left the session alive")
	}
}

// Registrants: 201 with links, 409 for the same address in any case, 403
// while registration is closed, paging in ID order, and no deleting once
// the session is finished.
func TestRegistrants(t *testing.T) {
	s := New(Options{HeavyLimit: 1000})
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	_, sid := s.AddWebinar("W", time.Now().Add(time.Hour), time.Hour)
	h := map[string]string{"Authorization": "Bearer " + jwtToken(t, s, srv.URL), "Content-Type": "application/json"}
	base := srv.URL + "/webinar/registration/v1/sessions/" + sid + "/registrants"
	var ids []string
	for _, e := range []string{"a@x.org", "b@x.org", "c@x.org"} {
		a := call(t, "POST", base, h, `{"firstName":"A","lastName":"B","email":"`+e+`","externalId":"t-1","source":"Web"}`)
		if a.status != 201 || a.body["joinUri"] == nil || a.body["cancellationUri"] == nil || a.body["externalId"] != "t-1" {
			t.Fatalf("create: %d %v", a.status, a.body)
		}
		ids = append(ids, a.body["id"].(string))
	}
	if a := call(t, "POST", base, h, `{"firstName":"A","lastName":"B","email":"A@X.org"}`); a.status != 409 {
		t.Fatalf("duplicate: %d", a.status)
	}
	s.SetRegistration(sid, false)
	if a := call(t, "POST", base, h, `{"firstName":"A","lastName":"B","email":"d@x.org"}`); a.status != 403 {
		t.Fatalf("closed: %d", a.status)
	}
	var got []string
	next := base + "?perPage=2"
	for next != "" {
		a := call(t, "GET", next, h, "")
		for _, r := range a.body["records"].([]any) {
			got = append(got, r.(map[string]any)["id"].(string))
		}
		next = ""
		if tok, ok := a.body["paging"].(map[string]any)["nextPageToken"].(string); ok {
			next = base + "?perPage=2&pageToken=" + tok
		}
	}
	if strings.Join(got, ",") != strings.Join(ids, ",") {
		t.Fatalf("pages %v, want %v", got, ids)
	}
	if a := call(t, "DELETE", base+"/"+ids[0], h, ""); a.status != 204 {
		t.Fatalf("delete: %d", a.status)
	}
	s.Finish(sid)
	if a := call(t, "DELETE", base+"/"+ids[1], h, ""); a.status != 403 {
		t.Fatalf("delete after the session: %d", a.status)
	}
}
