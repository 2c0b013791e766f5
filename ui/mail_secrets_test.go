package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
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

// After restoring a backup from another computer the window says which
// sign-ins and passwords must be given again.
func TestRestoredSecretsNoteNamesWhatIsMissing(t *testing.T) {
	ctx := context.Background()
	open := func(path string, keyring core.SecretStore) *engine.Engine {
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := db.UseSecrets(keyring); err != nil {
			t.Fatal(err)
		}
		return engine.New(db, engine.WithClock(coretest.NewClock(testNow)))
	}
	eng := open(filepath.Join(t.TempDir(), "turnout.db"), coretest.NewSecrets())
	if note := restoredSecretsNote(ctx, eng, eng); note != "" {
		t.Fatalf("nothing is missing, yet: %q", note)
	}
	if _, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: "smtp.example.org", Port: 587,
		User: "events@example.org", Password: "pw-123456", From: "events@example.org"}); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.AddAccount(ctx, core.Account{Name: "Keys", Provider: core.ProviderZoom, Active: true,
		Credentials: core.Credentials{AccountID: "a", ClientID: "b", ClientSecret: "c-secret"}}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := eng.BackupFile(backup); err != nil {
		t.Fatal(err)
	}
	other := open(backup, coretest.NewSecrets())
	note := restoredSecretsNote(ctx, other, other)
	if !strings.Contains(note, "1 provider account(s) must be connected again") || !strings.Contains(note, "mail password is not set") {
		t.Fatalf("note = %q", note)
	}
}
