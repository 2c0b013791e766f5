package gotowebinar

import (
	"strconv"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// Capabilities is what a connected GoTo organizer does. Reapprove is
// off: GoTo cannot approve a deleted registrant again, so registering
// again after a cancellation is a new push. Webhooks are off: GoTo sends
// no "webinar ended" and cannot reach an office PC.
var Capabilities = core.Capabilities{Managed: true, Cancel: true, Import: true, Participants: true, Sessions: true, Staff: true}

// DefaultRedirectPort is the loopback port of Turnout's redirect URL
// (http://127.0.0.1:4201/oauth/callback), registered in the office's GoTo
// OAuth client; it can be changed per account.
const DefaultRedirectPort = 4201

// TokenFields are what GoTo's token response says about the organizer;
// the keys come as strings there, so they stay exact.
var TokenFields = []string{"organizer_key", "account_key", "email", "firstName", "lastName"}

// Spec is GoTo Webinar as Turnout's registry knows it.
var Spec = core.ProviderSpec{
	Kind: core.ProviderGoTo, Label: "GoTo Webinar", Order: 20, Caps: Capabilities, PushPerMinute: 600,
	Account: core.AccountForm{
		NamePlaceholder: "GoTo organizer",
		Help: "Connect in browser: the organizer signs in to GoTo in their own browser and allows Turnout. " +
			"Needs the office's GoTo OAuth client (developer.goto.com → OAuth Clients) whose redirect URL is " +
			"http://127.0.0.1:" + strconv.Itoa(DefaultRedirectPort) + "/oauth/callback (or the port you set below). " +
			"Connect one account per organizer.",
		Browser: &core.BrowserSignIn{
			Fields: []core.CredentialField{
				{Key: core.CredClientID, Label: "Client ID", Required: true},
				{Key: core.CredClientSecret, Label: "Client secret", Secret: true, Required: true},
			},
			DefaultPort: DefaultRedirectPort,
			PortHint:    "The number in the redirect URL of your GoTo OAuth client: it must be http://127.0.0.1:PORT/oauth/callback.",
		},
		OAuthURLHint: DefaultOAuthURL, APIURLHint: DefaultAPIURL,
	},
	Events: core.EventForm{
		Fields: []core.EventField{
			{Field: core.FieldExternalID, Label: "Webinar key", Typed: core.NeedRequired, Linked: core.NeedRequired,
				Hint: "The long number on the webinar's page in GoTo Webinar (Settings → Webinar key)."},
			{Field: core.FieldJoinURL, Label: "Join URL (optional)", Placeholder: "https://", Typed: core.NeedOptional, Linked: core.NeedFromProvider,
				Hint: "A registration or join page to put in the reminder. Leave empty if GoTo emails the link."},
		},
		Note: "Until a GoTo organizer is connected (Settings → Accounts), Turnout sends the link you give.",
		LinkedNote: "When you save, Turnout reads the title, times and registration page from GoTo and registers everyone " +
			"with GoTo; each person's own join link goes into their reminder.",
	},
	New: newFromAccount,
	OAuth: func(a core.Account) core.OAuthApp {
		return UserOAuth(a.OAuthURL, a.Credentials.ClientID, a.Credentials.ClientSecret, a.OAuthPort)
	},
}

// UserOAuth describes GoTo's OAuth for an account ("" means the real
// authentication service). GoTo wants HTTP Basic client authentication,
// which core/oauth sends when there is a secret.
func UserOAuth(oauthURL, clientID, clientSecret string, port int) core.OAuthApp {
	base := strings.TrimRight(oauthURL, "/")
	if base == "" {
		base = DefaultOAuthURL
	}
	if port == 0 {
		port = DefaultRedirectPort
	}
	return core.OAuthApp{Name: "GoTo Webinar", AuthURL: base + "/oauth/authorize", TokenURL: base + "/oauth/token",
		ClientID: clientID, ClientSecret: clientSecret, Scopes: []string{"collab:"}, Port: port, TokenFields: TokenFields}
}

// newFromAccount builds the client of a stored organizer account around
// the browser sign-in's tokens.
func newFromAccount(a core.Account, d core.ProviderDeps) (core.Provider, error) {
	if d.Tokens == nil {
		return nil, core.Errorf(core.EINVALID, "GoTo Webinar organizers connect through the browser; connect %s again.", a.Name)
	}
	return New(Config{APIURL: a.APIURL, OrganizerKey: a.ProviderIDs["organizer_key"], Tokens: d.Tokens, HTTP: d.HTTP, Now: d.Now}), nil
}

func init() { core.Register(Spec) }
