package core

import (
	"time"
)

// ConnectOptions are what staff give when connecting in the browser.
type ConnectOptions struct {
	APIURL, OAuthURL string // "" = the provider's real addresses
	ClientID         string
	ClientSecret     string // optional: public (PKCE-only) clients have none
	Port             int    // loopback redirect port; 0 = the provider's default
	Timeout          time.Duration
	// Shown is told the sign-in URL before waiting, and whether the
	// browser opened; when it did not, show the URL to copy.
	Shown func(url string, opened bool)
	// JWT is a JWT credential given again when reconnecting a keys
	// account that signs in with one (RingCentral); "" keeps the stored one.
	JWT string
}
