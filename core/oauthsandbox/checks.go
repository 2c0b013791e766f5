package oauthsandbox

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
)

// PKCEOK checks a verifier against the challenge (RFC 7636 §4.6); an empty
// method is plain, the RFC's default.
func PKCEOK(method, challenge, verifier string) bool {
	if verifier == "" {
		return false
	}
	if method == "" || method == "plain" {
		return subtle.ConstantTimeCompare([]byte(verifier), []byte(challenge)) == 1
	}
	sum := sha256.Sum256([]byte(verifier))
	return subtle.ConstantTimeCompare([]byte(base64.RawURLEncoding.EncodeToString(sum[:])), []byte(challenge)) == 1
}

// ClientAuth checks a token request's Basic client authentication, or, with
// none, a public client's client_id in the form.
func ClientAuth(r *http.Request, clientID, clientSecret string) (public, ok bool) {
	if id, secret, basic := r.BasicAuth(); basic {
		return false, subtle.ConstantTimeCompare([]byte(id), []byte(clientID)) == 1 &&
			subtle.ConstantTimeCompare([]byte(secret), []byte(clientSecret)) == 1
	}
	return true, r.PostFormValue("client_id") == clientID
}

// LoopbackRedirect tells whether raw is an http address on this computer
// (localhost or a loopback IP), where the app's sign-in listens; with
// https, any https address passes too.
func LoopbackRedirect(raw string, https bool) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	if u.Scheme == "https" {
		return https
	}
	if u.Scheme != "http" {
		return false
	}
	ip := net.ParseIP(u.Hostname())
	return u.Hostname() == "localhost" || ip != nil && ip.IsLoopback()
}
