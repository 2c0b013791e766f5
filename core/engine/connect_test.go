package engine_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/zoom"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
	"github.com/turnout-app/turnout/store"
)

// oauthWorld is an engine wired for Zoom user OAuth against an emulator,
// with a JSON log file.
type oauthWorld struct {
	fake    *zoomfake.Server
	srv     *httptest.Server
	clock   *coretest.Clock
	path    string
	logPath string
	eng     *engine.Engine
	db      *store.DB
}

func newOAuthWorld(t *testing.T) *oauthWorld {
	t.Helper()
	w := &oauthWorld{fake: zoomfake.New(zoomfake.Options{}), clock: coretest.NewClock(time.Now().UTC().Truncate(time.Second))}
	w.srv = httptest.NewServer(w.fake.Handler())
	t.Cleanup(w.srv.Close)
	dir := t.TempDir()
	w.path, w.logPath = filepath.Join(dir, "turnout.db"), filepath.Join(dir, "turnout.log")
	w.open(t)
	return w
}

// open (re)starts the app on the same data file.
func (w *oauthWorld) open(t *testing.T) {
	t.Helper()
	db, err := store.Open(w.path)
	if err != nil {
		t.Fatal(err)
	}
	lf, err := os.OpenFile(w.logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close(); lf.Close() })
	app := func(a core.Account) core.OAuthApp {
		p := zoom.UserOAuth(a.OAuthURL, a.Credentials.ClientID, a.Credentials.ClientSecret, a.OAuthPort)
		p.Port = a.OAuthPort // tests take any free port
		return p
	}
	s2s := func(a core.Account) (core.Provider, error) {
		return zoom.New(zoom.Config{APIURL: a.APIURL, OAuthURL: a.OAuthURL, Credentials: a.Credentials}), nil
	}
	w.db = db
	w.eng = engine.New(db, engine.WithClock(w.clock), engine.WithLogger(slog.New(slog.NewJSONHandler(lf, nil))),
		engine.WithProviders(engine.ProviderOptions{Factories: map[core.ProviderKind]engine.ProviderFactory{core.ProviderZoom: s2s}}),
		engine.WithOAuth(engine.OAuthOptions{App: app}))
}

func (w *oauthWorld) restart(t *testing.T) {
	t.Helper()
	if err := w.db.Close(); err != nil {
		t.Fatal(err)
	}
	w.open(t)
}

func (w *oauthWorld) options() engine.ConnectOptions {
	c := w.fake.Credentials()
	return engine.ConnectOptions{OAuthURL: w.srv.URL, APIURL: w.srv.URL + "/v2", ClientID: c.ClientID,
		ClientSecret: c.ClientSecret, Timeout: 10 * time.Second}
}

func (w *oauthWorld) stored(t *testing.T, id core.ID) core.Account {
	t.Helper()
	var a core.Account
	if err := w.db.View(context.Background(), func(tx core.Tx) (err error) { a, err = tx.Account(id); return err }); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestConnectAccountSavesOnlyOnSuccess(t *testing.T) {
	w := newOAuthWorld(t)
	ctx := context.Background()
	_, err := w.eng.ConnectAccount(ctx, core.ProviderZoom, "Main Zoom", w.options(), zoomfake.Consent("deny"))
	wantCode(t, err, core.EUNAUTHORIZED)
	o := w.options()
	o.Timeout = 100 * time.Millisecond
	_, err = w.eng.ConnectAccount(ctx, core.ProviderZoom, "Main Zoom", o, func(string) error { return nil })
	wantCode(t, err, core.EUNAVAILABLE)
	if list, _ := w.eng.Accounts(ctx); len(list) != 0 {
		t.Fatalf("half-saved accounts after failed sign-ins: %v", list)
	}

	var shown string
	o = w.options()
	o.Shown = func(u string, opened bool) {
		if opened {
			shown = u
		}
	}
	a, err := w.eng.ConnectAccount(ctx, core.ProviderZoom, "Main Zoom", o, zoomfake.Consent("allow"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(shown, w.srv.URL+"/oauth/authorize?") {
		t.Errorf("Shown got %q", shown)
	}
	got := w.stored(t, a.ID)
	if got.Auth != core.AuthUser || got.ConnectedAs != w.fake.HostEmail() || len(got.Scopes) == 0 ||
		got.TokenExpiry.IsZero() || got.Token.RefreshToken == "" || got.NeedsReconnect || got.LastOKAt.IsZero() {
		t.Fatalf("stored account %#v", got)
	}
	if _, err := w.eng.TestAccount(ctx, a.ID); err != nil {
		t.Fatalf("a Zoom call with the user token failed: %v", err)
	}
	_, err = w.eng.ConnectAccount(ctx, core.ProviderZoom, "main zoom", w.options(), zoomfake.Consent("allow"))
	wantCode(t, err, core.ECONFLICT)
}

func TestRefreshRotationSurvivesRestart(t *testing.T) {
	w := newOAuthWorld(t)
	ctx := context.Background()
	a, err := w.eng.ConnectAccount(ctx, core.ProviderZoom, "Main Zoom", w.options(), zoomfake.Consent("allow"))
	if err != nil {
		t.Fatal(err)
	}
	first := w.stored(t, a.ID).Token
	w.clock.Add(59 * time.Minute) // within the refresh margin
	if _, err := w.eng.TestAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	second := w.stored(t, a.ID).Token
	if second.RefreshToken == first.RefreshToken || w.fake.RefreshTokenValid(first.RefreshToken) {
		t.Fatal("refresh token not rotated and saved")
	}

	w.restart(t) // the app quits and starts again on the same file
	if got := w.stored(t, a.ID).Token; got.RefreshToken != second.RefreshToken {
		t.Fatal("rotated refresh token lost across restart")
	}
	w.clock.Add(2 * time.Hour)
	if _, err := w.eng.TestAccount(ctx, a.ID); err != nil {
		t.Fatalf("after restart the saved refresh token was refused: %v", err)
	}
	third := w.stored(t, a.ID)
	if w.fake.UserOAuthStats().Refreshes != 2 || third.Token.RefreshToken == second.RefreshToken || third.NeedsReconnect {
		t.Fatalf("second refresh: stats %+v", w.fake.UserOAuthStats())
	}
	if !third.TokenExpiry.Equal(third.Token.Expiry) || !third.TokenExpiry.After(w.clock.Now()) {
		t.Errorf("token expiry %v not kept up to date", third.TokenExpiry)
	}
}

func TestInvalidGrantMarksReconnectAndOthersKeepWorking(t *testing.T) {
	w := newOAuthWorld(t)
	ctx := context.Background()
	a, err := w.eng.ConnectAccount(ctx, core.ProviderZoom, "Main Zoom", w.options(), zoomfake.Consent("allow"))
	if err != nil {
		t.Fatal(err)
	}
	other, err := w.eng.AddAccount(ctx, core.Account{Name: "S2S", Provider: core.ProviderZoom, Active: true,
		Credentials: w.fake.Credentials(), APIURL: w.srv.URL + "/v2", OAuthURL: w.srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	w.fake.RevokeAll() // the user removed Turnout in Zoom
	w.clock.Add(2 * time.Hour)
	_, err = w.eng.TestAccount(ctx, a.ID)
	want := "Reconnect Main Zoom: the provider no longer accepts Turnout's sign-in."
	if core.ErrorMessage(err) != want {
		t.Fatalf("err = %q, want %q", core.ErrorMessage(err), want)
	}
	got := w.stored(t, a.ID)
	if !got.NeedsReconnect || got.LastError != want {
		t.Fatalf("account not marked: reconnect=%t last=%q", got.NeedsReconnect, got.LastError)
	}
	if _, err := w.eng.TestAccount(ctx, other.ID); err != nil {
		t.Fatalf("another account stopped working: %v", err)
	}

	if _, err := w.eng.ReconnectAccount(ctx, a.ID, engine.ConnectOptions{Timeout: 10 * time.Second}, zoomfake.Consent("allow")); err != nil {
		t.Fatal(err)
	}
	if got := w.stored(t, a.ID); got.NeedsReconnect || got.LastError != "" {
		t.Fatalf("still marked after reconnect: %#v", got)
	}
	if _, err := w.eng.TestAccount(ctx, a.ID); err != nil {
		t.Fatalf("after reconnect: %v", err)
	}
}

func TestDisconnectRevokesAndForgets(t *testing.T) {
	w := newOAuthWorld(t)
	ctx := context.Background()
	a, err := w.eng.ConnectAccount(ctx, core.ProviderZoom, "Main Zoom", w.options(), zoomfake.Consent("allow"))
	if err != nil {
		t.Fatal(err)
	}
	rt := w.stored(t, a.ID).Token.RefreshToken
	a, warn, err := w.eng.DisconnectAccount(ctx, a.ID)
	if err != nil || warn != "" {
		t.Fatalf("disconnect: %v / %q", err, warn)
	}
	got := w.stored(t, a.ID)
	if !got.Token.Empty() || !got.NeedsReconnect || got.Active {
		t.Fatalf("tokens not forgotten: %#v", got)
	}
	if w.fake.RefreshTokenValid(rt) || w.fake.UserOAuthStats().Revocations != 1 {
		t.Error("grant not revoked at Zoom")
	}
	_, err = w.eng.TestAccount(ctx, a.ID)
	if !strings.HasPrefix(core.ErrorMessage(err), "Reconnect Main Zoom") {
		t.Errorf("disconnected account: %v", err)
	}
}

func TestNoTokenOrSecretInLogsOrExports(t *testing.T) {
	w := newOAuthWorld(t)
	ctx := context.Background()
	a, err := w.eng.ConnectAccount(ctx, core.ProviderZoom, "Main Zoom", w.options(), zoomfake.Consent("allow"))
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{w.fake.Credentials().ClientSecret}
	keep := func() {
		tok := w.stored(t, a.ID).Token
		secrets = append(secrets, tok.AccessToken, tok.RefreshToken)
	}
	keep()
	w.clock.Add(59 * time.Minute)
	if _, err := w.eng.TestAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	keep()
	w.fake.RevokeAll()
	w.clock.Add(2 * time.Hour)
	_, _ = w.eng.TestAccount(ctx, a.ID)
	if _, err := w.eng.ReconnectAccount(ctx, a.ID, engine.ConnectOptions{Timeout: 10 * time.Second}, zoomfake.Consent("allow")); err != nil {
		t.Fatal(err)
	}
	keep()
	if _, _, err := w.eng.DisconnectAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	list, _ := w.eng.Accounts(ctx)
	js, _ := json.Marshal(list)
	os.WriteFile(filepath.Join(dir, "accounts.json"), js, 0o600)
	ev := newEventOn(t, w.eng, w.clock.Now())
	mustAdd(t, w.eng, ev.ID, "ada@example.org", "Ada", "Lovelace")
	for _, f := range []core.ExportFormat{core.ExportCSV, core.ExportXLSX} {
		if _, err := w.eng.ExportFile(ctx, ev.ID, engine.GroupAll, f, filepath.Join(dir, "export."+string(f)), nil); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	files = append(files, w.logPath)
	logData, _ := os.ReadFile(w.logPath)
	if !strings.Contains(string(logData), "token refreshed") || !strings.Contains(string(logData), "account needs reconnect") {
		t.Fatalf("log does not record the token events:\n%s", logData)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if s == "" {
				t.Fatal("empty secret collected")
			}
			if strings.Contains(string(data), s) {
				t.Errorf("%s contains a token or secret", filepath.Base(f))
			}
		}
	}
}

func newEventOn(t *testing.T, eng *engine.Engine, now time.Time) core.Event {
	t.Helper()
	ev, err := eng.CreateEvent(context.Background(), core.Event{Title: "Webinar", Start: now.Add(48 * time.Hour),
		Duration: time.Hour, TimeZone: "UTC", Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}
