package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

// openWithSecrets opens path with keyring as this computer's password store.
func openWithSecrets(t *testing.T, path string, keyring core.SecretStore) *engine.Engine {
	t.Helper()
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

func TestTheMailPasswordIsKeptOutOfTheDataFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "turnout.db")
	keyring := coretest.NewSecrets()
	eng := openWithSecrets(t, path, keyring)
	const pw = "Smtp-Pass-Word-31"
	saved, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: "smtp.example.org", Port: 587,
		User: "events@example.org", Password: pw, From: "events@example.org"})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Password != "(set)" || saved.PasswordRef != "" {
		t.Fatalf("saved = %q / %q", saved.Password, saved.PasswordRef)
	}
	// Saving again without a password keeps it.
	if _, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: "smtp2.example.org", Port: 587,
		User: "events@example.org", From: "events@example.org"}); err != nil {
		t.Fatal(err)
	}
	got, err := eng.MailSettings(ctx)
	if err != nil || got.Password != "(set)" || got.PasswordMissing || got.PasswordsKept != core.SecretsInKeyring {
		t.Fatalf("MailSettings = %+v, %v", got, err)
	}
	if got.PasswordsKept.Note() == "" {
		t.Fatal("Settings has nothing to say about where passwords are kept")
	}
	if raw, _ := os.ReadFile(path); strings.Contains(string(raw), pw) {
		t.Fatal("the mail password is in the data file")
	}
	if keyring.Len() != 1 {
		t.Fatalf("the password store keeps %d entries", keyring.Len())
	}
	if err := eng.ClearMailPassword(ctx); err != nil {
		t.Fatal(err)
	}
	if keyring.Len() != 0 {
		t.Fatal("clearing the password left it in the password store")
	}
	if got, _ := eng.MailSettings(ctx); got.Password != "" {
		t.Fatalf("after clearing: %q", got.Password)
	}
}

func TestOnAnotherComputerTheMailPasswordIsNotSet(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "turnout.db")
	eng := openWithSecrets(t, path, coretest.NewSecrets())
	if _, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: "smtp.example.org", Port: 587,
		User: "events@example.org", Password: "pw-1234", From: "events@example.org"}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := eng.BackupFile(backup); err != nil {
		t.Fatal(err)
	}
	other := openWithSecrets(t, backup, coretest.NewSecrets())
	got, err := other.MailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Password != "" || !got.PasswordMissing || got.Host != "smtp.example.org" {
		t.Fatalf("on another computer: %+v", got)
	}
	err = other.SendTestEmail(ctx, "ann@example.org")
	if !errors.Is(err, core.ErrMailPasswordMissing) || !strings.Contains(core.ErrorMessage(err), "Type it again") {
		t.Fatalf("SendTestEmail = %v", err)
	}
	// Typing it again mends it.
	if _, err := other.SaveMailSettings(ctx, core.MailSettings{Host: "smtp.example.org", Port: 587,
		User: "events@example.org", Password: "pw-5678", From: "events@example.org"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := other.MailSettings(ctx); got.PasswordMissing || got.Password != "(set)" {
		t.Fatalf("after typing it again: %+v", got)
	}
}
