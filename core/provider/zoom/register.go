package zoom

import (
	"strconv"

	"github.com/turnout-app/turnout/core"
)

// Capabilities is what a connected Zoom account does. Webhooks are off:
// Turnout runs on office PCs that Zoom cannot reach.
var Capabilities = core.Capabilities{Managed: true, Cancel: true, Reapprove: true, Import: true,
	Participants: true, Sessions: true, Staff: true}

// Spec is Zoom as Turnout's registry knows it.
var Spec = core.ProviderSpec{
	Kind: core.ProviderZoom, Label: "Zoom", Order: 10, Caps: Capabilities,
	Account: core.AccountForm{
		NamePlaceholder: "Main Zoom",
		Help: "Connect in browser: you sign in to Zoom in your own browser and allow Turnout; " +
			"nobody copies keys. Needs a Zoom OAuth app (user-managed) whose redirect URL is " +
			"http://127.0.0.1:" + strconv.Itoa(DefaultRedirectPort) + "/oauth/callback (or the port you set below).\n\n" +
			"Server-to-Server: an admin creates a Server-to-Server OAuth app in the Zoom App Marketplace and copies its " +
			"account ID, client ID and client secret here. Choose it when one admin manages Zoom for the whole office.",
		Browser: &core.BrowserSignIn{
			Fields: []core.CredentialField{
				{Key: core.CredClientID, Label: "Client ID", Required: true},
				{Key: core.CredClientSecret, Label: "Client secret", Secret: true, Placeholder: "leave empty if your Zoom app has none"},
			},
			DefaultPort: DefaultRedirectPort,
			PortHint:    "The number at the end of the Redirect URL set up in your Zoom app: it must be http://127.0.0.1:PORT/oauth/callback.",
		},
		Keys: &core.KeysSignIn{
			Title: "Server-to-Server credentials",
			Fields: []core.CredentialField{
				{Key: core.CredAccountID, Label: "Account ID", Required: true},
				{Key: core.CredClientID, Label: "Client ID", Required: true},
				{Key: core.CredClientSecret, Label: "Client secret", Secret: true, Required: true},
			},
			Where: "find them in your Zoom Server-to-Server OAuth app",
		},
		OAuthURLHint: DefaultOAuthURL, APIURLHint: DefaultAPIURL,
	},
	Events: core.EventForm{
		KindLabel: "Zoom type", KindHint: "Meetings let everyone talk; webinars have panelists and an audience.",
		Kinds: []core.KindForm{{Kind: core.KindMeeting, Label: "Meeting", Fields: eventFields("meeting")},
			{Kind: core.KindWebinar, Label: "Webinar", Fields: eventFields("webinar")}},
		Note: "Until a Zoom account is connected (Settings → Accounts), copy these from the Zoom invitation. " +
			"Once connected, Turnout fills them in and registers people with Zoom for you.",
		LinkedNote: "When you save, Turnout reads the join link, passcode, start and time zone from Zoom and registers everyone with Zoom.",
	},
	New: newFromAccount,
	OAuth: func(a core.Account) core.OAuthApp {
		return UserOAuth(a.OAuthURL, a.Credentials.ClientID, a.Credentials.ClientSecret, a.OAuthPort)
	},
}

// eventFields are a Zoom meeting's or webinar's: typed in from the
// invitation, or only the ID when a connected account fills the rest.
func eventFields(kind string) []core.EventField {
	return []core.EventField{
		{Field: core.FieldExternalID, Label: "Zoom " + kind + " ID", Typed: core.NeedRequired, Linked: core.NeedRequired,
			Hint: "The 10- or 11-digit number from the Zoom invitation; spaces are fine."},
		{Field: core.FieldJoinURL, Label: "Join URL", Placeholder: "https://", Typed: core.NeedRequired, Linked: core.NeedFromProvider,
			Hint: "The zoom.us link attendees click; it goes into the reminder."},
		{Field: core.FieldPassword, Label: "Passcode", Typed: core.NeedRequired, Linked: core.NeedFromProvider,
			Hint: "The " + kind + " passcode from the invitation; attendees need it to join."},
	}
}

// newFromAccount builds the client of a stored account: its own
// Server-to-Server keys, or the injected browser sign-in tokens.
func newFromAccount(a core.Account, d core.ProviderDeps) (core.Provider, error) {
	return New(Config{APIURL: a.APIURL, OAuthURL: a.OAuthURL, Credentials: a.Credentials, Tokens: d.Tokens,
		HTTP: d.HTTP, Now: d.Now}), nil
}

func init() { core.Register(Spec) }
