package ui

import (
	"testing"

	"github.com/turnout-app/turnout/core"
)

// The mail settings say where passwords are kept, and that a password
// saved on another computer must be typed again.
func TestMailSettingsSayWherePasswordsAreKept(t *testing.T) {
	u, _, _ := newTestUIWithStore(t)
	u.ShowSettings()
	u.wait()
	m := u.settings.mail
	m.fill(core.MailSettings{Host: "smtp.example.org", Port: 587, User: "events@example.org",
		From: "events@example.org", PasswordMissing: true, PasswordsKept: core.SecretsSealed})
	if m.passState.Text != "Not set on this computer" || !m.clearPass.Disabled() {
		t.Errorf("password state %q, clear enabled=%v", m.passState.Text, !m.clearPass.Disabled())
	}
	if m.passKept.Text != core.SecretsSealed.Note() || m.passKept.Text == "" {
		t.Errorf("where passwords are kept: %q", m.passKept.Text)
	}
	m.fill(core.MailSettings{Host: "smtp.example.org", Port: 587, User: "events@example.org",
		From: "events@example.org", Password: "(set)", PasswordsKept: core.SecretsInKeyring})
	if m.passState.Text != "Saved" || m.passKept.Text != core.SecretsInKeyring.Note() {
		t.Errorf("saved: %q / %q", m.passState.Text, m.passKept.Text)
	}
}
