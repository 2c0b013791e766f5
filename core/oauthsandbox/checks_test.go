package oauthsandbox_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core/oauthsandbox"
)

func TestPKCEOKFollowsRFC7636(t *testing.T) {
	// s256 is base64url(sha256(verifier)), without padding.
	const verifier, s256 = "dBjftJeZ4CVP-mJ92K9ZHFDtmXrXhkYjOQK2JwhIqWw", "EsRZa3y74vLVIAjY5dS4Ici4OrXMSVdD4ON8HzpDVaA"
	tests := []struct {
		method, challenge, verifier string
		ok                          bool
	}{
		{"S256", s256, verifier, true},
		{"S256", s256, verifier + "x", false},
		{"S256", s256, "", false},
		{"plain", "abc", "abc", true},
		{"", "abc", "abc", true}, // no method is plain
		{"plain", "abc", "abd", false},
		{"S256", verifier, verifier, false},
	}
	for _, tt := range tests {
		if got := oauthsandbox.PKCEOK(tt.method, tt.challenge, tt.verifier); got != tt.ok {
			t.Errorf("PKCEOK(%q, %q, %q) = %v", tt.method, tt.challenge, tt.verifier, got)
		}
	}
}

func TestLoopbackRedirectTakesOnlyThisComputerOrHTTPSWhenAllowed(t *testing.T) {
	tests := []struct {
		raw         string
		https, want bool
	}{
		{"http://127.0.0.1:5555/callback", false, true},
		{"http://localhost:5555/callback", false, true},
		{"http://[::1]:5555/callback", false, true},
		{"http://example.org/callback", false, false},
		{"https://example.org/callback", false, false},
		{"https://example.org/callback", true, true},
		{"http://example.org/callback", true, false},
		{"ftp://127.0.0.1/callback", true, false},
		{"::not a url", true, false},
	}
	for _, tt := range tests {
		if got := oauthsandbox.LoopbackRedirect(tt.raw, tt.https); got != tt.want {
			t.Errorf("LoopbackRedirect(%q, %v) = %v", tt.raw, tt.https, got)
		}
	}
}

func TestClientAuthTellsConfidentialFromPublicClients(t *testing.T) {
	tests := []struct {
		name               string
		user, pass, form   string
		wantPublic, wantOK bool
	}{
		{"right secret", "app", "s3cret", "", false, true},
		{"wrong secret", "app", "guess", "", false, false},
		{"public client", "", "", "client_id=app", true, true},
		{"unknown public client", "", "", "client_id=other", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/oauth/token", strings.NewReader(tt.form))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			if tt.user != "" {
				r.SetBasicAuth(tt.user, tt.pass)
			}
			public, ok := oauthsandbox.ClientAuth(r, "app", "s3cret")
			if public != tt.wantPublic || ok != tt.wantOK {
				t.Fatalf("public %v ok %v", public, ok)
			}
		})
	}
}
