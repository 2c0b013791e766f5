package engine_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/ringcentral"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
	"github.com/turnout-app/turnout/store"
)

// TestRingCentralBrowserSignInRotatesAndReconnects: a public client signs
// in with PKCE (no secret kept); a refresh rotates the single-use refresh
// token and saves it; once RingCentral forgets the grant the account says
// "Reconnect", and connecting again brings it back with its events.
func TestRingCentralBrowserSignInRotatesAndReconnects(t *testing.T) {
	clock := coretest.NewClock(time.Now().UTC().Truncate(time.Second))
	fake := rcfake.New(rcfake.Options{Now: clock.Now, HeavyLimit: 1000, Window: time.Second})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	app := func(a core.Account) core.OAuthApp {
		p := ringcentral.UserOAuth(a.OAuthURL, a.APIURL, a.Credentials.ClientID, a.OAuthPort)
		p.Port = a.OAuthPort // tests take any free port
		return p
	}
	eng := engine.New(db, engine.WithClock(clock), engine.WithProviders(engine.ProviderOptions{}), engine.WithOAuth(engine.OAuthOptions{App: app}))
	ctx := context.Background()
	o := engine.ConnectOptions{OAuthURL: srv.URL, APIURL: srv.URL, ClientID: fake.ClientID(), Timeout: 10 * time.Second}
	a, err := eng.ConnectAccount(ctx, core.ProviderRingCentral, "Browser RC", o, rcfake.Consent("allow"))
	if err != nil {
		t.Fatal(err)
	}
	stored := func() core.Account {
		var got core.Account
		if err := db.View(ctx, func(tx core.Tx) (err error) { got, err = tx.Account(a.ID); return err }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	first := stored()
	if first.Auth != core.AuthUser || first.Token.RefreshToken == "" || first.Credentials.ClientSecret != "" || fake.Stats().Exchanges != 1 {
		t.Fatalf("stored %+v", first)
	}
	clock.Add(59 * time.Minute) // within the refresh margin
	if _, err := eng.TestAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	second := stored()
	if second.Token.RefreshToken == first.Token.RefreshToken || fake.RefreshTokenValid(first.Token.RefreshToken) || fake.Stats().Refreshes != 1 {
		t.Fatal("the refresh token was not rotated and saved")
	}
	fake.RevokeAll()
	clock.Add(2 * time.Hour)
	if _, err := eng.TestAccount(ctx, a.ID); err == nil || !strings.Contains(core.ErrorMessage(err), "Reconnect Browser RC") {
		t.Fatalf("after RingCentral forgot the grant: %v", err)
	}
	if got := stored(); !got.NeedsReconnect {
		t.Fatal("the account does not say it needs a reconnect")
	}
	if _, err := eng.ReconnectAccount(ctx, a.ID, engine.ConnectOptions{Timeout: 10 * time.Second}, rcfake.Consent("allow")); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.TestAccount(ctx, a.ID); err != nil || stored().NeedsReconnect {
		t.Fatalf("after reconnecting: %v", err)
	}
}
