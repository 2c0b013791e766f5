package ringcentral_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/ringcentral"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
)

// usedOperations are every RingCentral operation Turnout or its emulator
// serves: the adapter's calls, the registration session's PATCH (staff
// open registration; the emulator offers it) and the whole OAuth flow.
var usedOperations = []string{
	"getToken", "authorize", "authorize2", "revokeToken",
	"rcwConfigGetWebinar", "rcwConfigGetSession", "rcwConfigListAllSessions", "rcwConfigListInvitees",
	"rcwRegGetSession", "rcwRegUpdateSession",
	"rcwRegCreateRegistrant", "rcwRegListRegistrants", "rcwRegGetRegistrant", "rcwRegDeleteRegistrant",
	"rcwHistoryListParticipants",
}

// TestContractCoversEveryOperation runs every used operation, their
// refusals included (403 closed, 409 duplicate, 404, 403 after the
// session), through the contract checker: each request and each answer
// must match RingCentral's spec.
func TestContractCoversEveryOperation(t *testing.T) {
	r := newRig(t, rcfake.Options{HeavyLimit: 1000})
	ctx := context.Background()
	hc := &http.Client{Transport: r.contract, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	// The browser sign-in of a public client, by hand: authorize page,
	// consent, code exchange with PKCE, refresh, revoke.
	verifier := strings.Repeat("pkce-verifier-", 4)
	sum := sha256.Sum256([]byte(verifier))
	redirect := "http://127.0.0.1:4201/oauth/callback"
	q := url.Values{"response_type": {"code"}, "client_id": {r.fake.ClientID()}, "redirect_uri": {redirect}, "state": {"s1"},
		"code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"}}
	mustStatus(t, hc, "GET", r.srv.URL+"/restapi/oauth/authorize?"+q.Encode(), "", "", 200)
	q.Set("decision", "allow")
	resp := mustStatus(t, hc, "POST", r.srv.URL+"/restapi/oauth/authorize", "application/x-www-form-urlencoded", q.Encode(), 302)
	loc, _ := url.Parse(resp.Header.Get("Location"))
	app := ringcentral.UserOAuth(r.srv.URL, "", r.fake.ClientID(), 0)
	form := url.Values{"grant_type": {"authorization_code"}, "code": {loc.Query().Get("code")}, "redirect_uri": {redirect},
		"client_id": {app.ClientID}, "code_verifier": {verifier}}
	body := readBody(mustStatus(t, hc, "POST", app.TokenURL, "application/x-www-form-urlencoded", form.Encode(), 200))
	rt := between(body, `"refresh_token":"`, `"`)
	form = url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {app.ClientID}}
	mustStatus(t, hc, "POST", app.TokenURL, "application/x-www-form-urlencoded", form.Encode(), 200)
	mustStatus(t, hc, "POST", app.TokenURL, "application/x-www-form-urlencoded", form.Encode(), 400) // spent
	mustStatus(t, hc, "POST", app.RevokeURL, "application/x-www-form-urlencoded", url.Values{"token": {rt}, "client_id": {app.ClientID}}.Encode(), 200)

	// Everything the adapter does, refusals included.
	if err := r.c.TestConnection(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := r.c.Meeting(ctx, core.KindWebinar, r.id); err != nil {
		t.Fatal(err)
	}
	if _, err := r.c.Meeting(ctx, core.KindWebinar, "1/404"); err == nil {
		t.Fatal("a missing session was found")
	}
	if _, err := r.c.Sessions(ctx, core.KindWebinar, r.id); err != nil {
		t.Fatal(err)
	}
	r.fake.SetRegistration(r.sid, false)
	if _, err := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(1)); err == nil {
		t.Fatal("registered into a closed session")
	}
	tok := bearer(t, r)
	mustStatus(t, withAuth(hc, tok), "PATCH", r.srv.URL+"/webinar/registration/v1/sessions/"+r.sid, "application/json", `{"registrationStatus":"Open"}`, 200)
	x, err := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(1)); err != nil { // 409, then found
		t.Fatal(err)
	}
	y, _ := r.c.AddRegistrant(ctx, core.KindWebinar, r.id, person(2))
	if _, _, err := r.c.Registrant(ctx, r.id, x.ID); err != nil {
		t.Fatal(err)
	}
	if err := r.c.CancelRegistrant(ctx, core.KindWebinar, r.id, x); err != nil {
		t.Fatal(err)
	}
	if err := r.c.CancelRegistrant(ctx, core.KindWebinar, r.id, x); err != nil { // 404: already gone
		t.Fatal(err)
	}
	if _, err := r.c.Staff(ctx, core.KindWebinar, r.id); err != nil {
		t.Fatal(err)
	}
	r.fake.Finish(r.sid)
	if err := r.c.CancelRegistrant(ctx, core.KindWebinar, r.id, y); err == nil {
		t.Fatal("deleted after the session")
	}
	if _, err := r.c.Participants(ctx, core.KindWebinar, r.id); err != nil {
		t.Fatal(err)
	}

	seen := r.contract.Calls()
	for _, op := range usedOperations {
		if seen[op] == 0 {
			t.Errorf("operation %s was not exercised", op)
		}
	}
	t.Logf("operations checked against the spec: %v", seen)
}

func mustStatus(t *testing.T, hc *http.Client, method, u, ctype, body string, want int) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != want {
		t.Fatalf("%s %s: %d, want %d", method, u, resp.StatusCode, want)
	}
	return resp
}

func readBody(resp *http.Response) string {
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func between(s, from, to string) string {
	_, rest, _ := strings.Cut(s, from)
	v, _, _ := strings.Cut(rest, to)
	return v
}

// bearer gets a token with the JWT grant.
func bearer(t *testing.T, r *rig) string {
	t.Helper()
	tok, err := ringcentral.NewJWTSource(http.DefaultClient, r.srv.URL, r.fake.Credentials(), "test", time.Now).Token(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

type authTransport struct {
	tok  string
	next http.RoundTripper
}

func (a authTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+a.tok)
	return a.next.RoundTrip(r)
}

func withAuth(hc *http.Client, tok string) *http.Client {
	return &http.Client{Transport: authTransport{tok, hc.Transport}}
}
