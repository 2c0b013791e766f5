package core

import (
	"bytes"
	"encoding/base64"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestRedactSecretsRemovesEveryKindOfCredential(t *testing.T) {
	const id, secret = "aBcClientId42", "s3cr3t-Client-Secret-Value"
	basic := base64.StdEncoding.EncodeToString([]byte(id + ":" + secret))
	plain := base64.StdEncoding.EncodeToString([]byte("\x00mailer@example.org\x00Mail-Pass-99"))
	access := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
	refresh := "rt-7f3a9c2e51b84d0fa6e1c3b2d4e5f6a7b8c9d0e1"
	cases := map[string][]string{
		"Authorization: Basic " + basic + "\r\nHost: x":         {basic},
		`{"headers":{"Authorization":["Basic ` + basic + `"]}}`: {basic},
		`{"authorization":"Bearer ` + access + `"}`:             {access},
		"echo: " + basic:      {basic},
		"AUTH PLAIN " + plain: {plain},
		`{"access_token":"` + access + `","refresh_token":"` + refresh + `"}`:            {access, refresh},
		"grant_type=refresh_token&refresh_token=" + refresh + "&client_secret=" + secret: {refresh, secret},
		`{"password":"hunter2-Pw","client_secret":"` + secret + `"}`:                     {"hunter2-Pw", secret},
		"refresh failed for token " + refresh:                                            {refresh},
		"password: hunter2-Pw, user: ann":                                                {"hunter2-Pw"},
	}
	for in, secrets := range cases {
		out := RedactSecrets(in)
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("RedactSecrets(%q) = %q, still has %q", in, out, s)
			}
		}
		if !strings.Contains(out, Redacted) {
			t.Errorf("RedactSecrets(%q) = %q: no mark where the secret was", in, out)
		}
	}
}

func TestRedactSecretsKeepsOrdinaryWords(t *testing.T) {
	for _, s := range []string{
		"Meeting 81234567890 was not found (code 3001).",
		"basic authentication failed: 535 5.7.8 Authentication credentials invalid",
		"Invalid access token. The token has expired.",
		"POST /v2/users/me/meetings: 429 Too Many Requests",
		"GET https://api.zoom.us/v2/past_meetings/81234567890/participants?page_size=300: 404",
		"open /home/office/.config/Turnout/backups/turnout-20261202.db: permission denied",
	} {
		if got := RedactSecrets(s); got != s {
			t.Errorf("RedactSecrets(%q) = %q, want it unchanged", s, got)
		}
	}
}

func TestRedactingHandlerCleansMessagesAndValues(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(RedactingHandler(slog.NewTextHandler(&buf, nil)))
	tok := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
	log.With("hdr", "Bearer "+tok).Warn("answer Authorization: Bearer "+tok,
		"err", errors.New(`400 {"refresh_token":"`+tok+`"}`), slog.Group("g", "body", "password=Pw-12345"))
	if out := buf.String(); strings.Contains(out, tok) || strings.Contains(out, "Pw-12345") {
		t.Fatalf("log still has a secret:\n%s", out)
	}
}

func TestServiceURLsMustBeHTTPSOutsideThisComputer(t *testing.T) {
	for _, ok := range []string{"https://zoom.us", "http://127.0.0.1:8080", "http://127.3.4.5", "http://[::1]:9000",
		"http://localhost:1234", "http://sandbox.turnout.invalid"} {
		if err := CheckServiceURL(ok); err != nil {
			t.Errorf("CheckServiceURL(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"http://10.1.2.3", "http://zoom.us", "ftp://zoom.us", "http://localhost.evil.org",
		"https://id:secret@zoom.us", "zoom.us"} {
		err := CheckServiceURL(bad)
		if err == nil {
			t.Errorf("CheckServiceURL(%q) accepted", bad)
			continue
		}
		if strings.Contains(ErrorMessage(err), "secret") {
			t.Errorf("message repeats the credentials: %s", ErrorMessage(err))
		}
	}
	if msg := ErrorMessage(CheckServiceURL("http://10.1.2.3")); !strings.Contains(msg, "https") || !strings.Contains(msg, "http://10.1.2.3") {
		t.Errorf("message %q should name the address and ask for https", msg)
	}
}

// A JWT credential (RingCentral's JWT bearer grant) is three base64url
// parts joined by dots; it goes wholly, whatever its header starts with,
// while dotted names such as hosts stay readable.
func TestRedactSecretsRemovesJWTCredentials(t *testing.T) {
	enc := base64.RawURLEncoding.EncodeToString
	spaced := enc([]byte(`{ "alg": "RS256", "typ": "JWT" }`)) + "." + enc([]byte(`{"sub":"400131234008","iss":"rc"}`)) + "." + enc([]byte("signature-bytes-0123"))
	const sandbox = "sandbox-rc-jwt.eyJzdWIiOiJzYW5kYm94In0.c2lnbmF0dXJl"
	const opaque = "Ab3dEf6hIj.Kl9nOp2rSt.Uv5xYz8bCd"
	for in, secret := range map[string]string{
		"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=" + sandbox: sandbox,
		`{"grant_type":"jwt-bearer","assertion":"` + spaced + `"}`:                    spaced,
		"the JWT " + spaced + " was refused":                                          spaced,
		"bad credential " + sandbox + " (expired)":                                    sandbox,
		"jwt: " + opaque:          opaque,
		"echo " + opaque + " end": opaque,
	} {
		out := RedactSecrets(in)
		for part := range strings.SplitSeq(secret, ".") {
			if strings.Contains(out, part) {
				t.Errorf("RedactSecrets(%q) = %q: part %q of the JWT is left", in, out, part)
			}
		}
		if !strings.Contains(out, Redacted) {
			t.Errorf("RedactSecrets(%q) = %q: no mark where the JWT was", in, out)
		}
	}
	for _, s := range []string{
		"POST https://platform.ringcentral.com/restapi/oauth/token answered 400",
		"GET https://platform.devtest.ringcentral.com/webinar/configuration/v1/webinars: 429",
		"grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer",
		"registration.closed.session for webinar 700000012",
	} {
		if got := RedactSecrets(s); got != s {
			t.Errorf("RedactSecrets(%q) = %q, want it unchanged", s, got)
		}
	}
}
