package core

import (
	"log/slog"
	"time"
)

// AuthKind is how an account signs in to its provider.
type AuthKind string

const (
	// AuthServer is Server-to-Server OAuth: an account ID, client ID and
	// secret typed in by staff (the default for older accounts).
	AuthServer AuthKind = ""
	// AuthUser is user OAuth: staff sign in through their browser and
	// Turnout keeps an access and a refresh token.
	AuthUser AuthKind = "user"
)

// OAuthToken is a user OAuth token pair. It is a secret: like Credentials
// it has no JSON form (the store persists it explicitly) and prints as
// "[redacted]" in logs and format verbs.
type OAuthToken struct {
	AccessToken  string
	RefreshToken string
	TokenType    string
	Expiry       time.Time // of the access token
}

// String hides the token.
func (t OAuthToken) String() string { return "[redacted]" }

// GoString hides the token from %#v.
func (t OAuthToken) GoString() string { return "core.OAuthToken{[redacted]}" }

// LogValue hides the token from slog.
func (t OAuthToken) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// MarshalJSON refuses to reveal the token: it marshals as null.
func (t OAuthToken) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// Empty reports whether there is no token at all.
func (t OAuthToken) Empty() bool { return t.AccessToken == "" && t.RefreshToken == "" }
