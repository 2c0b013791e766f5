package mail

import (
	"strings"

	"github.com/turnout-app/turnout/core"
)

// Turnout's own app registrations, set at build time
// (-ldflags "-X github.com/turnout-app/turnout/core/mail.MicrosoftClientID=…").
// An office can use its own instead (Settings → Mail, or --client-id).
var (
	MicrosoftClientID = ""
	GoogleClientID    = ""
	// GoogleClientSecret is the desktop client's secret Google issues
	// with it (Google says it is not confidential for installed apps).
	GoogleClientSecret = ""
)

// The services' real sign-in addresses; MailSignIn.OAuthURL replaces them.
const (
	MicrosoftLogin = "https://login.microsoftonline.com"
	GoogleAuthURL  = "https://accounts.google.com/o/oauth2/v2/auth"
	GoogleTokenURL = "https://oauth2.googleapis.com/token"
	GoogleRevoke   = "https://oauth2.googleapis.com/revoke"
	// DefaultTenant signs in work and school accounts of any tenant.
	DefaultTenant = "organizations"
)

// Scopes each service needs to send mail over SMTP, with a refresh token.
var (
	MicrosoftScopes = []string{"https://outlook.office.com/SMTP.Send", "offline_access"}
	GoogleScopes    = []string{"https://mail.google.com/"}
)

// DefaultServer is the submission server of a sign-in kind.
func DefaultServer(k core.MailSignInKind) (host string, port int, sec core.MailSecurity) {
	switch k {
	case core.MailSignInMicrosoft:
		return "smtp.office365.com", 587, core.MailSecuritySTARTTLS
	case core.MailSignInGoogle:
		return "smtp.gmail.com", 587, core.MailSecuritySTARTTLS
	}
	return "", 0, ""
}

// DefaultClientID is Turnout's own client ID for the kind ("" when this
// build has none).
func DefaultClientID(k core.MailSignInKind) (id, secret string) {
	switch k {
	case core.MailSignInMicrosoft:
		return MicrosoftClientID, ""
	case core.MailSignInGoogle:
		return GoogleClientID, GoogleClientSecret
	}
	return "", ""
}

// SignInApp describes the OAuth app the settings sign in with: the
// Microsoft identity platform (tenant, PKCE public client, SMTP.Send and
// offline_access) or Google (desktop client, offline access).
func SignInApp(c core.MailSettings) (core.OAuthApp, error) {
	k := c.SignIn
	if c.ClientID == "" {
		return core.OAuthApp{}, core.Errorf(core.EINVALID, "This Turnout has no app registration for %s built in: register one (%s) and enter its client ID in Settings → Mail (or --client-id).", k.Label(), RegisterHelp(k))
	}
	base := strings.TrimRight(c.OAuthURL, "/")
	app := core.OAuthApp{Name: k.Label(), ClientID: c.ClientID, ClientSecret: c.ClientSecret, Port: c.OAuthPort,
		AuthParams: map[string]string{"login_hint": c.User}}
	switch k {
	case core.MailSignInMicrosoft:
		tenant := c.Tenant
		if tenant == "" {
			tenant = DefaultTenant
		}
		if base == "" {
			base = MicrosoftLogin
		}
		app.AuthURL = base + "/" + tenant + "/oauth2/v2.0/authorize"
		app.TokenURL = base + "/" + tenant + "/oauth2/v2.0/token"
		app.Scopes = MicrosoftScopes
	case core.MailSignInGoogle:
		app.AuthURL, app.TokenURL, app.RevokeURL = GoogleAuthURL, GoogleTokenURL, GoogleRevoke
		if base != "" {
			app.AuthURL, app.TokenURL, app.RevokeURL = base+"/o/oauth2/v2/auth", base+"/token", base+"/revoke"
		}
		app.Scopes = GoogleScopes
		app.AuthParams["access_type"] = "offline" // a refresh token
		app.AuthParams["prompt"] = "consent"
	default:
		return core.OAuthApp{}, core.Errorf(core.EINVALID, "The mail settings sign in with a password, not through the browser.")
	}
	return app, nil
}

// RegisterHelp says in a line how an office registers its own app.
func RegisterHelp(k core.MailSignInKind) string {
	if k == core.MailSignInGoogle {
		return "Google Cloud console: an OAuth client of type Desktop app, with the Gmail scope https://mail.google.com/"
	}
	return "Microsoft Entra ID: a public client (mobile and desktop) with redirect http://localhost and the permission SMTP.Send"
}
