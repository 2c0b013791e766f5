package mailoauthfake

import "github.com/turnout-app/turnout/core/oauthsandbox"

// Consent is the browser without JavaScript tests pass this emulator's
// authorize page with (oauthsandbox.Consent): decision is "allow" or "deny".
func Consent(decision string) func(authorizeURL string) error {
	return oauthsandbox.Consent(decision)
}
