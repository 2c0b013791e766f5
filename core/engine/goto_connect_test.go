package engine_test

import (
	"context"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/gotowebinar"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
	"github.com/turnout-app/turnout/store"
)

// Connecting a GoTo organizer keeps who it is from the token response
// (the organizer key exactly, above 2^53, and the email), and a refresh
// rotates the refresh token, saved with the account; a refused refresh
// marks the organizer "Reconnect needed".
func TestConnectGoToOrganizerKeepsItsKeysAndRotates(t *testing.T) {
	clock := coretest.NewClock(time.Now().UTC().Truncate(time.Second))
	fake := gotofake.New(gotofake.Options{Now: clock.Now})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	app := func(a core.Account) core.OAuthApp {
		p := gotowebinar.UserOAuth(a.OAuthURL, a.Credentials.ClientID, a.Credentials.ClientSecret, a.OAuthPort)
		p.Port = a.OAuthPort // any free port
		return p
	}
	eng := engine.New(db, engine.WithClock(clock), engine.WithProviders(engine.ProviderOptions{}), engine.WithOAuth(engine.OAuthOptions{App: app}))
	ctx := context.Background()
	o := engine.ConnectOptions{OAuthURL: srv.URL, APIURL: srv.URL + "/G2W/rest/v2", ClientID: fake.ClientID(),
		ClientSecret: fake.ClientSecret(), Timeout: 10 * time.Second}
	a, err := eng.ConnectAccount(ctx, core.ProviderGoTo, "Alumni GoTo", o, gotofake.Consent("allow"))
	if err != nil {
		t.Fatal(err)
	}
	var got core.Account
	stored := func() core.Account {
		t.Helper()
		if err := db.View(ctx, func(tx core.Tx) (err error) { got, err = tx.Account(a.ID); return err }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	got = stored()
	if got.ProviderIDs["organizer_key"] != "8439885694023999999" || got.ProviderIDs["account_key"] != "7209878915730016262" ||
		got.ConnectedAs != fake.Email() || got.Token.RefreshToken == "" {
		t.Fatalf("stored organizer: ids %v, connected as %q", got.ProviderIDs, got.ConnectedAs)
	}
	wk := fake.AddWebinar(gotofake.Webinar{Subject: "Linked", Times: []gotofake.Range{{Start: clock.Now().Add(24 * time.Hour), End: clock.Now().Add(25 * time.Hour)}}})
	if events, _, err := eng.ImportEvents(ctx, a.ID); err != nil || len(events) != 1 || events[0].Location.ExternalID != strconv.FormatInt(wk, 10) {
		t.Fatalf("import: %v %v", events, err)
	}
	// An hour later the access token has expired: the next call refreshes,
	// and the rotated refresh token is the one on disk.
	first := got.Token.RefreshToken
	clock.Add(61 * time.Minute)
	if _, err := eng.TestAccount(ctx, a.ID); err != nil {
		t.Fatalf("after the token expired: %v", err)
	}
	got = stored()
	if got.Token.RefreshToken == first || !fake.RefreshTokenValid(got.Token.RefreshToken) || fake.RefreshTokenValid(first) {
		t.Fatal("the rotated refresh token was not saved")
	}
	// The organizer removed the app at GoTo: the refresh is refused
	// (invalid_grant) and the organizer says it must be reconnected.
	fake.ForgetGrants()
	clock.Add(61 * time.Minute)
	if _, err := eng.TestAccount(ctx, a.ID); err == nil {
		t.Fatal("a call worked after GoTo forgot the grant")
	}
	if got = stored(); !got.NeedsReconnect || !strings.Contains(got.LastError, "Reconnect Alumni GoTo") {
		t.Fatalf("after invalid_grant: needs reconnect %v, %q", got.NeedsReconnect, got.LastError)
	}
}
