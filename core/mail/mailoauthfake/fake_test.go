package mailoauthfake_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail/mailoauthfake"
	"github.com/turnout-app/turnout/core/oauth"
)

func signIn(t *testing.T, f *mailoauthfake.Fake, app core.OAuthApp) (core.OAuthToken, error) {
	t.Helper()
	tok, err := oauth.Run(context.Background(), app, mailoauthfake.Consent("allow"), oauth.Options{Timeout: 10 * time.Second}, nil)
	return oauth.FromOAuth2(tok), err
}

// Microsoft: PKCE public client, SMTP.Send with offline_access, refresh
// tokens that rotate (the old one is refused), revocation → invalid_grant.
func TestMicrosoftIdentityPlatform(t *testing.T) {
	f := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Microsoft, ClientID: "cid", Users: []string{"a@example.org"}})
	srv := httptest.NewServer(f.Handler())
	defer srv.Close()
	app := core.OAuthApp{Name: "Microsoft 365", ClientID: "cid", AuthURL: srv.URL + "/common/oauth2/v2.0/authorize",
		TokenURL: srv.URL + "/common/oauth2/v2.0/token", Scopes: []string{mailoauthfake.MicrosoftSMTPScope, "offline_access"}}
	tok, err := signIn(t, f, app)
	if err != nil || tok.RefreshToken == "" || f.Check("a@example.org", tok.AccessToken) != nil {
		t.Fatalf("sign-in: %v (refresh %v)", err, tok.RefreshToken != "")
	}
	refresh := func(rt string) (*http.Response, error) {
		return http.PostForm(app.TokenURL, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {"cid"}})
	}
	resp, err := refresh(tok.RefreshToken)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("refresh: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	if resp, _ = refresh(tok.RefreshToken); resp.StatusCode != 400 {
		t.Fatalf("a rotated refresh token was accepted again: %d", resp.StatusCode)
	}
	// No offline_access: no refresh token. Wrong scope: refused.
	app.Scopes = []string{mailoauthfake.MicrosoftSMTPScope}
	if tok, err := signIn(t, f, app); err != nil || tok.RefreshToken != "" {
		t.Fatalf("without offline_access: %v, refresh %q", err, tok.RefreshToken)
	}
	app.Scopes = []string{"openid"}
	if _, err := signIn(t, f, app); err == nil || !strings.Contains(err.Error(), "invalid_scope") {
		t.Fatalf("without SMTP.Send: %v", err)
	}
}

// Google: a desktop client's secret is required; revoke ends the grant.
func TestGoogleOAuth(t *testing.T) {
	f := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Google, ClientID: "gid", ClientSecret: "gsecret", Users: []string{"a@example.org"}})
	srv := httptest.NewServer(f.Handler())
	defer srv.Close()
	app := core.OAuthApp{Name: "Google", ClientID: "gid", AuthURL: srv.URL + "/o/oauth2/v2/auth", TokenURL: srv.URL + "/token",
		RevokeURL: srv.URL + "/revoke", Scopes: []string{mailoauthfake.GoogleMailScope}, AuthParams: map[string]string{"access_type": "offline"}}
	if _, err := signIn(t, f, app); err == nil {
		t.Fatal("signed in without the client secret")
	}
	app.ClientSecret = "gsecret"
	tok, err := signIn(t, f, app)
	if err != nil || tok.RefreshToken == "" {
		t.Fatalf("sign-in: %v", err)
	}
	if err := oauth.Revoke(context.Background(), nil, app, tok.RefreshToken); err != nil {
		t.Fatal(err)
	}
	if f.Check("a@example.org", tok.AccessToken) == nil {
		t.Fatal("the access token outlived its revoked grant")
	}
}
