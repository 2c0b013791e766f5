package zoom

import (
	"context"
	"net/http"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// DefaultRedirectPort is the loopback port of Turnout's redirect URL
// (http://127.0.0.1:4199/oauth/callback). Zoom matches redirect URLs
// exactly, so the Zoom app must list this URL; the port can be changed
// per account.
const DefaultRedirectPort = 4199

// UserScopes are what user OAuth asks for: meetings, webinars, their
// registrants, participant reports, and the user's own profile (to show
// who connected).
var UserScopes = []string{"meeting:read", "meeting:write", "webinar:read", "webinar:write", "report:read:admin", "user:read"}

// UserOAuth describes Zoom's user OAuth for an account: authorize, token
// and revoke at the OAuth base URL ("" means DefaultOAuthURL). A client
// secret is optional (Zoom's public PKCE clients have none).
func UserOAuth(oauthURL, clientID, clientSecret string, port int) core.OAuthApp {
	base := strings.TrimRight(oauthURL, "/")
	if base == "" {
		base = DefaultOAuthURL
	}
	if port == 0 {
		port = DefaultRedirectPort
	}
	return core.OAuthApp{Name: "Zoom", AuthURL: base + "/oauth/authorize", TokenURL: base + "/oauth/token",
		RevokeURL: base + "/oauth/revoke", ClientID: clientID, ClientSecret: clientSecret, Scopes: UserScopes, Port: port}
}

// Me returns the email of the user the token belongs to (GET /users/me).
func (c *Client) Me(ctx context.Context) (string, error) {
	var out struct {
		Email string `json:"email"`
	}
	if err := c.do(ctx, Light, http.MethodGet, "/users/me", nil, nil, &out); err != nil {
		return "", err
	}
	return out.Email, nil
}
