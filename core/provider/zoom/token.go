package zoom

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/granttoken"
)

// TokenSource hands out access tokens. Server-to-Server OAuth is built in
// (S2S); a browser sign-in's source is injected by the app (Config.Tokens).
type TokenSource = core.TokenSource

// S2S is a Server-to-Server OAuth token source (grant account_credentials,
// client ID and secret as Basic auth). It caches the token until 60 s
// before it expires. Safe for concurrent use; one fetch at a time.
type S2S = granttoken.Source

// NewS2S returns a token source for the OAuth host (e.g. https://zoom.us).
func NewS2S(hc *http.Client, oauthURL string, creds core.Credentials, name string, now func() time.Time) *S2S {
	return granttoken.New(hc, "zoom", name, now, func(ctx context.Context) (*http.Request, error) {
		q := url.Values{"grant_type": {"account_credentials"}, "account_id": {creds.AccountID}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, oauthURL+"/oauth/token?"+q.Encode(), nil)
		if err != nil {
			return nil, err
		}
		req.SetBasicAuth(creds.ClientID, creds.ClientSecret)
		return req, nil
	})
}
