package cli

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
)

// rcStage is rcfake behind httptest with a one-second Heavy window and a
// session that ran two hours ago, recording every token it hands out.
type rcStage struct {
	fake     *rcfake.Server
	srv      *httptest.Server
	wid, sid string
	start    time.Time

	who seen // the tokens it hands out
}

var rcToken = regexp.MustCompile(`sbx[ar]\.[A-Za-z0-9_-]{20,}`)

func newRCStage(t *testing.T) *rcStage {
	t.Helper()
	st := &rcStage{fake: rcfake.New(rcfake.Options{HeavyLimit: 10, Window: time.Second, Now: coretest.Now})}
	st.start = coretest.Now().Add(-2 * time.Hour).Truncate(time.Minute).UTC()
	st.wid, st.sid = st.fake.AddWebinar("Alumni Book Club", st.start, time.Hour)
	st.who.pattern = rcToken
	st.srv = httptest.NewServer(st.who.wrap(st.fake.Handler()))
	t.Cleanup(st.srv.Close)
	return st
}

// story links an event to the session through account, pushes 100
// people, ends the session, checks in and exports, and checks that no
// secret shows anywhere.
func (st *rcStage) story(t *testing.T, data, account string, secrets ...string) {
	t.Helper()
	var all strings.Builder
	step := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, append([]string{"--data", data}, args...)...)
		all.WriteString(out + errOut)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s\n%s", args, code, out, errOut)
		}
		return out
	}
	id := strings.TrimSpace(step("event", "add", "--provider", "ringcentral", "--xid", st.wid, "--xid2", st.sid, "--account", account))
	csv := filepath.Join(t.TempDir(), "people.csv")
	var b strings.Builder
	b.WriteString("Email,First name,Last name,Source\n")
	for i := range 100 {
		fmt.Fprintf(&b, "reader%d@example.org,Reader,No%d,%s\n", i, i, []string{"Spring newsletter", "Website"}[i%2])
	}
	if err := os.WriteFile(csv, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	step("registrant", "import", "--event", id, csv)
	began := time.Now()
	out := step("push", "--event", id)
	t.Logf("push of 100 took %v: %s", time.Since(began).Round(time.Millisecond), strings.TrimSpace(out))
	regs := st.fake.Registrants(st.sid)
	if len(regs) != 100 {
		t.Fatalf("RingCentral has %d registrants", len(regs))
	}
	for _, x := range regs {
		n, _ := strconv.Atoi(strings.TrimPrefix(x.LastName, "No"))
		if !strings.HasPrefix(x.ExternalID, "turnout-"+id+"-") || x.Source != []string{"Spring newsletter", "Website"}[n%2] {
			t.Fatalf("registrant %s: externalId %q source %q", x.Email, x.ExternalID, x.Source)
		}
	}
	var devices []rcfake.Device
	for i := range 30 {
		devices = append(devices, rcfake.Device{Email: fmt.Sprintf("reader%d@example.org", i), FirstName: "Reader",
			LastName: fmt.Sprint(i), Join: st.start, Leave: st.start.Add(45 * time.Minute)})
	}
	st.fake.Finish(st.sid, devices...)
	out = step("checkin", "--event", id)
	if !strings.Contains(out, "30") {
		t.Errorf("checkin: %s", out)
	}
	step("report", "--event", id)
	file := filepath.Join(t.TempDir(), "readers.csv")
	step("export", "--event", id, "--format", "csv", "--out", file, "--group", "attended")
	exported, err := os.ReadFile(file)
	if err != nil || strings.Count(string(exported), "@example.org") != 30 || !strings.Contains(string(exported), "Spring newsletter") {
		t.Fatalf("export: %v\n%.300s", err, exported)
	}
	if n := st.fake.Stats().TooMany; n != 0 {
		t.Errorf("%d answers 429", n)
	}
	logData, _ := os.ReadFile(filepath.Join(filepath.Dir(data), "turnout.log"))
	raw, _ := os.ReadFile(data)
	st.who.mu.Lock()
	secrets = append(secrets, st.who.tokens...)
	st.who.mu.Unlock()
	if len(secrets) < 2 {
		t.Fatal("no token was handed out to look for")
	}
	for _, s := range secrets {
		for name, text := range map[string]string{"output": all.String(), "log": string(logData), "export": string(exported), "data file": string(raw)} {
			if strings.Contains(text, s) {
				t.Errorf("a secret (%.8s…) appears in the %s", s, name)
			}
		}
	}
}

// TestRingCentralWithJWTEndToEnd: account add with the client secret on
// standard input and the JWT from a file, then the whole story.
func TestRingCentralWithJWTEndToEnd(t *testing.T) {
	st := newRCStage(t)
	data := dataFile(t)
	jwt := filepath.Join(t.TempDir(), "rc.jwt")
	if err := os.WriteFile(jwt, []byte(st.fake.JWT()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runIn(t, st.fake.ClientSecret()+"\n", "--data", data, "account", "add", "ringcentral", "--name", "Main RC",
		"--client-id", st.fake.ClientID(), "--client-secret-stdin", "--jwt-file", jwt, "--api-url", st.srv.URL)
	if code != 0 {
		t.Fatalf("account add: %s %s", out, errOut)
	}
	if out := mustRun(t, "--data", data, "account", "test", "Main RC"); !strings.Contains(out, "works") || st.fake.Stats().JWTGrants != 1 {
		t.Errorf("account test: %s (%d JWT grants)", out, st.fake.Stats().JWTGrants)
	}
	// A missing JWT file is a clear message that names the file only.
	code, _, errOut = runIn(t, "x\n", "--data", data, "account", "add", "ringcentral", "--name", "Other",
		"--client-id", "c", "--client-secret-stdin", "--jwt-file", jwt+".missing", "--api-url", st.srv.URL)
	if code == 0 || !strings.Contains(errOut, "could not read the jwt credential from "+jwt+".missing") {
		t.Errorf("missing JWT file: exit %d, %q", code, errOut)
	}
	for _, args := range [][]string{{"account", "list"}, {"--json", "account", "list"}, {"--json", "account", "test", "Main RC"}} {
		out := mustRun(t, append([]string{"--data", data}, args...)...)
		if strings.Contains(out, st.fake.JWT()) || strings.Contains(out, st.fake.ClientSecret()) {
			t.Errorf("%v shows a secret", args)
		}
	}
	st.story(t, data, "Main RC", st.fake.JWT(), st.fake.ClientSecret())
}

// TestRingCentralWithHeadlessChromiumEndToEnd: account connect opens
// headless Chromium as the system browser; the emulator's page allows;
// the public client exchanges the code with PKCE and no secret; then the
// whole story.
func TestRingCentralWithHeadlessChromiumEndToEnd(t *testing.T) {
	t.Setenv("BROWSER", headlessBrowser(t))
	st := newRCStage(t)
	st.fake.SetAutoConsent("allow")
	port := freePort(t)
	st.fake.SetRedirectURLs("http://127.0.0.1:" + strconv.Itoa(port) + "/oauth/callback")
	data := dataFile(t)
	code, out, errOut := run(t, "--data", data, "account", "connect", "ringcentral", "--name", "Browser RC",
		"--client-id", st.fake.ClientID(), "--oauth-url", st.srv.URL, "--api-url", st.srv.URL,
		"--port", strconv.Itoa(port), "--timeout", "60s")
	if code != 0 {
		t.Fatalf("connect: exit %d\n%s\n%s", code, out, errOut)
	}
	if s := st.fake.Stats(); s.Pages < 1 || s.Exchanges != 1 || s.JWTGrants != 0 {
		t.Errorf("emulator saw %+v", s)
	}
	st.story(t, data, "Browser RC")
}

// TestRingCentralKillDuringPushThenRestart: the push process is killed
// (SIGKILL) mid-push while creations are on the wire; the next push
// finishes with exactly one registrant each at RingCentral.
func TestRingCentralKillDuringPushThenRestart(t *testing.T) {
	fake := rcfake.New(rcfake.Options{HeavyLimit: 10, Window: time.Second, AddDelay: 30 * time.Millisecond, Now: coretest.Now})
	wid, sid := fake.AddWebinar("Alumni Book Club", coretest.Now().Add(48*time.Hour).Truncate(time.Minute), time.Hour)
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	data := dataFile(t)
	jwt := filepath.Join(t.TempDir(), "rc.jwt")
	os.WriteFile(jwt, []byte(fake.JWT()), 0o600)
	if code, _, errOut := runIn(t, fake.ClientSecret()+"\n", "--data", data, "account", "add", "ringcentral", "--name", "RC",
		"--client-id", fake.ClientID(), "--client-secret-stdin", "--jwt-file", jwt, "--api-url", srv.URL); code != 0 {
		t.Fatal(errOut)
	}
	id := strings.TrimSpace(mustRun(t, "--data", data, "event", "add", "--provider", "ringcentral", "--xid", wid, "--xid2", sid, "--account", "RC"))
	csv := filepath.Join(t.TempDir(), "people.csv")
	writeBigCSV(t, csv, 60)
	mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)

	killPushMidway(t, data, id, 25, 30*time.Second, func() int { return fake.Stats().Creates })
	before := len(fake.Registrants(sid))
	if before < 25 || before >= 60 {
		t.Fatalf("killed after %d registrants; want mid-push", before)
	}
	// A new process cannot know what the dead one used of the current
	// window (RingCentral tells only in answers): Turnout starts again
	// after the window, as staff reopening the app would, and from then
	// on it must draw no 429 at all. Any request of the dead process
	// (lookups too, not only creations) must have landed first: on a
	// loaded machine the server may read one from its socket late.
	for settled, last := 0, -1; settled < 10; time.Sleep(20 * time.Millisecond) {
		if n := fake.Stats().Requests; n == last {
			settled++
		} else {
			settled, last = 0, n
		}
	}
	time.Sleep(2 * time.Second) // two windows: the last one the dead process opened is over
	tooManyBefore := fake.Stats().TooMany
	out := mustRun(t, "--data", data, "push", "--event", id)
	if !strings.Contains(out, "0 couldn't be registered, 0 still waiting") {
		t.Fatalf("restart push: %s", out)
	}
	var emails []string
	for _, x := range fake.Registrants(sid) {
		emails = append(emails, x.Email)
	}
	if n := registeredOnce(t, emails); n != 60 || fake.Stats().TooMany != tooManyBefore {
		t.Fatalf("RingCentral has %d registrants, %d answers 429 after the restart", n, fake.Stats().TooMany-tooManyBefore)
	}
	t.Logf("killed with %d at RingCentral; the restart finished: %s", before, strings.TrimSpace(out))
}
