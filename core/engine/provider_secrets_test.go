package engine_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/gotowebinar"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
	"github.com/turnout-app/turnout/store"
)

// tokenTap records every token a token endpoint hands out, so a test can
// look for each of them afterwards.
type tokenTap struct {
	path   string
	shape  *regexp.Regexp
	mu     sync.Mutex
	tokens []string
}

func (tp *tokenTap) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != tp.path {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		tp.mu.Lock()
		tp.tokens = append(tp.tokens, tp.shape.FindAllString(rec.Body.String(), -1)...)
		tp.mu.Unlock()
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	})
}

func (tp *tokenTap) seen() []string {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return append([]string(nil), tp.tokens...)
}

// secretWorld is an engine logging to a file (without the app's
// redacting handler: the engine itself must not log a secret).
type secretWorld struct {
	eng     *engine.Engine
	dir     string
	logPath string
}

func newSecretWorld(t *testing.T, opts ...engine.Option) *secretWorld {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "turnout.log")
	lf, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(); lf.Close() })
	opts = append(opts, engine.WithLogger(slog.New(slog.NewJSONHandler(lf, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	return &secretWorld{eng: engine.New(db, opts...), dir: filepath.Join(dir, "out"), logPath: logPath}
}

// leaves writes what staff can take away (both exports of every group,
// the accounts and registrants as the command line's --json prints them,
// and each message they read) and checks that no secret is in it or in
// the log.
func (w *secretWorld) leaves(t *testing.T, eventID core.ID, messages []string, secrets []string) {
	t.Helper()
	ctx := context.Background()
	if err := os.MkdirAll(w.dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, g := range core.ExportGroups {
		for _, f := range []core.ExportFormat{core.ExportCSV, core.ExportXLSX} {
			if _, err := w.eng.ExportFile(ctx, eventID, g, f, filepath.Join(w.dir, string(g)+"."+string(f)), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	accs, _ := w.eng.Accounts(ctx)
	regs, _ := w.eng.Registrants(ctx, eventID)
	for name, v := range map[string]any{"accounts.json": accs, "registrants.json": regs, "messages.json": messages} {
		js, _ := json.Marshal(v)
		if err := os.WriteFile(filepath.Join(w.dir, name), js, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(w.dir, "*"))
	files = append(files, w.logPath)
	if len(secrets) < 4 {
		t.Fatalf("only %d secrets collected to look for", len(secrets))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if s == "" {
				t.Fatal("an empty secret was collected")
			}
			if strings.Contains(string(data), s) {
				t.Errorf("%s holds a secret (%.10s…)", filepath.Base(f), s)
			}
		}
	}
}

// GoTo's client secret and its access and refresh tokens (each rotation)
// never reach the log, the exports or what the command line prints:
// connect, push, cancel, a refresh, check-in, and a grant GoTo forgot.
func TestNoGoToSecretInLogsOrExports(t *testing.T) {
	clock := coretest.NewClock(time.Now().UTC().Truncate(time.Second))
	const secret = "goto-Secret-4Kq7-never-shown"
	fake := gotofake.New(gotofake.Options{Now: clock.Now, ClientID: "office-goto-client", ClientSecret: secret})
	tap := &tokenTap{path: "/oauth/token", shape: regexp.MustCompile(`gts[ar]\.[A-Za-z0-9_-]{20,}`)}
	srv := httptest.NewServer(tap.wrap(fake.Handler()))
	t.Cleanup(srv.Close)
	app := func(a core.Account) core.OAuthApp {
		p := gotowebinar.UserOAuth(a.OAuthURL, a.Credentials.ClientID, a.Credentials.ClientSecret, a.OAuthPort)
		p.Port = a.OAuthPort
		return p
	}
	w := newSecretWorld(t, engine.WithClock(clock), engine.WithProviders(engine.ProviderOptions{}), engine.WithOAuth(engine.OAuthOptions{App: app}))
	ctx := context.Background()
	a, err := w.eng.ConnectAccount(ctx, core.ProviderGoTo, "Alumni GoTo", engine.ConnectOptions{OAuthURL: srv.URL,
		APIURL: srv.URL + "/G2W/rest/v2", ClientID: "office-goto-client", ClientSecret: secret, Timeout: 10 * time.Second}, gotofake.Consent("allow"))
	if err != nil {
		t.Fatal(err)
	}
	start := clock.Now().Add(2 * time.Hour).Truncate(time.Minute)
	wk := fake.AddWebinar(gotofake.Webinar{Subject: "Secrets stay home", Times: []gotofake.Range{{Start: start, End: start.Add(time.Hour)}}})
	ev, _, err := w.eng.SaveLinkedEvent(ctx, core.Event{Location: core.Location{Provider: core.ProviderGoTo, AccountID: a.ID, ExternalID: strconv.FormatInt(wk, 10)}})
	if err != nil {
		t.Fatal(err)
	}
	ann := mustAdd(t, w.eng, ev.ID, "ann@example.org", "Ann", "Lee")
	bob := mustAdd(t, w.eng, ev.ID, "bob@example.org", "Bob", "Ray")
	if _, err := w.eng.PushEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.eng.CancelRegistrant(ctx, ev.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.eng.PushEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	fake.Hold(wk, start, start.Add(time.Hour), fake.Attend(wk, ann.Email, start, 50*time.Minute))
	clock.Add(4 * time.Hour) // the access token expired: the next call refreshes
	res, err := w.eng.CheckInEvent(ctx, ev.ID, nil)
	if err != nil || res.Attended != 1 {
		t.Fatalf("check-in %+v %v", res, err)
	}
	messages := []string{res.Summary()}
	fake.ForgetGrants() // the organizer removed the app at GoTo
	clock.Add(2 * time.Hour)
	if _, err := w.eng.TestAccount(ctx, a.ID); err == nil {
		t.Fatal("a call worked after GoTo forgot the grant")
	} else {
		messages = append(messages, core.ErrorMessage(err))
	}
	if st := fake.Stats(); st.Refreshes == 0 {
		t.Fatalf("no token was refreshed: %+v", st)
	}
	if len(tap.seen()) < 4 {
		t.Fatalf("GoTo handed out %d tokens, want the first pair and a rotated one", len(tap.seen()))
	}
	w.leaves(t, ev.ID, messages, append([]string{secret}, tap.seen()...))
}

// RingCentral's client secret, JWT credential and access tokens never
// reach the log, the exports or what the command line prints: push,
// check-in, an expired token granted again, and an account whose JWT
// RingCentral refuses.
func TestNoRingCentralSecretInLogsOrExports(t *testing.T) {
	const secret, jwt = "rc-Secret-8Zt3-never-shown", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MDAxMzEyMzQwMDgifQ.S1gn4tureNeverShown-77"
	fake := rcfake.New(rcfake.Options{HeavyLimit: 10, Window: time.Second, ClientID: "rc-client", ClientSecret: secret, JWT: jwt})
	tap := &tokenTap{path: "/restapi/oauth/token", shape: regexp.MustCompile(`sbx[ar]\.[A-Za-z0-9_-]{20,}`)}
	srv := httptest.NewServer(tap.wrap(fake.Handler()))
	t.Cleanup(srv.Close)
	start := time.Now().Add(-2 * time.Hour).Truncate(time.Minute).UTC()
	wid, sid := fake.AddWebinar("Secrets stay home", start, time.Hour)
	w := newSecretWorld(t, engine.WithProviders(engine.ProviderOptions{Workers: 2}))
	ctx := context.Background()
	a, err := w.eng.AddAccount(ctx, core.Account{Name: "Main RC", Provider: core.ProviderRingCentral, Active: true,
		Credentials: core.Credentials{ClientID: "rc-client", ClientSecret: secret, JWT: jwt}, APIURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	ev, _, err := w.eng.SaveLinkedEvent(ctx, core.Event{Location: core.Location{Provider: core.ProviderRingCentral,
		AccountID: a.ID, ExternalID: wid, ExternalID2: sid}})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, w.eng, ev.ID, "ann@example.org", "Ann", "Lee")
	mustAdd(t, w.eng, ev.ID, "bob@example.org", "Bob", "Ray")
	if sum, err := w.eng.PushEvent(ctx, ev.ID); err != nil || sum.Pushed != 2 {
		t.Fatalf("push %+v %v", sum, err)
	}
	fake.Finish(sid, rcfake.Device{Email: "ann@example.org", FirstName: "Ann", LastName: "Lee", Join: start, Leave: start.Add(50 * time.Minute)})
	fake.ExpireTokens() // the next call is granted a new token with the JWT
	res, err := w.eng.CheckInEvent(ctx, ev.ID, nil)
	if err != nil || res.Attended != 1 {
		t.Fatalf("check-in %+v %v", res, err)
	}
	messages := []string{res.Summary()}
	// An account whose secret and JWT RingCentral refuses.
	const badSecret, badJWT = "rc-Wrong-Secret-5Hx1", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3cm9uZyJ9.Wr0ngSignature-55"
	bad, err := w.eng.AddAccount(ctx, core.Account{Name: "Old RC", Provider: core.ProviderRingCentral, Active: true,
		Credentials: core.Credentials{ClientID: "rc-client", ClientSecret: badSecret, JWT: badJWT}, APIURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.eng.TestAccount(ctx, bad.ID); err == nil {
		t.Fatal("RingCentral took a wrong JWT")
	} else {
		messages = append(messages, core.ErrorMessage(err))
	}
	if fake.Stats().JWTGrants < 2 {
		t.Fatalf("the JWT was granted %d times, want a new grant after the tokens expired", fake.Stats().JWTGrants)
	}
	if len(tap.seen()) < 2 {
		t.Fatalf("RingCentral handed out %d tokens, want one per grant", len(tap.seen()))
	}
	w.leaves(t, ev.ID, messages, append([]string{secret, jwt, badSecret, badJWT}, tap.seen()...))
}
