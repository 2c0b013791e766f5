package core

import (
	"context"
	"encoding/base64"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// Redacted is what RedactSecrets puts where a credential was.
const Redacted = "[redacted]"

var (
	// An Authorization header as a line ("Authorization: Basic …") or a
	// JSON member ("Authorization":"…" or ["…"]), up to the line's end or
	// the closing quote.
	authLine = regexp.MustCompile(`(?i)((?:proxy-)?authorization\s*:\s*)[^\r\n]+`)
	authJSON = regexp.MustCompile(`(?i)("(?:proxy-)?authorization"\s*:\s*\[?\s*")[^"]*`)
	// A scheme and its credentials anywhere ("Basic dXNlcjpwdw==", "Bearer eyJ…").
	schemeCred = regexp.MustCompile(`(?i)\b(basic|bearer)(\s+)([A-Za-z0-9+/=._~-]{6,})`)
	// Secret fields in JSON ("password":"…") and in forms or queries
	// (password=…); the value ends at a quote, & or white space.
	// "assertion" carries the JWT of a JWT bearer grant (RingCentral).
	secretNames = `(?:password|passwd|pass|secret|client_secret|access_token|refresh_token|id_token|token|code_verifier|api_key|apikey|assertion|jwt)`
	secretJSON  = regexp.MustCompile(`(?i)("` + secretNames + `"\s*:\s*\[?\s*")(?:[^"\\]|\\.)*`)
	secretForm  = regexp.MustCompile(`(?i)(\b` + secretNames + `\s*[=:]\s*)[^&\s"',;\[]+`)
	// A JSON web token, and any long opaque run that looks like a token
	// (without "/", so that paths and web addresses stay readable).
	jwt       = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?`)
	longToken = regexp.MustCompile(`[A-Za-z0-9+_~.=-]{40,}`)
	// base64 runs that may be an "id:secret" pair (Basic credentials
	// without their scheme word).
	base64Run = regexp.MustCompile(`[A-Za-z0-9+/]{8,}={0,2}`)
	// Any three base64url parts joined by dots, as a JWT is written even
	// when its header does not start "eyJ"; see looksLikeJWT.
	jwtParts = regexp.MustCompile(`[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)
)

// RedactSecrets removes from s anything that looks like a credential:
// Authorization header values, Basic credentials (also the bare base64 of
// "id:secret"), bearer, access and refresh tokens, JWT credentials (any
// three base64url parts joined by dots, and a JWT bearer grant's
// assertion), and password or client_secret fields of JSON or forms. Provider and mail server answers
// pass through it before they are logged or kept, because a server may
// echo the request it got.
func RedactSecrets(s string) string {
	if s == "" {
		return s
	}
	s = authLine.ReplaceAllString(s, "${1}"+Redacted)
	s = authJSON.ReplaceAllString(s, "${1}"+Redacted)
	s = schemeCred.ReplaceAllStringFunc(s, func(m string) string {
		sub := schemeCred.FindStringSubmatch(m)
		if !looksLikeCredential(sub[3]) {
			return m // "basic authentication failed" is words, not a credential
		}
		return sub[1] + sub[2] + Redacted
	})
	s = secretJSON.ReplaceAllString(s, "${1}"+Redacted)
	s = secretForm.ReplaceAllString(s, "${1}"+Redacted)
	s = jwtParts.ReplaceAllStringFunc(s, func(m string) string {
		if looksLikeJWT(m) {
			return Redacted
		}
		return m
	})
	s = jwt.ReplaceAllString(s, Redacted)
	s = longToken.ReplaceAllStringFunc(s, func(m string) string {
		if m == Redacted || !strings.ContainsAny(m, "0123456789") {
			return m // a long word or path, not a token
		}
		return Redacted
	})
	return base64Run.ReplaceAllStringFunc(s, func(m string) string {
		if isCredentialPair(m) {
			return Redacted
		}
		return m
	})
}

// looksLikeCredential tells a credential from a word: it has a digit, a
// base64 or token sign, or mixes upper and lower case.
func looksLikeCredential(v string) bool {
	if strings.ContainsAny(v, "0123456789+/=._~-") {
		return true
	}
	return strings.ToLower(v) != v && strings.ToUpper(v) != v
}

// looksLikeJWT tells three dot-joined base64url parts that are a token
// from a dotted name such as a host: a part decodes to a JSON object, or
// the whole mixes digits with upper and lower case as encoded bytes do.
func looksLikeJWT(m string) bool {
	for part := range strings.SplitSeq(m, ".") {
		if b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(part, "=")); err == nil && len(b) > 1 && b[0] == '{' {
			return true
		}
	}
	return strings.ContainsAny(m, "0123456789") && strings.ToLower(m) != m && strings.ToUpper(m) != m
}

// isCredentialPair reports whether m is base64 of printable "id:secret"
// (or SMTP AUTH PLAIN's "\x00user\x00password").
func isCredentialPair(m string) bool {
	b, err := base64.StdEncoding.DecodeString(m)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(m, "=")); err != nil {
			return false
		}
	}
	if len(b) < 3 {
		return false
	}
	sep := false
	for _, c := range b {
		switch {
		case c == ':' || c == 0:
			sep = true
		case c < 0x20 || c > 0x7e:
			return false
		}
	}
	return sep
}

// RedactingHandler wraps a log handler so that no message or string value
// it writes carries a credential (RedactSecrets), whatever a caller passed.
func RedactingHandler(h slog.Handler) slog.Handler { return redacting{h} }

type redacting struct{ next slog.Handler }

func (r redacting) Enabled(ctx context.Context, l slog.Level) bool { return r.next.Enabled(ctx, l) }

func (r redacting) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, RedactSecrets(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool { out.AddAttrs(redactAttr(a)); return true })
	return r.next.Handle(ctx, out)
}

func (r redacting) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = redactAttr(a)
	}
	return redacting{r.next.WithAttrs(clean)}
}

func (r redacting) WithGroup(name string) slog.Handler { return redacting{r.next.WithGroup(name)} }

func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, RedactSecrets(v.String()))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]any, len(g))
		for i, x := range g {
			clean[i] = redactAttr(x)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		if err, ok := v.Any().(error); ok {
			return slog.String(a.Key, RedactSecrets(err.Error()))
		}
		if s, ok := v.Any().(interface{ String() string }); ok {
			return slog.String(a.Key, RedactSecrets(s.String()))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// SandboxHost is the made-up host of the built-in emulator.
const SandboxHost = "sandbox.turnout.invalid"

// CheckServiceURL accepts a provider or sign-in address only over https,
// except on this computer (loopback: 127.0.0.0/8, ::1, localhost), where
// tests and the emulator run, and the Sandbox. Credentials must never
// travel over plain HTTP across a network.
func CheckServiceURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return Errorf(EINVALID, "%q is not a web address; it should start with https://.", raw)
	}
	if u.User != nil {
		return Errorf(EINVALID, "The address %s carries a user name or password; remove them, Turnout signs in by itself.", u.Scheme+"://"+u.Host)
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		h := strings.ToLower(u.Hostname())
		if h == "localhost" || h == SandboxHost {
			return nil
		}
		if ip := net.ParseIP(h); ip != nil && ip.IsLoopback() {
			return nil
		}
	}
	return Errorf(EINVALID, "Turnout talks to providers only over https; %s is not (plain http is allowed only on this computer). Use the https address.", u.Scheme+"://"+u.Host)
}
