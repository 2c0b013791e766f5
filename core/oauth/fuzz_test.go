package oauth_test

import (
	"net"
	"net/url"
	"testing"

	"github.com/turnout-app/turnout/core/oauth"
)

// FuzzCheckURL: whatever address a provider setting holds, the browser is
// only ever sent to https or to plain http on a loopback address.
func FuzzCheckURL(f *testing.F) {
	for _, s := range []string{"https://zoom.us/oauth/authorize", "http://127.0.0.1:8089/x", "http://[::1]/", "http://zoom.us",
		"javascript:alert(1)", "HTTP://127.0.0.1/", "http://127.0.0.1@evil.example/", "http://localhost.evil.example/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if oauth.CheckURL(raw) != nil {
			return
		}
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("accepted unparsable %q", raw)
		}
		if u.Scheme == "https" {
			return
		}
		ip := net.ParseIP(u.Hostname())
		if u.Scheme != "http" || !(u.Hostname() == "localhost" || ip != nil && ip.IsLoopback()) {
			t.Fatalf("accepted %q (scheme %q host %q)", raw, u.Scheme, u.Hostname())
		}
	})
}
