package ringcentral

import (
	"strings"

	"github.com/turnout-app/turnout/core"
)

// label is how staff know the provider.
const label = "RingCentral Webinar"

// Capabilities is what a connected RingCentral account does: registrants
// are pushed and cancelled (deleted), attendance comes from the session's
// history and staff from its invitees. Deleted registrants cannot be
// re-approved (they are created again), and events are linked one session
// at a time rather than imported.
var Capabilities = core.Capabilities{Managed: true, Cancel: true, Participants: true, Sessions: true, Staff: true}

// DefaultRedirectPort is the loopback port of the browser sign-in's
// redirect URL (http://127.0.0.1:4201/oauth/callback); RingCentral
// matches redirect URLs exactly, so the app must list this one.
const DefaultRedirectPort = 4201

// Spec is RingCentral Webinar as Turnout's registry knows it.
var Spec = core.ProviderSpec{
	Kind: core.ProviderRingCentral, Label: label, Order: 30, Caps: Capabilities,
	// Heavy group: 10 requests a minute, one registrant each.
	PushPerMinute: 10,
	Account: core.AccountForm{
		NamePlaceholder: "Main RingCentral",
		Help: "JWT: an admin creates a RingCentral app with JWT auth in the Developer Console, issues a JWT credential " +
			"for the user who hosts the webinars, and copies the app's client ID and secret and the JWT here.\n\n" +
			"Connect in browser: you sign in to RingCentral in your own browser and allow Turnout; nobody copies a secret. " +
			"Needs a RingCentral app (client-side, with PKCE) whose redirect URI is http://127.0.0.1:4201/oauth/callback.",
		Browser: &core.BrowserSignIn{
			Fields:      []core.CredentialField{{Key: core.CredClientID, Label: "Client ID", Required: true}},
			DefaultPort: DefaultRedirectPort,
			PortHint:    "The number in the Redirect URI of your RingCentral app: it must be http://127.0.0.1:PORT/oauth/callback.",
		},
		Keys: &core.KeysSignIn{
			Title: "JWT credentials",
			Fields: []core.CredentialField{
				{Key: core.CredClientID, Label: "Client ID", Required: true},
				{Key: core.CredClientSecret, Label: "Client secret", Secret: true, Required: true},
				{Key: core.CredJWT, Label: "JWT credential", Secret: true, File: true, Required: true,
					Hint: "The long text starting with eyJ from Credentials → JWT in the RingCentral Developer Console."},
			},
			Where: "find them in your RingCentral app and the JWT credential issued for it",
		},
		OAuthURLHint: DefaultAPIURL, APIURLHint: DefaultAPIURL,
	},
	Events: core.EventForm{
		Fields: []core.EventField{
			{Field: core.FieldExternalID, Label: "Webinar ID", Typed: core.NeedRequired, Linked: core.NeedRequired,
				Hint: "From the webinar's page in RingCentral Webinar."},
			{Field: core.FieldExternalID2, Label: "Session ID", Typed: core.NeedRequired, Linked: core.NeedRequired,
				Hint: "Each run of a RingCentral webinar has its own session ID; use the one for this date (Turnout lists the webinar's sessions to choose from)."},
			{Field: core.FieldJoinURL, Label: "Join URL (optional)", Placeholder: "https://", Typed: core.NeedOptional, Linked: core.NeedFromProvider,
				Hint: "A join page to put in the reminder; with a connected account each person gets their own link."},
		},
		Note: "Until a RingCentral account is connected (Settings → Accounts), Turnout sends the link you give.",
		LinkedNote: "When you save, Turnout reads the title, times and registration page from RingCentral and registers everyone there; " +
			"each person gets their own join link.",
	},
	New: newFromAccount,
	OAuth: func(a core.Account) core.OAuthApp {
		return UserOAuth(a.OAuthURL, a.APIURL, a.Credentials.ClientID, a.OAuthPort)
	},
}

// UserOAuth describes RingCentral's browser sign-in for a public client
// (authorization code with PKCE, no secret) at the OAuth base URL (""
// means the API URL, "" too means RingCentral's platform).
func UserOAuth(oauthURL, apiURL, clientID string, port int) core.OAuthApp {
	base := strings.TrimRight(oauthURL, "/")
	if base == "" {
		base = strings.TrimRight(apiURL, "/")
	}
	if base == "" {
		base = DefaultAPIURL
	}
	if port == 0 {
		port = DefaultRedirectPort
	}
	return core.OAuthApp{Name: "RingCentral", AuthURL: base + "/restapi/oauth/authorize", TokenURL: base + "/restapi/oauth/token",
		RevokeURL: base + "/restapi/oauth/revoke", ClientID: clientID, Port: port}
}

// newFromAccount builds the client of a stored account: its JWT
// credential, or the injected browser sign-in tokens.
func newFromAccount(a core.Account, d core.ProviderDeps) (core.Provider, error) {
	return New(Config{APIURL: a.APIURL, OAuthURL: a.OAuthURL, Credentials: a.Credentials, Tokens: d.Tokens, HTTP: d.HTTP, Now: d.Now}), nil
}

func init() { core.Register(Spec) }
