package ringcentral

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/granttoken"
)

// JWTSource gets access tokens with the JWT bearer grant: the client ID
// and secret as Basic auth and the account's JWT credential as the
// assertion. The JWT is re-presented for every new token, so no refresh
// token needs keeping. It caches the token until shortly before expiry.
type JWTSource = granttoken.Source

// NewJWTSource returns a token source for the OAuth host (e.g.
// https://platform.ringcentral.com).
func NewJWTSource(hc *http.Client, oauthURL string, creds core.Credentials, name string, now func() time.Time) *JWTSource {
	return granttoken.New(hc, "ringcentral", name, now, func(ctx context.Context) (*http.Request, error) {
		form := url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {creds.JWT}}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, oauthURL+"/restapi/oauth/token", strings.NewReader(form.Encode()))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "application/json")
		req.SetBasicAuth(creds.ClientID, creds.ClientSecret)
		return req, nil
	})
}
