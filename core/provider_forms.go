package core

import "strings"

// AccountForm is what staff fill in to add an account of a provider: the
// window and the command line build their forms from it.
type AccountForm struct {
	// NamePlaceholder suggests an account name ("Main Zoom").
	NamePlaceholder string
	// Help explains the sign-in choices in office words.
	Help string
	// Browser is the browser sign-in (user OAuth); nil: none.
	Browser *BrowserSignIn
	// Keys is sign-in with keys copied from the provider (Server-to-Server
	// OAuth, JWT…); nil: none.
	Keys *KeysSignIn
	// OAuthURLHint and APIURLHint show the real addresses in the
	// "other addresses" fields (which point an account at an emulator).
	OAuthURLHint, APIURLHint string
}

// BrowserSignIn is a browser sign-in: the fields of the provider's OAuth
// app and the redirect port it must list.
type BrowserSignIn struct {
	Fields []CredentialField
	// DefaultPort is the loopback redirect port (0: any free port).
	DefaultPort int
	// PortHint says where the redirect URL is registered.
	PortHint string
}

// KeysSignIn is a sign-in with keys typed in by staff.
type KeysSignIn struct {
	Title  string // "Server-to-Server credentials"
	Fields []CredentialField
	// Where says where the keys are found, ending the "required" message:
	// "find them in your Zoom Server-to-Server OAuth app".
	Where string
}

// CredentialKey names a field of Credentials; the command line turns it
// into a flag (--client-id).
type CredentialKey string

const (
	CredAccountID    CredentialKey = "account-id"
	CredClientID     CredentialKey = "client-id"
	CredClientSecret CredentialKey = "client-secret"
	// CredJWT is a JWT credential (RingCentral); the command line also
	// reads it from a file (--jwt-file).
	CredJWT CredentialKey = "jwt"
)

// CredentialField is one input of an account form.
type CredentialField struct {
	Key         CredentialKey
	Label       string // "Client ID"
	Hint        string
	Placeholder string
	Secret      bool // typed hidden; the command line reads it from stdin
	// File: the command line also reads it from a file (--KEY-file), for
	// credentials too long to paste (a JWT).
	File     bool
	Required bool
}

// Get returns the credential a key names.
func (c Credentials) Get(k CredentialKey) string {
	switch k {
	case CredAccountID:
		return c.AccountID
	case CredClientID:
		return c.ClientID
	case CredClientSecret:
		return c.ClientSecret
	case CredJWT:
		return c.JWT
	}
	return ""
}

// Set fills the credential a key names.
func (c *Credentials) Set(k CredentialKey, v string) {
	switch k {
	case CredAccountID:
		c.AccountID = v
	case CredClientID:
		c.ClientID = v
	case CredClientSecret:
		c.ClientSecret = v
	case CredJWT:
		c.JWT = v
	}
}

// missing lists the labels of required fields left empty.
func missing(fields []CredentialField, c Credentials) []string {
	var out []string
	for _, f := range fields {
		if f.Required && strings.TrimSpace(c.Get(f.Key)) == "" {
			out = append(out, f.Label)
		}
	}
	return out
}

// EventForm says which event fields a provider needs, per kind (meeting,
// webinar) and depending on whether a connected account fills them.
type EventForm struct {
	// KindLabel and KindHint title the kind choice ("Zoom type").
	KindLabel, KindHint string
	// Kinds are the choices, the first the default; none: the provider
	// has no kinds.
	Kinds []KindForm
	// Fields are the fields of a provider without kinds, and of a kind
	// without its own.
	Fields []EventField
	// Note explains the provider under the choice; LinkedNote replaces it
	// when a connected account is chosen.
	Note, LinkedNote string
}

// KindForm is one kind of event at a provider.
type KindForm struct {
	Kind   MeetingKind
	Label  string       // "Webinar"
	Fields []EventField // nil: the form's Fields
}

// FieldsFor returns the fields of a kind ("" or unknown: the default).
func (f EventForm) FieldsFor(kind MeetingKind) []EventField {
	for _, k := range f.Kinds {
		if k.Kind == kind && k.Fields != nil {
			return k.Fields
		}
	}
	if kind == "" && len(f.Kinds) > 0 && f.Kinds[0].Fields != nil {
		return f.Kinds[0].Fields
	}
	return f.Fields
}

// LocationField names an input of an event's location.
type LocationField string

const (
	FieldExternalID  LocationField = "external_id"
	FieldExternalID2 LocationField = "external_id2"
	FieldJoinURL     LocationField = "join_url"
	FieldPassword    LocationField = "password"
)

// LocationFields are every location input, in form order.
var LocationFields = []LocationField{FieldExternalID, FieldExternalID2, FieldJoinURL, FieldPassword}

// Need says how an event uses a field.
type Need int

const (
	NeedBlank        Need = iota // not asked for (hidden)
	NeedOptional                 // asked for, may stay empty
	NeedRequired                 // must be filled in
	NeedFromProvider             // filled from the connected account (hidden)
)

// Shown reports whether the form asks staff for the field.
func (n Need) Shown() bool { return n == NeedOptional || n == NeedRequired }

// EventField is one location input of a provider's events.
type EventField struct {
	Field       LocationField
	Label       string // "Webinar key": the form label and the "required" message
	Hint        string
	Placeholder string
	Typed       Need // without a connected account
	Linked      Need // with one
}

// Need is how the field is used with or without a connected account.
func (f EventField) Need(linked bool) Need {
	if linked {
		return f.Linked
	}
	return f.Typed
}

// Get returns a location input.
func (l Location) Get(f LocationField) string {
	switch f {
	case FieldExternalID:
		return l.ExternalID
	case FieldExternalID2:
		return l.ExternalID2
	case FieldJoinURL:
		return l.JoinURL
	case FieldPassword:
		return l.Password
	}
	return ""
}

// Set fills a location input.
func (l *Location) Set(f LocationField, v string) {
	switch f {
	case FieldExternalID:
		l.ExternalID = v
	case FieldExternalID2:
		l.ExternalID2 = v
	case FieldJoinURL:
		l.JoinURL = v
	case FieldPassword:
		l.Password = v
	}
}
