// Package oauthpage holds what Turnout's sign-in emulators (zoomfake,
// gotofake, rcfake, mailoauthfake, also the in-app Sandbox) share about
// their OAuth consent pages: the Sandbox's error page, and Consent, the
// browser without JavaScript tests use to pass such a page.
//
// It is a library: it imports only the standard library, so every
// emulator may use it.
package oauthpage
