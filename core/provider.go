package core

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// SyncCancelled records that the provider was told of a cancellation.
const SyncCancelled SyncState = "cancelled"

// Provider is one connected account at a web-conferencing service. The
// engine asks it about meetings and pushes registrants to it; adapters live
// under core/provider/<name> and speak only HTTP.
//
// Meeting and registrant IDs are the provider's, as strings. Errors that
// staff can act on are *ProviderError; anything else is a transport or
// protocol failure the engine retries.
type Provider interface {
	Capabilities() Capabilities
	// TestConnection checks the credentials with one cheap call.
	TestConnection(ctx context.Context) error
	// Meeting reads one meeting or webinar.
	Meeting(ctx context.Context, kind MeetingKind, id string) (ExternalMeeting, error)
	// Meetings lists the account's meetings and webinars for import: upcoming
	// meetings and upcoming and past webinars.
	Meetings(ctx context.Context) ([]ExternalMeeting, error)
	// AddRegistrant registers a person. Adding an address that is already
	// registered returns that registrant.
	AddRegistrant(ctx context.Context, kind MeetingKind, id string, p Person) (ExternalRegistrant, error)
	// FindRegistrant looks a registrant up by email; found is false when the
	// provider has nobody with that address.
	FindRegistrant(ctx context.Context, kind MeetingKind, id, email string) (r ExternalRegistrant, found bool, err error)
	// CancelRegistrant cancels a registration at the provider.
	CancelRegistrant(ctx context.Context, kind MeetingKind, id string, r ExternalRegistrant) error
	// ApproveRegistrant re-approves a cancelled or pending registration.
	ApproveRegistrant(ctx context.Context, kind MeetingKind, id string, r ExternalRegistrant) error
	// Participants returns every join of every held instance, raw: one row
	// per join segment, in the provider's order.
	Participants(ctx context.Context, kind MeetingKind, id string) ([]JoinRow, error)
	// Sessions lists the times of a webinar that runs several times (GoTo
	// series, RingCentral sessions, Zoom recurring occurrences), oldest
	// first; a single-time event has one. Registering for a session is
	// AddRegistrant with Person.Session.
	Sessions(ctx context.Context, kind MeetingKind, id string) ([]Session, error)
	// Staff lists the hosts, panelists and organizers of an event, so
	// check-in can tell staff from attendees.
	Staff(ctx context.Context, kind MeetingKind, id string) ([]StaffMember, error)
}

// Session is one time a webinar runs.
type Session struct {
	ID       string        `json:"id"` // provider's session key or occurrence ID
	Start    time.Time     `json:"start"`
	Duration time.Duration `json:"duration"`
	Past     bool          `json:"past,omitempty"` // held already
}

// StaffRole is what a staff member does at an event. Staff are never
// walk-ins, attendees or no-shows: the headcount lists them as staff. A
// join row or participant with no role is an attendee.
type StaffRole string

const (
	RoleHost      StaffRole = "host"
	RoleCoHost    StaffRole = "cohost" // co-host or co-organizer
	RolePanelist  StaffRole = "panelist"
	RoleOrganizer StaffRole = "organizer"
	RolePresenter StaffRole = "presenter" // Teams presenter
	// RoleOfficeStaff is someone on the office's own staff list.
	RoleOfficeStaff StaffRole = "staff"
)

// StaffMember is someone running an event, not attending it.
type StaffMember struct {
	Role  StaffRole `json:"role"`
	Name  string    `json:"name,omitempty"`
	Email string    `json:"email,omitempty"`
}

// Capabilities says what a provider can do for an account.
type Capabilities struct {
	Managed      bool // registrants can be pushed (AddRegistrant)
	Cancel       bool // registrations can be cancelled at the provider
	Reapprove    bool // cancelled registrations can be approved again
	Import       bool // meetings can be listed and imported as events
	Participants bool // attendance can be pulled after the event
	Sessions     bool // a webinar has several sessions, registered for one by one
	Staff        bool // panelists and organizers can be listed apart from attendees
	Webhooks     bool // the provider can tell Turnout when an event ended
}

// ExternalMeeting is a meeting or webinar as the provider describes it.
type ExternalMeeting struct {
	Kind                 MeetingKind   `json:"kind"`
	ID                   string        `json:"id"`
	Topic                string        `json:"topic"`
	Start                time.Time     `json:"start,omitzero"`
	TimeZone             string        `json:"time_zone,omitempty"`
	Duration             time.Duration `json:"duration"`
	JoinURL              string        `json:"join_url,omitempty"`
	Password             string        `json:"-"` // goes only into the event
	RegistrationRequired bool          `json:"registration_required"`
	Recurring            bool          `json:"recurring,omitempty"`
	HostEmail            string        `json:"host_email,omitempty"`
	// Description is the provider's text about the event, where it has one.
	Description string `json:"description,omitempty"`
	// SeriesKey is shared by the webinars of one series (several
	// webinars, each attendee picks one; GoTo's recurrence key); "" for a
	// single webinar. An account set to GroupSeries imports them as one
	// event.
	SeriesKey string `json:"series_key,omitempty"`

	// RegistrationNote, when set, is the provider's own warning for staff
	// when registration is off (RingCentral: the session's registration
	// is closed), said instead of the general one.
	RegistrationNote string `json:"registration_note,omitempty"`
}

// Person is what a provider needs to register someone.
type Person struct {
	Email     string
	FirstName string
	LastName  string
	// Session is the session registered for, at providers whose
	// registrations belong to one (see Provider.Sessions); "" means the
	// event's default: the next one, or all where the provider allows.
	Session string
	// ExternalID is a stable Turnout reference for the registrant, for
	// providers that keep one (RingCentral externalId), so the provider's
	// exports join back to Turnout; Source is the campaign or channel the
	// person came from, where the provider records one.
	ExternalID string
	Source     string
}

// ExternalRegistrant is a registrant at the provider.
type ExternalRegistrant struct {
	ID      string `json:"id"`
	Email   string `json:"email,omitempty"`
	JoinURL string `json:"join_url,omitempty"` // personal join link; empty while awaiting approval
	Status  string `json:"status,omitempty"`   // provider's word: approved, pending, denied
	Session string `json:"session,omitempty"`  // the session registered for, where registrations have one
	// CancelURL is the registrant's own cancellation link, where the
	// provider gives one (RingCentral cancellationUri).
	CancelURL string `json:"cancel_url,omitempty"`
}

// JoinRow is one join segment from a provider's participant report. A
// person who rejoined has several rows; people without an email (phone
// dial-in, guests from other accounts) have an empty Email.
type JoinRow struct {
	Instance      string        `json:"instance,omitempty"` // the held instance (Zoom meeting UUID)
	ParticipantID string        `json:"participant_id,omitempty"`
	Name          string        `json:"name,omitempty"`
	Email         string        `json:"email,omitempty"`
	RegistrantID  string        `json:"registrant_id,omitempty"`
	JoinTime      time.Time     `json:"join_time,omitzero"`
	LeaveTime     time.Time     `json:"leave_time,omitzero"`
	Duration      time.Duration `json:"duration"`
	// Role is what the provider or report says the person was (host,
	// panelist…); empty for an attendee.
	Role StaffRole `json:"role,omitempty"`
}

// Credentials are an account's secrets. They are kept only in the data
// file: they have no JSON form of their own (the store persists them
// explicitly) and print as "[redacted]" in logs and format verbs.
type Credentials struct {
	AccountID    string // the provider's account ID, where keys need one (not secret, but kept together)
	ClientID     string
	ClientSecret string
	// JWT is a JWT credential issued by the provider for a service user
	// (RingCentral's JWT bearer grant); secret like ClientSecret.
	JWT string
}

// String hides the secret.
func (c Credentials) String() string { return "[redacted]" }

// GoString hides the secret from %#v.
func (c Credentials) GoString() string { return "core.Credentials{[redacted]}" }

// LogValue hides the secret from slog.
func (c Credentials) LogValue() slog.Value { return slog.StringValue("[redacted]") }

// MarshalJSON refuses to reveal the secret: Credentials marshal as null.
// The store writes them through its own record type.
func (c Credentials) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

// ProviderID is the event's ID as adapters take it: ExternalID, or
// "ExternalID/ExternalID2" for providers that need a second one
// (RingCentral: webinar ID and session ID).
func (l Location) ProviderID() string {
	if l.ExternalID2 == "" {
		return l.ExternalID
	}
	return l.ExternalID + "/" + l.ExternalID2
}

// Account is one connected provider account (e.g. two accounts of one
// provider in one office). Turning Active off pauses its syncs and keeps the credentials.
type Account struct {
	ID       ID           `json:"id"`
	Name     string       `json:"name"`
	Provider ProviderKind `json:"provider"`
	Active   bool         `json:"active"`
	// Sandbox accounts talk to Turnout's built-in emulator, not the real
	// service; they are labelled "Sandbox" wherever they appear.
	Sandbox     bool        `json:"sandbox,omitempty"`
	Credentials Credentials `json:"-"`
	// Auth says how the account signs in; AuthUser accounts keep Token
	// (secret, stored only in the data file) and their ClientID (and an
	// optional ClientSecret) in Credentials.
	Auth  AuthKind   `json:"auth,omitempty"`
	Token OAuthToken `json:"-"`
	// OAuthPort is the loopback port of the sign-in redirect (0: the
	// provider's default); it must match the app's registered redirect URL.
	OAuthPort int `json:"oauth_port,omitempty"`
	// ConnectedAs is who signed in (the provider's user email) and Scopes
	// what they granted.
	ConnectedAs string   `json:"connected_as,omitempty"`
	Scopes      []string `json:"scopes,omitempty"`
	// ProviderIDs are non-secret identifiers the sign-in gave (the
	// OAuthApp's TokenFields: GoTo's organizer_key, account_key…), kept
	// as exact strings.
	ProviderIDs map[string]string `json:"provider_ids,omitempty"`
	// TokenExpiry is when the current access token expires (not secret).
	TokenExpiry time.Time `json:"token_expiry,omitzero"`
	// NeedsReconnect is set when the provider no longer accepts the
	// sign-in (invalid_grant) or the account was disconnected: staff must
	// connect it again in the browser.
	NeedsReconnect bool `json:"needs_reconnect,omitempty"`
	// APIURL and OAuthURL override the provider's real addresses ("" = real).
	APIURL    string    `json:"api_url,omitempty"`
	OAuthURL  string    `json:"oauth_url,omitempty"`
	LastError string    `json:"last_error,omitempty"`
	LastOKAt  time.Time `json:"last_ok_at,omitzero"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`

	// LastSyncAt is when the account's meetings were last imported in
	// full; LastSyncError why the last import failed ("" when it worked).
	LastSyncAt    time.Time `json:"last_sync_at,omitzero"`
	LastSyncError string    `json:"last_sync_error,omitempty"`
	// GroupSeries imports the webinars of a series (ExternalMeeting.
	// SeriesKey) as one event instead of one event each.
	GroupSeries bool `json:"group_series,omitempty"`
}

// Label is how the account appears: its name and the provider ("Sandbox"
// for the emulator).
func (a Account) Label() string {
	switch {
	case a.Sandbox && strings.Contains(strings.ToLower(a.Name), "sandbox"):
		return a.Name + " (practice account)"
	case a.Sandbox:
		return a.Name + " (Sandbox practice account)"
	case strings.EqualFold(a.Name, a.Provider.Label()):
		return a.Name
	}
	return a.Name + " (" + a.Provider.Label() + ")"
}

// String describes the account without its credentials.
func (a Account) String() string {
	return fmt.Sprintf("account %d %q %s active=%t", a.ID, a.Name, a.Provider, a.Active)
}

// LogValue logs the account without its credentials.
func (a Account) LogValue() slog.Value {
	return slog.GroupValue(slog.Uint64("id", uint64(a.ID)), slog.String("name", a.Name),
		slog.String("provider", string(a.Provider)), slog.Bool("active", a.Active))
}

// Validate normalises and checks an account.
func (a *Account) Validate() error {
	a.Name = strings.TrimSpace(a.Name)
	a.APIURL = strings.TrimRight(strings.TrimSpace(a.APIURL), "/")
	a.OAuthURL = strings.TrimRight(strings.TrimSpace(a.OAuthURL), "/")
	a.Credentials.AccountID = strings.TrimSpace(a.Credentials.AccountID)
	a.Credentials.ClientID = strings.TrimSpace(a.Credentials.ClientID)
	a.Credentials.ClientSecret = strings.TrimSpace(a.Credentials.ClientSecret)
	a.Credentials.JWT = strings.TrimSpace(a.Credentials.JWT)
	if a.Name == "" {
		return Errorf(EINVALID, "Account name is required.")
	}
	spec, ok := Spec(a.Provider)
	if !ok || !spec.Managed() {
		var names []string
		for _, s := range ManagedSpecs() {
			names = append(names, string(s.Kind))
		}
		return Errorf(EINVALID, "Accounts cannot be connected for %q; choose %s.", a.Provider, orList(names))
	}
	form := spec.Account
	if a.Auth == AuthUser {
		if form.Browser == nil || spec.OAuth == nil {
			return Errorf(EINVALID, "%s accounts cannot sign in through the browser; use keys.", spec.Label)
		}
		if m := missing(form.Browser.Fields, a.Credentials); len(m) > 0 {
			return Errorf(EINVALID, "%s is required; find it in your %s OAuth app.", andList(m), spec.Label)
		}
		if a.OAuthPort < 0 || a.OAuthPort > 65535 {
			return Errorf(EINVALID, "Port %d is not a valid port; choose one between 1024 and 65535.", a.OAuthPort)
		}
	} else if a.Auth != AuthServer {
		return Errorf(EINVALID, "Unknown sign-in kind %q.", a.Auth)
	} else if !a.Sandbox {
		if form.Keys == nil {
			return Errorf(EINVALID, "%s accounts connect through the browser only.", spec.Label)
		}
		if m := missing(form.Keys.Fields, a.Credentials); len(m) > 0 {
			verb := "is required"
			if len(m) > 1 {
				verb = "are all required"
			}
			return Errorf(EINVALID, "%s %s; %s.", andList(m), verb, form.Keys.Where)
		}
	}
	for _, u := range []string{a.APIURL, a.OAuthURL} {
		if u != "" {
			if err := CheckServiceURL(u); err != nil {
				return err
			}
		}
	}
	return nil
}

// AccountStore is the part of a transaction that keeps provider accounts.
// Records carry their credentials; only the engine hands them to adapters.
type AccountStore interface {
	// Account returns an account or an ENOTFOUND error.
	Account(id ID) (Account, error)
	// Accounts returns every account in ID order.
	Accounts() ([]Account, error)
	// PutAccount inserts (ID zero: a new ID is assigned) or replaces an account.
	PutAccount(a *Account) error
	// DeleteAccount removes an account and its secrets (ENOTFOUND when
	// there is none).
	DeleteAccount(id ID) error
}

// andList joins labels as "Account ID, client ID and client secret".
func andList(labels []string) string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l
		if i > 0 && len(l) > 1 && !strings.HasPrefix(l, "ID") {
			out[i] = strings.ToLower(l[:1]) + l[1:]
		}
	}
	if len(out) == 1 {
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}
