package oauth_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/oauth"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

// signIn runs a whole sign-in against the emulator.
func signIn(t *testing.T, fake *zoomfake.Server, base string) (oauth.Provider, core.OAuthToken) {
	t.Helper()
	p := provider(fake, base)
	b := &goBrowser{decision: "allow"}
	tok, err := oauth.Run(context.Background(), p, b.open, oauth.Options{Timeout: 10 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p, oauth.FromOAuth2(tok)
}

func TestSourceRefreshesEarlyAndSavesRotatedToken(t *testing.T) {
	fake, srv := emulator(t)
	p, tok := signIn(t, fake, srv.URL)
	clock := coretest.NewClock(time.Now())
	var mu sync.Mutex
	var saved []core.OAuthToken
	s := oauth.NewSource(oauth.SourceConfig{Provider: p, Account: "Main", Token: tok,
		Now: clock.Now,
		Save: func(_ context.Context, t core.OAuthToken) error {
			mu.Lock()
			defer mu.Unlock()
			saved = append(saved, t)
			return nil
		}})
	got, err := s.TokenContext(context.Background())
	if err != nil || got.AccessToken != tok.AccessToken || len(saved) != 0 {
		t.Fatalf("fresh token not reused: %v, %d saves", err, len(saved))
	}
	clock.Set(tok.Expiry.Add(-time.Minute)) // inside the 2-minute margin
	var wg sync.WaitGroup
	for range 8 { // concurrent callers share one refresh
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.AccessToken(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if st := fake.UserOAuthStats(); st.Refreshes != 1 {
		t.Fatalf("refreshes = %d, want 1", st.Refreshes)
	}
	if len(saved) != 1 || saved[0].RefreshToken == tok.RefreshToken || saved[0].RefreshToken == "" {
		t.Fatalf("rotated refresh token not saved (%d saves)", len(saved))
	}
	if fake.RefreshTokenValid(tok.RefreshToken) || !fake.RefreshTokenValid(saved[0].RefreshToken) {
		t.Error("emulator did not rotate the refresh token")
	}
}

func TestSourceSaveFailureKeepsTheNewToken(t *testing.T) {
	fake, srv := emulator(t)
	p, tok := signIn(t, fake, srv.URL)
	tok.AccessToken = "" // force a refresh
	fail := true
	var saved core.OAuthToken
	s := oauth.NewSource(oauth.SourceConfig{Provider: p, Account: "Main", Token: tok,
		Save: func(_ context.Context, t core.OAuthToken) error {
			if fail {
				return core.Errorf(core.EUNAVAILABLE, "disk full")
			}
			saved = t
			return nil
		}})
	if _, err := s.TokenContext(context.Background()); err == nil {
		t.Fatal("save failure not reported")
	}
	fail = false
	got, err := s.TokenContext(context.Background())
	if err != nil || saved.RefreshToken != got.RefreshToken || !fake.RefreshTokenValid(saved.RefreshToken) {
		t.Fatalf("new token lost after a failed save: %v", err)
	}
	if fake.UserOAuthStats().Refreshes != 1 {
		t.Error("refreshed twice: the first rotated token was thrown away")
	}
}

func TestInvalidGrantAsksForReconnect(t *testing.T) {
	fake, srv := emulator(t)
	p, tok := signIn(t, fake, srv.URL)
	fake.RevokeAll() // the user removed the app at Zoom
	tok.AccessToken = ""
	var revoked atomic.Int32
	s := oauth.NewSource(oauth.SourceConfig{Provider: p, Account: "Main Zoom", Token: tok,
		Save:    func(context.Context, core.OAuthToken) error { t.Error("saved after invalid_grant"); return nil },
		Revoked: func(context.Context, error) { revoked.Add(1) }})
	for range 3 {
		_, err := s.TokenContext(context.Background())
		var ce *core.Error
		if !errors.As(err, &ce) || ce.Code != core.EUNAUTHORIZED ||
			ce.Message != "Reconnect Main Zoom: the provider no longer accepts Turnout's sign-in." {
			t.Fatalf("err = %v", err)
		}
	}
	if revoked.Load() != 1 || fake.UserOAuthStats().InvalidGrants != 1 {
		t.Errorf("revoked told %d times, emulator asked %d times", revoked.Load(), fake.UserOAuthStats().InvalidGrants)
	}
}

func TestZoomInvalidTokenIsInvalidGrant(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		w.Write([]byte(`{"reason":"Invalid Token!","error":"invalid_request"}`))
	}))
	defer srv.Close()
	conf := &oauth2.Config{ClientID: "c", Endpoint: oauth2.Endpoint{TokenURL: srv.URL}}
	_, err := conf.TokenSource(context.Background(), &oauth2.Token{RefreshToken: "old"}).Token()
	if !oauth.IsInvalidGrant(err) {
		t.Fatalf("Zoom's Invalid Token! not recognised: %v", err)
	}
	if oauth.IsInvalidGrant(errors.New("dial tcp: connection refused")) {
		t.Error("network error taken for invalid_grant")
	}
}

func TestRevokeForgetsTheGrant(t *testing.T) {
	fake, srv := emulator(t)
	p, tok := signIn(t, fake, srv.URL)
	if err := oauth.Revoke(context.Background(), nil, p, tok.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if fake.RefreshTokenValid(tok.RefreshToken) || fake.UserOAuthStats().Revocations != 1 {
		t.Error("refresh token still valid after revoke")
	}
	if err := oauth.Revoke(context.Background(), nil, oauth.Provider{}, "x"); err != nil {
		t.Errorf("provider without revoke endpoint: %v", err)
	}
}
