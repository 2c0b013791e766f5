package oauth_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/oauth"
	"github.com/turnout-app/turnout/core/provider/zoom"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

// emulator serves a fresh Zoom emulator.
func emulator(t *testing.T) (*zoomfake.Server, *httptest.Server) {
	t.Helper()
	fake := zoomfake.New(zoomfake.Options{})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	return fake, srv
}

func provider(fake *zoomfake.Server, base string) oauth.Provider {
	c := fake.Credentials()
	p := zoom.UserOAuth(base, c.ClientID, c.ClientSecret, 0)
	p.Port = 0 // any free loopback port: tests run in parallel
	return p
}

// goBrowser plays the user's browser without JavaScript: it loads the
// authorize page, fills in the form (edit may change fields), presses a
// button, and follows the redirect to the loopback callback.
type goBrowser struct {
	decision string
	user     string
	edit     func(form url.Values, redirect *url.URL)
	tamper   func(authorize *url.URL)
	page     string // the callback page's body, once done is closed
	status   int
	done     chan struct{}
}

var inputRE = regexp.MustCompile(`<input type="hidden" name="([a-z_]+)" value="([^"]*)">`)
var optionRE = regexp.MustCompile(`<option value="([^"]+)">`)

func (b *goBrowser) open(raw string) error {
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if b.tamper != nil {
		u, _ := url.Parse(raw)
		b.tamper(u)
		raw = u.String()
	}
	resp, err := hc.Get(raw)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return errors.New("authorize page: " + resp.Status + " " + string(body))
	}
	form := url.Values{}
	for _, m := range inputRE.FindAllStringSubmatch(string(body), -1) {
		form.Set(m[1], htmlUnescape(m[2]))
	}
	users := optionRE.FindAllStringSubmatch(string(body), -1)
	if len(users) == 0 {
		return errors.New("authorize page has no account chooser")
	}
	form.Set("user", users[0][1])
	if b.user != "" {
		form.Set("user", b.user)
	}
	form.Set("decision", b.decision)
	u, _ := url.Parse(raw)
	resp, err = hc.PostForm(u.Scheme+"://"+u.Host+"/oauth/authorize", form)
	if err != nil {
		return err
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil {
		return errors.New("authorize decision: " + resp.Status)
	}
	if b.edit != nil {
		b.edit(nil, loc)
	}
	b.done = make(chan struct{})
	go func() { // the browser follows the redirect on its own
		defer close(b.done)
		resp, err := hc.Get(loc.String())
		if err != nil {
			return
		}
		data, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		b.page, b.status = string(data), resp.StatusCode
	}()
	return nil
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(s)
}

func TestConnectWithPKCEAndFreshState(t *testing.T) {
	fake, srv := emulator(t)
	p := provider(fake, srv.URL)
	var urls []string
	for range 2 {
		b := &goBrowser{decision: "allow"}
		a, err := oauth.Start(p, b.open, oauth.Options{Timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Opened {
			t.Fatalf("browser not opened: %v", a.OpenErr)
		}
		tok, err := a.Wait(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if tok.AccessToken == "" || tok.RefreshToken == "" || tok.Expiry.IsZero() {
			t.Fatalf("token incomplete: access %t refresh %t expiry %v", tok.AccessToken != "", tok.RefreshToken != "", tok.Expiry)
		}
		if got := oauth.Scopes(tok); len(got) != len(zoom.UserScopes) {
			t.Errorf("granted scopes %v", got)
		}
		urls = append(urls, a.URL)
	}
	u0, _ := url.Parse(urls[0])
	u1, _ := url.Parse(urls[1])
	q0, q1 := u0.Query(), u1.Query()
	if q0.Get("code_challenge_method") != "S256" || len(q0.Get("code_challenge")) != 43 {
		t.Errorf("PKCE: method %q challenge %q", q0.Get("code_challenge_method"), q0.Get("code_challenge"))
	}
	if len(q0.Get("state")) < 22 { // 22 base64url chars = 132 bits
		t.Errorf("state %q is shorter than 128 bits", q0.Get("state"))
	}
	if q0.Get("state") == q1.Get("state") || q0.Get("code_challenge") == q1.Get("code_challenge") {
		t.Error("state or PKCE challenge reused across attempts")
	}
	if !strings.HasPrefix(q0.Get("redirect_uri"), "http://127.0.0.1:") {
		t.Errorf("redirect %q is not on 127.0.0.1", q0.Get("redirect_uri"))
	}
	if st := fake.UserOAuthStats(); st.Exchanges != 2 || st.Allowed != 2 {
		t.Errorf("emulator stats %+v", st)
	}
}

func TestAttemptEndsWithPlainMessage(t *testing.T) {
	for _, tc := range []struct {
		name     string
		browser  *goBrowser
		code     string
		contains string
	}{
		{"state mismatch", &goBrowser{decision: "allow", edit: func(_ url.Values, loc *url.URL) {
			q := loc.Query()
			q.Set("state", "forged-state-from-another-site")
			loc.RawQuery = q.Encode()
		}}, core.EUNAUTHORIZED, "did not belong to this sign-in (state mismatch)"},
		{"denied consent", &goBrowser{decision: "deny"}, core.EUNAUTHORIZED, "was not allowed in the browser"},
		// An attacker's challenge replaces ours on the way to the provider:
		// the code is bound to a verifier Turnout does not hold.
		{"PKCE verifier mismatch", &goBrowser{decision: "allow", tamper: func(u *url.URL) {
			q := u.Query()
			q.Set("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
			u.RawQuery = q.Encode()
		}}, core.EUNAUTHORIZED, "PKCE check failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fake, srv := emulator(t)
			p := provider(fake, srv.URL)
			a, err := oauth.Start(p, tc.browser.open, oauth.Options{Timeout: 10 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			check(t, a, tc.code, tc.contains)
			st := fake.UserOAuthStats()
			if st.Exchanges != 0 {
				t.Error("a code was exchanged")
			}
			if tc.browser.tamper != nil && st.InvalidGrants != 1 {
				t.Errorf("emulator did not refuse the verifier: %+v", st)
			}
		})
	}
}

func check(t *testing.T, a *oauth.Attempt, code, contains string) {
	t.Helper()
	tok, err := a.Wait(context.Background())
	if tok != nil || err == nil {
		t.Fatalf("got a token, err %v", err)
	}
	var ce *core.Error
	if !errors.As(err, &ce) || ce.Code != code || !strings.Contains(ce.Message, contains) {
		t.Fatalf("err = %#v, want %s containing %q", err, code, contains)
	}
	if !strings.Contains(ce.Message, "nothing was saved") {
		t.Errorf("message does not say nothing was saved: %q", ce.Message)
	}
}

func TestTimeoutAndCancel(t *testing.T) {
	fake, srv := emulator(t)
	p := provider(fake, srv.URL)
	a, err := oauth.Start(p, nil, oauth.Options{Timeout: 150 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = a.Wait(context.Background())
	if core.ErrorCode(err) != core.EUNAVAILABLE || !strings.Contains(err.Error(), "No answer from Zoom within 150ms") {
		t.Fatalf("timeout: %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("timeout took %v", d)
	}
	// The listener is gone: a late browser gets nothing.
	if resp, err := http.Get(a.RedirectURL + "?code=x&state=y"); err == nil {
		resp.Body.Close()
		t.Error("listener still answers after the timeout")
	}

	ctx, cancel := context.WithCancel(context.Background())
	a, err = oauth.Start(p, nil, oauth.Options{})
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err = a.Wait(ctx)
	if !errors.Is(err, context.Canceled) || !strings.Contains(core.ErrorMessage(err), "cancelled") {
		t.Fatalf("cancel: %v", err)
	}
}

func TestPortInUseIsAClearMessage(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	fake, srv := emulator(t)
	p := provider(fake, srv.URL)
	p.Port = port
	_, err = oauth.Start(p, func(string) error { t.Error("browser opened although the port is taken"); return nil }, oauth.Options{})
	want := "Port " + strconv.Itoa(port) + " is in use by another program; close it or choose another port in the account settings."
	if core.ErrorMessage(err) != want {
		t.Fatalf("got %q, want %q", core.ErrorMessage(err), want)
	}
}

func TestSecondCallbackEndsTheAttempt(t *testing.T) {
	fake, srv := emulator(t)
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(entered) })
		<-release
		fake.Handler().ServeHTTP(w, r)
	}))
	defer slow.Close()
	p := provider(fake, srv.URL)
	p.TokenURL = slow.URL + "/oauth/token"
	var loc string
	a, err := oauth.Start(p, func(raw string) error {
		u, _ := url.Parse(raw)
		loc = u.Query().Get("redirect_uri") + "?code=abc&state=" + url.QueryEscape(u.Query().Get("state"))
		return nil
	}, oauth.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		if resp, err := http.Get(loc); err == nil {
			resp.Body.Close()
		}
	}()
	<-entered
	resp, err := http.Get(loc)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	close(release)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(string(body), "already been answered") {
		t.Errorf("second callback: %d %s", resp.StatusCode, body)
	}
	_, err = a.Wait(context.Background())
	if !strings.Contains(core.ErrorMessage(err), "A second answer from the browser") {
		t.Fatalf("err = %v", err)
	}
}

func TestCallbackPageIsSelfContained(t *testing.T) {
	fake, srv := emulator(t)
	b := &goBrowser{decision: "allow"}
	a, err := oauth.Start(provider(fake, srv.URL), b.open, oauth.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-b.done
	if b.status != 200 || !strings.Contains(b.page, "You can close this tab") || !strings.Contains(b.page, "Turnout") {
		t.Fatalf("callback page %d: %s", b.status, b.page)
	}
	for _, ext := range []string{"http://", "https://", "src=", "<link", "@import"} {
		if strings.Contains(b.page, ext) {
			t.Errorf("callback page refers to an external asset (%s)", ext)
		}
	}
}

func TestOnlyHTTPSOrLoopback(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://zoom.us/oauth/authorize":     true,
		"http://127.0.0.1:8089/oauth/token":   true,
		"http://[::1]:8089/oauth/token":       true,
		"http://localhost:8089/x":             true,
		"http://zoom.us/oauth/authorize":      false,
		"javascript:alert(1)":                 false,
		"file:///etc/passwd":                  false,
		"ftp://example.org/":                  false,
		"http://127.0.0.1.evil.example/oauth": false,
	} {
		if err := oauth.CheckURL(raw); (err == nil) != ok {
			t.Errorf("CheckURL(%q) = %v, want ok=%t", raw, err, ok)
		}
	}
	p := oauth.Provider{Name: "Zoom", AuthURL: "http://zoom.us/oauth/authorize", TokenURL: "https://zoom.us/oauth/token"}
	if _, err := oauth.Start(p, func(string) error { t.Error("opened"); return nil }, oauth.Options{}); core.ErrorCode(err) != core.EINVALID {
		t.Errorf("plain http authorize URL accepted: %v", err)
	}
}

func TestBrowserThatCannotOpenLeavesTheURLToCopy(t *testing.T) {
	fake, srv := emulator(t)
	a, err := oauth.Start(provider(fake, srv.URL), func(string) error { return errors.New("no display") }, oauth.Options{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.Opened || a.OpenErr == nil || !strings.HasPrefix(a.URL, srv.URL+"/oauth/authorize?") {
		t.Fatalf("opened=%t err=%v url=%q", a.Opened, a.OpenErr, a.URL)
	}
	// Copying the URL into a browser by hand still works.
	b := &goBrowser{decision: "allow"}
	if err := b.open(a.URL); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}
