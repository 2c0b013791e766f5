package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// mailSignIn is the part of Settings → Mail that signs in to Microsoft 365
// or Google in the browser (which then send the reminders with XOAUTH2),
// with two lines on registering the office's own app.
type mailSignIn struct {
	m         *MailSettings
	microsoft *widget.Button
	google    *widget.Button
	clientID  *widget.Entry
	tenant    *widget.Entry
	state     *widget.Label // "Signed in with … as …", or paused
	content   fyne.CanvasObject
}

func newMailSignIn(m *MailSettings) *mailSignIn {
	s := &mailSignIn{m: m}
	s.microsoft = widget.NewButtonWithIcon("Sign in with Microsoft 365", theme.LoginIcon(), func() { s.signIn(core.MailSignInMicrosoft) })
	s.google = widget.NewButtonWithIcon("Sign in with Google", theme.LoginIcon(), func() { s.signIn(core.MailSignInGoogle) })
	s.clientID = widget.NewEntry()
	s.clientID.SetPlaceHolder("Optional: your own app's ID")
	s.tenant = widget.NewEntry()
	s.tenant.SetPlaceHolder("organizations")
	s.state = para("")
	s.state.Hide()
	s.content = container.NewVBox(
		hint("Microsoft 365 and Google accept sign-in in the browser, not a password: sign in with the mailbox in From."),
		container.NewHBox(s.microsoft, s.google, layout.NewSpacer()),
		s.state,
		container.NewBorder(nil, nil, widget.NewLabel("Client ID"), container.NewHBox(widget.NewLabel("Tenant"), fixedWidth(150, s.tenant)), s.clientID),
		hint("Microsoft: register an app in Microsoft Entra ID as a public client, redirect http://localhost, permission SMTP.Send; its tenant ID goes in Tenant."),
		hint("Google: create an OAuth client of type Desktop app in Google Cloud, with the scope https://mail.google.com/."),
	)
	return s
}

// fill shows who is signed in, or that reminders wait for a new sign-in.
func (s *mailSignIn) fill(c core.MailSettings) {
	if !c.SignIn.OAuth() {
		s.state.Hide()
		return
	}
	if err := c.Blocked(); err != nil {
		s.state.Importance = widget.DangerImportance
		s.state.SetText(core.ErrorMessage(err))
	} else {
		s.state.Importance = widget.SuccessImportance
		s.state.SetText("Signed in with " + c.SignIn.Label() + " as " + c.User + ". Reminders go out through " + c.Host + ".")
	}
	s.state.Show()
	if c.OwnApp {
		s.clientID.SetText(c.ClientID)
	}
	if c.SignIn == core.MailSignInMicrosoft {
		s.tenant.SetText(c.Tenant)
	}
}

// signIn opens the browser at the service and waits (with Cancel) for
// the answer; the settings are saved only when the mail server accepted
// the new sign-in.
func (s *mailSignIn) signIn(kind core.MailSignInKind) {
	u := s.m.app
	from := strings.TrimSpace(s.m.from.Text)
	o := core.MailConnectOptions{SignIn: kind, From: from, ClientID: strings.TrimSpace(s.clientID.Text)}
	if kind == core.MailSignInMicrosoft {
		o.Tenant = strings.TrimSpace(s.tenant.Text)
	}
	u.settings.accounts.runConnect("Sign in with "+kind.Label(), func(ctx context.Context, co core.ConnectOptions) error {
		o.Shown = co.Shown
		saved, err := s.m.settings.ConnectMail(ctx, o, u.openURL)
		if err == nil {
			u.do(func() {
				s.m.fill(saved)
				s.m.status.SetText("Signed in.")
				u.mailBanner.show(saved)
			})
		}
		return err
	}, core.ConnectOptions{}, func(err error) {
		if err != nil {
			u.errorDialog("Not signed in", core.ErrorMessage(err))
		}
	})
}

// pointAtSignIn adds to a refusal of the password by Microsoft 365
// (550 5.7.30, Basic authentication switched off) where to go instead, and
// makes the Microsoft button stand out.
func (s *mailSignIn) pointAtSignIn(msg string) string {
	if !strings.Contains(msg, "5.7.30") {
		s.microsoft.Importance = widget.MediumImportance
		s.microsoft.Refresh()
		return msg
	}
	s.microsoft.Importance = widget.HighImportance
	s.microsoft.Refresh()
	if strings.Contains(msg, "Sign in with Microsoft") {
		return msg
	}
	return msg + "\n\nMicrosoft 365 no longer accepts passwords: press Sign in with Microsoft 365 above."
}

// mailPauseBanner is the strip over every screen that says reminders are
// paused until staff sign in again; a hidden window gets a desktop
// notification instead of (as well as) the strip.
type mailPauseBanner struct {
	app      *App
	settings core.SettingsService
	text     *widget.Label
	box      *fyne.Container
	holder   *fyne.Container // banner and screen: showing the banner changes its layout
	kind     core.MailSignInKind
	paused   bool
	refresh  throttle
}

func newMailPauseBanner(u *App) *mailPauseBanner {
	b := &mailPauseBanner{app: u, settings: u.svc.Settings, text: widget.NewLabel("")}
	b.text.Truncation = fyne.TextTruncateEllipsis
	b.text.Importance = widget.DangerImportance
	again := widget.NewButtonWithIcon("Sign in again", theme.LoginIcon(), b.onSignInAgain)
	again.Importance = widget.HighImportance
	b.box = container.NewBorder(nil, widget.NewSeparator(), widget.NewIcon(theme.WarningIcon()), again, b.text)
	b.box.Hide()
	return b
}

// showChanges rechecks the sign-in when reminders moved (UI goroutine):
// the outbox records a pause on the registrants it could not send to.
// Other changes (imports, edits, pushes) can't pause the reminders.
func (b *mailPauseBanner) showChanges(cs []core.Change) {
	for _, c := range cs {
		if c.Has(core.ChangeReminders | core.ChangeAll) {
			b.refresh.request(b.app, b.check)
			return
		}
	}
}

// above puts the banner over content.
func (b *mailPauseBanner) above(content fyne.CanvasObject) fyne.CanvasObject {
	b.holder = container.NewBorder(b.box, nil, nil, nil, content)
	return b.holder
}

// check reads whether reminders wait for a sign-in.
func (b *mailPauseBanner) check() {
	b.app.quietly("mail sign-in state", func(ctx context.Context) error {
		c, err := b.settings.MailSettings(ctx)
		if err == nil {
			b.app.do(func() { b.show(c) })
		}
		return err
	})
}

// show updates the banner from the mail settings (UI goroutine).
func (b *mailPauseBanner) show(c core.MailSettings) {
	paused := c.SignIn.OAuth() && c.Blocked() != nil
	if paused && !b.paused {
		b.app.notify("Reminders are paused", "Sign in again to "+c.SignIn.Label()+" in Turnout's Settings → Mail; nothing is lost.")
	}
	b.paused, b.kind = paused, c.SignIn
	if paused {
		b.text.SetText("Reminders are paused: sign in again to " + c.SignIn.Label() + " as " + c.User + ".")
		b.box.Show()
	} else {
		b.box.Hide()
	}
	if b.holder != nil {
		b.holder.Refresh()
	}
}

func (b *mailPauseBanner) onSignInAgain() {
	b.app.ShowSettings()
	b.app.settings.mail.signIn.signIn(b.kind)
}

// showMailPaused shows the banner as when Microsoft 365 refused the
// demo office's sign-in (a start scene).
func showMailPaused(u *App) {
	c := core.MailSettings{Host: "smtp.office365.com", Port: 587, User: "events.office@alumni.example.org", From: "events.office@alumni.example.org"}
	c.SignIn, c.NeedsSignIn = core.MailSignInMicrosoft, true
	u.mailBanner.show(c)
}
