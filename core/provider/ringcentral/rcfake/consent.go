package rcfake

import "github.com/turnout-app/turnout/core/oauthsandbox"

// Consent is the browser without JavaScript tests pass this emulator's
// authorize page with (oauthsandbox.Consent): decision is "allow" or "deny".
func Consent(decision string) func(authorizeURL string) error {
	return oauthsandbox.Consent(decision)
}

// RevokeAll ends every session, as if the user removed the app.
func (s *Server) RevokeAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
	clear(s.oauth.refresh)
}
