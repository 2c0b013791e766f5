// Package oauthsandbox holds what Turnout's sign-in emulators (zoomfake,
// gotofake, rcfake, mailoauthfake, also the in-app Sandbox) share: the
// Sandbox's error page, the checks of an authorize request and of a token
// request (redirect address, PKCE, client authentication), and Consent, the
// browser without JavaScript tests use to pass a consent page.
//
// It is a library: it imports only the standard library, so every
// emulator may use it.
package oauthsandbox
