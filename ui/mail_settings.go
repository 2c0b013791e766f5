package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// Connection security as the select shows it.
var securityChoices = []struct {
	label string
	value core.MailSecurity
}{
	{"STARTTLS (usually port 587)", core.MailSecuritySTARTTLS},
	{"TLS (usually port 465)", core.MailSecurityTLS},
	{"None (port 25, inside the office only)", core.MailSecurityNone},
}

func securityLabels() []string {
	out := make([]string, len(securityChoices))
	for i, c := range securityChoices {
		out[i] = c.label
	}
	return out
}

func securityLabel(s core.MailSecurity) string {
	for _, c := range securityChoices {
		if c.value == s {
			return c.label
		}
	}
	return securityChoices[0].label
}

func securityValue(label string) core.MailSecurity {
	for _, c := range securityChoices {
		if c.label == label {
			return c.value
		}
	}
	return core.MailSecuritySTARTTLS
}

// MailSettings is the Settings card for the mail server reminders go
// through, with a test email and the reminder templates. The stored
// password is never shown: the card says whether one is saved.
type MailSettings struct {
	// The services this screen uses (and nothing else of the engine).
	settings  core.SettingsService
	reminders core.ReminderService

	app *App

	host       *widget.Entry
	port       *widget.Entry
	security   *widget.Select
	user       *widget.Entry
	password   *widget.Entry
	passState  *widget.Label // "Saved" or "Not set"
	passKept   *widget.Label // where passwords are kept (core.SecretPlace.Note)
	clearPass  *widget.Button
	from       *widget.Entry
	fromName   *widget.Entry
	replyTo    *widget.Entry
	saveBtn    *widget.Button
	status     *widget.Label
	testTo     *widget.Entry
	testBtn    *widget.Button
	testResult *widget.Label
	templates  *widget.Button
	profile    *mailProfileEditor // sending limits (mail_profile.go)

	signIn *mailSignIn // Microsoft 365 and Google (mail_signin.go)
	loaded core.MailSettings

	editor  *TemplateEditor // the last template editor opened
	content fyne.CanvasObject
	hasPass bool
}

func newMailSettings(u *App) *MailSettings {
	m := &MailSettings{app: u, settings: u.svc.Settings, reminders: u.svc.Reminders}
	m.host = widget.NewEntry()
	m.host.SetPlaceHolder("smtp.your-provider.org")
	m.port = widget.NewEntry()
	m.port.SetPlaceHolder("587")
	m.security = widget.NewSelect(securityLabels(), nil)
	m.security.SetSelected(securityChoices[0].label)
	m.user = widget.NewEntry()
	m.user.SetPlaceHolder("Usually the sender address")
	m.password = widget.NewPasswordEntry()
	m.passState = widget.NewLabel("")
	m.passState.SizeName = theme.SizeNameCaptionText
	m.clearPass = widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), m.onClearPassword)
	m.clearPass.Importance = widget.LowImportance
	m.passKept = hint("")
	m.from = widget.NewEntry()
	m.from.SetPlaceHolder("events@your-office.org")
	m.fromName = widget.NewEntry()
	m.fromName.SetPlaceHolder("Optional, e.g. Riverside Alumni Office")
	m.replyTo = widget.NewEntry()
	m.replyTo.SetPlaceHolder("Optional")
	m.saveBtn = widget.NewButtonWithIcon("Save mail settings", theme.DocumentSaveIcon(), m.onSave)
	m.saveBtn.Importance = widget.HighImportance
	m.status = widget.NewLabel("")
	m.status.Importance = widget.SuccessImportance
	m.testTo = widget.NewEntry()
	m.testTo.SetPlaceHolder("Your own address")
	m.testBtn = widget.NewButtonWithIcon("Send test email", theme.MailSendIcon(), m.onSendTest)
	m.testResult = para("")
	m.testResult.Hide()
	m.templates = widget.NewButtonWithIcon("Edit reminder email…", theme.DocumentCreateIcon(), m.onEditTemplates)
	m.setPasswordSaved(false)
	m.profile = newMailProfileEditor()
	m.signIn = newMailSignIn(m)

	portBox := container.NewBorder(nil, nil, widget.NewLabel("Port"), nil, fixedWidth(70, m.port))
	form := widget.NewForm(
		&widget.FormItem{Text: "Mail server", Widget: container.NewBorder(nil, nil, nil, portBox, m.host),
			HintText: "The SMTP server your email provider gives."},
		&widget.FormItem{Text: "Security", Widget: m.security},
		&widget.FormItem{Text: "User name", Widget: m.user},
		&widget.FormItem{Text: "Password", Widget: container.NewBorder(nil, nil, nil,
			container.NewHBox(m.passState, m.clearPass), m.password),
			HintText: "Never shown again; empty keeps the saved one."},
		&widget.FormItem{Text: "From", Widget: m.from, HintText: "The sender address registrants see."},
		&widget.FormItem{Text: "Sender name", Widget: m.fromName},
		&widget.FormItem{Text: "Reply-to", Widget: m.replyTo, HintText: "Empty: replies go to the office reply-to."},
	)
	test := container.NewBorder(nil, nil, widget.NewLabel("Send a test to"), m.testBtn, m.testTo)
	m.content = widget.NewCard("Mail", "Reminder emails go out through your office's mail server.", container.NewVBox(
		m.signIn.content,
		widget.NewSeparator(),
		form,
		m.passKept,
		m.profile.content,
		container.NewHBox(m.status, layout.NewSpacer(), m.saveBtn),
		widget.NewSeparator(),
		test,
		m.testResult,
		widget.NewSeparator(),
		container.NewBorder(nil, nil, nil, m.templates,
			hint("Subject and text of the reminder, with your branding from Office.")),
	))
	return m
}

// load reads the mail settings (the password only as "saved or not").
func (m *MailSettings) load() {
	m.status.SetText("")
	m.app.background(func(ctx context.Context) error {
		c, err := m.settings.MailSettings(ctx)
		if err != nil {
			return err
		}
		m.app.do(func() { m.fill(c) })
		return nil
	})
}

func (m *MailSettings) fill(c core.MailSettings) {
	m.loaded = c
	m.signIn.fill(c)
	m.host.SetText(c.Host)
	m.port.SetText("")
	if c.Port > 0 {
		m.port.SetText(strconv.Itoa(c.Port))
	}
	m.security.SetSelected(securityLabel(c.Security))
	m.user.SetText(c.User)
	m.password.SetText("")
	m.from.SetText(c.From)
	m.fromName.SetText(c.FromName)
	m.replyTo.SetText(c.ReplyTo)
	m.setPasswordSaved(c.Password != "")
	if c.PasswordMissing { // saved on another computer: type it again
		m.passState.SetText("Not set on this computer")
	}
	m.passKept.SetText(c.PasswordsKept.Note())
	m.profile.fill(c)
}

func (m *MailSettings) setPasswordSaved(saved bool) {
	m.hasPass = saved
	if saved {
		m.passState.SetText("Saved")
		m.passState.Importance = widget.SuccessImportance
		m.password.SetPlaceHolder("Type to replace the saved password")
		m.clearPass.Enable()
	} else {
		m.passState.SetText("Not set")
		m.passState.Importance = widget.LowImportance
		m.password.SetPlaceHolder("If your server needs one")
		m.clearPass.Disable()
	}
	m.passState.Refresh()
}

// config is the form as a core.MailSettings; an unreadable port stays 0 so the
// engine's message explains it.
func (m *MailSettings) config() core.MailSettings {
	port, _ := strconv.Atoi(strings.TrimSpace(m.port.Text))
	c := core.MailSettings{Host: m.host.Text, Port: port, Security: securityValue(m.security.Selected),
		User: m.user.Text, Password: m.password.Text, From: m.from.Text, FromName: strings.TrimSpace(m.fromName.Text),
		ReplyTo: m.replyTo.Text, Profile: m.profile.value()}
	// The browser sign-in stays while the server stays; another server
	// is a password server.
	if m.loaded.SignIn.OAuth() && strings.EqualFold(strings.TrimSpace(c.Host), m.loaded.Host) {
		c.MailSignIn, c.Password = m.loaded.MailSignIn, ""
	}
	return c
}

func (m *MailSettings) onSave() {
	c := m.config()
	m.status.SetText("")
	m.saveBtn.Disable()
	m.app.background(func(ctx context.Context) error {
		saved, err := m.settings.SaveMailSettings(ctx, c)
		m.app.do(func() {
			m.saveBtn.Enable()
			if err == nil {
				m.fill(saved)
				m.status.SetText("Saved.")
			}
		})
		return err
	})
}

func (m *MailSettings) onClearPassword() {
	m.app.confirm("Clear mail password",
		"Remove the saved mail password?\n\nIf your mail server needs one, reminders cannot be sent until you enter it again.",
		"Clear password", widget.DangerImportance, m.clearPassword)
}

func (m *MailSettings) clearPassword() {
	m.app.background(func(ctx context.Context) error {
		if err := m.settings.ClearMailPassword(ctx); err != nil {
			return err
		}
		m.app.do(func() {
			m.password.SetText("")
			m.setPasswordSaved(false)
			m.status.SetText("Password cleared.")
		})
		return nil
	})
}

// onSendTest saves the form (so the test uses what staff see) and sends a
// short message to the address given, then says how it went.
func (m *MailSettings) onSendTest() {
	c, to := m.config(), strings.TrimSpace(m.testTo.Text)
	m.testBtn.Disable()
	m.testResult.Importance = widget.MediumImportance
	m.testResult.SetText("Sending a test email to " + to + "…")
	m.testResult.Show()
	m.app.tasks.Add(1)
	go func() {
		defer m.app.tasks.Done()
		ctx := context.Background()
		saved, err := m.settings.SaveMailSettings(ctx, c)
		if err == nil {
			err = m.reminders.SendTestEmail(ctx, to)
		}
		m.app.do(func() { m.showTestResult(to, saved, err) })
	}()
}

func (m *MailSettings) showTestResult(to string, saved core.MailSettings, err error) {
	m.testBtn.Enable()
	if err != nil {
		if core.ErrorCode(err) == core.EINTERNAL {
			m.app.log.Error("test email", "err", err)
		}
		msg := m.signIn.pointAtSignIn(core.ErrorMessage(err))
		m.testResult.Importance = widget.DangerImportance
		m.testResult.SetText("Not sent: " + msg)
		m.app.errorDialog("Test email not sent", msg)
		return
	}
	m.fill(saved)
	m.status.SetText("Saved.")
	m.testResult.Importance = widget.SuccessImportance
	m.testResult.SetText("Sent to " + to + ". If it does not arrive within a few minutes, look in the spam folder.")
}

func (m *MailSettings) onEditTemplates() {
	m.editor = newTemplateEditor(m.app)
	m.editor.show()
}
