package zoomfake

import "github.com/turnout-app/turnout/core/oauthpage"

// Consent is the browser without JavaScript tests pass this emulator's
// authorize page with (oauthpage.Consent): decision is "allow" or "deny".
func Consent(decision string) func(authorizeURL string) error {
	return oauthpage.Consent(decision)
}
