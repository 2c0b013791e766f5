package cli

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

const chromium = "/usr/bin/chromium"

// headlessBrowser writes a $BROWSER script that starts headless Chromium
// with a fresh profile on the URL it is given, and stops it when the
// test ends.
func headlessBrowser(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("this test needs Chromium as the system browser: %s is missing (apt-get install -y chromium): %v", chromium, err)
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "browser.sh")
	body := `#!/bin/sh
prof=$(mktemp -d)
echo "$prof" > "` + dir + `/profile"
` + chromium + ` --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$prof" "$1" >"` + dir + `/chromium.log" 2>&1 &
echo $! > "` + dir + `/chromium.pid"
`
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if b, err := os.ReadFile(filepath.Join(dir, "chromium.pid")); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && pid > 0 {
				_ = syscall.Kill(pid, syscall.SIGTERM)
				for i := 0; i < 50 && syscall.Kill(pid, 0) == nil; i++ {
					time.Sleep(100 * time.Millisecond)
				}
			}
		}
		if b, err := os.ReadFile(filepath.Join(dir, "profile")); err == nil {
			if p := strings.TrimSpace(string(b)); strings.HasPrefix(p, os.TempDir()) {
				os.RemoveAll(p)
			}
		}
	})
	return script
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// seen records who asked an emulator for its authorize page and form, and
// the tokens its token endpoint handed out (what pattern matches), so a
// test can check a real browser answered and look for the tokens in output.
type seen struct {
	pattern *regexp.Regexp

	mu     sync.Mutex
	agents []string
	tokens []string
}

var sandboxToken = regexp.MustCompile(`sbx[ur]\.[A-Za-z0-9_-]{20,}`)

// wrap serves h, watching every emulator's /oauth/authorize and
// /oauth/token (RingCentral's under /restapi).
func (s *seen) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/oauth/authorize") {
			s.mu.Lock()
			s.agents = append(s.agents, r.Method+" "+r.UserAgent())
			s.mu.Unlock()
		}
		if !strings.HasSuffix(r.URL.Path, "/oauth/token") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		s.mu.Lock()
		s.tokens = append(s.tokens, s.pattern.FindAllString(rec.Body.String(), -1)...)
		s.mu.Unlock()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
}

// TestConnectZoomWithHeadlessChromium is the whole story with a real
// browser: "turnout account connect zoom" opens Chromium through
// $BROWSER; Chromium loads the emulator's authorize page, presses Allow
// (the page's own script clicks the button once loaded), follows the
// redirect to Turnout's loopback listener; the account is saved, a Zoom
// call succeeds, and no token shows in the log or the JSON listing.
func TestConnectZoomWithHeadlessChromium(t *testing.T) {
	t.Setenv("BROWSER", headlessBrowser(t))
	fake := zoomfake.New(zoomfake.Options{})
	fake.SetAutoConsent("allow")
	who := seen{pattern: sandboxToken}
	srv := httptest.NewServer(who.wrap(fake.Handler()))
	defer srv.Close()
	data := dataFile(t)
	port := freePort(t)
	fake.SetRedirectURLs("http://127.0.0.1:" + strconv.Itoa(port) + "/oauth/callback") // exact match, as Zoom does

	start := time.Now()
	code, out, errOut := run(t, "--data", data, "account", "connect", "zoom", "--name", "Main Zoom",
		"--oauth-url", srv.URL, "--api-url", srv.URL+"/v2", "--client-id", fake.Credentials().ClientID,
		"--port", strconv.Itoa(port), "--timeout", "60s")
	elapsed := time.Since(start)
	if code != 0 {
		t.Fatalf("connect: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	t.Logf("connected through headless Chromium in %v", elapsed.Round(time.Millisecond))
	if !strings.Contains(out, `Account "Main Zoom" connected as `+fake.HostEmail()) {
		t.Errorf("stdout: %s", out)
	}
	if !strings.Contains(errOut, srv.URL+"/oauth/authorize?") {
		t.Errorf("the sign-in address was not shown to copy: %s", errOut)
	}
	who.mu.Lock()
	agents := strings.Join(who.agents, "\n")
	who.mu.Unlock()
	if !strings.Contains(agents, "GET ") || !strings.Contains(agents, "POST ") || !strings.Contains(agents, "HeadlessChrome") {
		t.Errorf("the authorize page was not loaded and submitted by Chromium:\n%s", agents)
	}
	if st := fake.UserOAuthStats(); st.Pages < 1 || st.Allowed != 1 || st.Exchanges != 1 {
		t.Errorf("emulator saw %+v", st)
	}

	// A Zoom call with the user's token.
	if out := mustRun(t, "--data", data, "account", "test", "Main Zoom"); !strings.Contains(out, "works") {
		t.Errorf("account test: %s", out)
	}
	// The tokens Turnout holds are not in the data file.
	who.mu.Lock()
	tokens := append([]string(nil), who.tokens...)
	who.mu.Unlock()
	if len(tokens) == 0 {
		t.Fatal("the emulator handed out no token to look for")
	}
	raw, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range tokens {
		if strings.Contains(string(raw), tok) {
			t.Errorf("a token is in the data file in clear text")
		}
	}
	listing := mustRun(t, "--data", data, "--json", "account", "list")
	if !strings.Contains(listing, `"connected_as": "`+fake.HostEmail()+`"`) || !strings.Contains(listing, `"auth": "user"`) {
		t.Errorf("listing: %s", listing)
	}
	// Disconnect revokes at the emulator.
	mustRun(t, "--data", data, "account", "disconnect", "Main Zoom")
	if fake.UserOAuthStats().Revocations != 1 {
		t.Error("disconnect did not revoke")
	}

	logData, err := os.ReadFile(filepath.Join(filepath.Dir(data), "turnout.log"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logData), "account connected") {
		t.Errorf("log lacks the connection: %s", logData)
	}
	for _, tok := range tokens {
		for name, text := range map[string]string{"log": string(logData), "listing": listing, "stdout": out, "stderr": errOut} {
			if strings.Contains(text, tok) {
				t.Errorf("a token appears in the %s", name)
			}
		}
	}
}

// TestConnectWithoutBrowserPrintsTheAddress: when no browser can be
// started the address is printed to copy, and a port in use is a clear
// one-line message.
func TestConnectWithoutBrowserPrintsTheAddress(t *testing.T) {
	t.Setenv("BROWSER", "/nonexistent/browser")
	fake := zoomfake.New(zoomfake.Options{})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	data := dataFile(t)
	code, _, errOut := run(t, "--data", data, "account", "connect", "zoom", "--name", "Main", "--oauth-url", srv.URL,
		"--client-id", "sandbox-client", "--port", strconv.Itoa(freePort(t)), "--timeout", "300ms")
	if code != 1 || !strings.Contains(errOut, "Could not open a browser. Open this address") ||
		!strings.Contains(errOut, srv.URL+"/oauth/authorize?") || !strings.Contains(errOut, "No answer from Zoom within 300ms") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out := mustRun(t, "--data", data, "account", "list"); !strings.Contains(out, "No accounts yet") {
		t.Errorf("an account was saved: %s", out)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	code, _, errOut = run(t, "--data", data, "account", "connect", "zoom", "--name", "Main", "--oauth-url", srv.URL,
		"--client-id", "sandbox-client", "--port", port)
	want := "turnout: Port " + port + " is in use by another program; close it or choose another port in the account settings.\n"
	if code != 1 || errOut != want {
		t.Fatalf("port in use: exit %d %q", code, errOut)
	}
}
