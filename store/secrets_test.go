package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
)

// Every secret an office's data file ever held; none may be in the file
// or a backup once a secret store keeps them.
var oldSecrets = []string{"cs-S2S-Secret-41", "at-Access-1", "rt-Refresh-1", "at-Access-2", "rt-Refresh-2",
	"at-Access-3", "rt-Refresh-3", "Smtp-Password-9"}

// writeOldFile writes a data file the way Turnout did before secrets left
// it: a Server-to-Server account with its client secret, a user account
// whose token was refreshed twice, and a mail password in the settings.
func writeOldFile(t *testing.T, path string) (s2s, user core.ID) {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	keys := core.Account{Name: "Keys", Provider: core.ProviderZoom, Active: true,
		Credentials: core.Credentials{AccountID: "acc-1", ClientID: "cid-1", ClientSecret: "cs-S2S-Secret-41"}}
	browser := core.Account{Name: "Browser", Provider: core.ProviderZoom, Active: true, Auth: core.AuthUser,
		Credentials: core.Credentials{ClientID: "cid-2"}, Token: core.OAuthToken{AccessToken: "at-Access-1", RefreshToken: "rt-Refresh-1"}}
	update(t, db, func(tx core.Tx) error {
		if err := tx.PutAccount(&keys); err != nil {
			return err
		}
		return tx.PutAccount(&browser)
	})
	for _, n := range []string{"2", "3"} { // refreshes leave the old tokens on freed pages
		browser.Token = core.OAuthToken{AccessToken: "at-Access-" + n, RefreshToken: "rt-Refresh-" + n}
		update(t, db, func(tx core.Tx) error { return tx.PutAccount(&browser) })
	}
	mail, _ := json.Marshal(core.MailSettings{Host: "smtp.example.org", Port: 587, User: "events@example.org",
		Password: "Smtp-Password-9", From: "events@example.org"})
	update(t, db, func(tx core.Tx) error { return tx.PutSetting(legacyMailSetting, mail) })
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	for _, s := range []string{"cs-S2S-Secret-41", "at-Access-3", "rt-Refresh-3", "Smtp-Password-9"} {
		if !bytes.Contains(raw, []byte(s)) {
			t.Fatalf("fixture: the old file lacks %q", s)
		}
	}
	return keys.ID, browser.ID
}

func clearTextIn(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, s := range oldSecrets {
		if bytes.Contains(raw, []byte(s)) {
			found = append(found, s)
		}
	}
	return found
}

func TestSecretsLeaveAnOldFileOnFirstOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "turnout.db")
	s2s, user := writeOldFile(t, path)
	keyring := coretest.NewSecrets()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n, err := db.UseSecrets(keyring)
	if err != nil || n != 3 {
		t.Fatalf("UseSecrets = %d, %v; want 2 accounts and the mail password", n, err)
	}
	if found := clearTextIn(t, path); len(found) > 0 {
		t.Fatalf("the data file still holds %q", found)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	f, _ := os.Create(backup)
	if _, err := db.Backup(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if found := clearTextIn(t, backup); len(found) > 0 {
		t.Fatalf("the backup holds %q", found)
	}
	// The secrets are in the store and read back with the accounts.
	if keyring.Len() != 3 {
		t.Fatalf("the secret store keeps %d entries, want 3", keyring.Len())
	}
	view(t, db, func(tx core.Tx) error {
		a, err := tx.Account(s2s)
		if err != nil || a.Credentials.ClientSecret != "cs-S2S-Secret-41" || a.Credentials.ClientID != "cid-1" || a.NeedsReconnect {
			t.Errorf("keys account = %+v, %v", a.Credentials.ClientID, err)
		}
		b, err := tx.Account(user)
		if err != nil || b.Token.AccessToken != "at-Access-3" || b.Token.RefreshToken != "rt-Refresh-3" || b.NeedsReconnect {
			t.Errorf("browser account token wrong (%v)", err)
		}
		raw, _ := tx.Setting(legacyMailSetting)
		var m core.MailSettings
		json.Unmarshal(raw, &m)
		if pw, err := tx.Secret(m.PasswordRef); m.Password != "" || err != nil || pw != "Smtp-Password-9" {
			t.Errorf("mail password: stored %q, ref %q resolves to %q, %v", m.Password, m.PasswordRef, pw, err)
		}
		return nil
	})
	// Opening again moves nothing and keeps what is there.
	db.Close()
	db2, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if n, err := db2.UseSecrets(keyring); n != 0 || err != nil {
		t.Fatalf("second open moved %d, %v", n, err)
	}
	view(t, db2, func(tx core.Tx) error {
		a, err := tx.Account(s2s)
		if err != nil || a.Credentials.ClientSecret != "cs-S2S-Secret-41" {
			t.Errorf("after reopening the secret is gone (%v)", err)
		}
		return nil
	})
}

func TestAFileFromAnotherComputerAsksToReconnect(t *testing.T) {
	path := filepath.Join(t.TempDir(), "turnout.db")
	s2s, user := writeOldFile(t, path)
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.UseSecrets(coretest.NewSecrets()); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// The same file on a computer whose password store does not hold them.
	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.UseSecrets(coretest.NewSecrets()); err != nil {
		t.Fatal(err)
	}
	view(t, other, func(tx core.Tx) error {
		for _, id := range []core.ID{s2s, user} {
			a, err := tx.Account(id)
			if err != nil {
				t.Fatalf("reading account %d: %v", id, err)
			}
			if !a.NeedsReconnect || !strings.Contains(a.LastError, "connect the account again") {
				t.Errorf("account %s: NeedsReconnect=%v %q", a.Name, a.NeedsReconnect, a.LastError)
			}
			if a.Credentials.ClientSecret != "" || !a.Token.Empty() {
				t.Errorf("account %s kept secrets it cannot have", a.Name)
			}
		}
		list, err := tx.Accounts()
		if err != nil || len(list) != 2 {
			t.Errorf("listing: %d accounts, %v", len(list), err)
		}
		raw, _ := tx.Setting(legacyMailSetting)
		var m core.MailSettings
		json.Unmarshal(raw, &m)
		if _, err := tx.Secret(m.PasswordRef); !errors.Is(err, core.ErrSecretMissing) {
			t.Errorf("mail password: %v, want ErrSecretMissing", err)
		}
		return nil
	})
	// Connecting again stores the new secret and clears the mark.
	update(t, other, func(tx core.Tx) error {
		a, err := tx.Account(s2s)
		if err != nil {
			return err
		}
		a.Credentials.ClientSecret, a.NeedsReconnect, a.LastError = "cs-New-Secret-77", false, ""
		return tx.PutAccount(&a)
	})
	view(t, other, func(tx core.Tx) error {
		if a, _ := tx.Account(s2s); a.NeedsReconnect || a.Credentials.ClientSecret != "cs-New-Secret-77" {
			t.Errorf("after reconnecting: %v", a.NeedsReconnect)
		}
		return nil
	})
}

func TestRestoringAnOldClearBackupSealsItAgain(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old-backup.db")
	writeOldFile(t, old)
	path := filepath.Join(dir, "live", "turnout.db")
	if err := MakeFolder(path); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keyring := coretest.NewSecrets()
	if _, err := db.UseSecrets(keyring); err != nil {
		t.Fatal(err)
	}
	if err := db.Restore(old); err != nil {
		t.Fatal(err)
	}
	if found := clearTextIn(t, path); len(found) > 0 {
		t.Fatalf("after restoring, the data file holds %q", found)
	}
	if keyring.Len() != 3 {
		t.Fatalf("secret store keeps %d", keyring.Len())
	}
}

func TestNewSecretsNeverReachTheFileAndGoneOnesAreForgotten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "turnout.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	keyring := coretest.NewSecrets()
	if _, err := db.UseSecrets(keyring); err != nil {
		t.Fatal(err)
	}
	a := core.Account{Name: "Browser", Provider: core.ProviderZoom, Active: true, Auth: core.AuthUser,
		Credentials: core.Credentials{ClientID: "cid-2", ClientSecret: "cs-S2S-Secret-41"}}
	for _, n := range []string{"1", "2", "3"} {
		a.Token = core.OAuthToken{AccessToken: "at-Access-" + n, RefreshToken: "rt-Refresh-" + n, TokenType: "bearer"}
		update(t, db, func(tx core.Tx) error { return tx.PutAccount(&a) })
	}
	var ref string
	update(t, db, func(tx core.Tx) error {
		var err error
		ref, err = tx.PutSecret("mail/password", "Smtp-Password-9")
		return err
	})
	if found := clearTextIn(t, path); len(found) > 0 {
		t.Fatalf("the data file holds %q", found)
	}
	// A rolled-back forget keeps the secret; a committed one drops it.
	boom := errors.New("boom")
	if err := db.Update(ctx(), func(tx core.Tx) error { tx.DeleteSecret(ref); return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if _, err := keyring.Get(ref); err != nil {
		t.Fatal("a rolled-back transaction forgot the secret")
	}
	// Disconnecting (no secret left) forgets the account's entry.
	a.Token, a.Credentials.ClientSecret = core.OAuthToken{}, ""
	update(t, db, func(tx core.Tx) error { return tx.PutAccount(&a) })
	update(t, db, func(tx core.Tx) error { return tx.DeleteSecret(ref) })
	if keyring.Len() != 0 {
		t.Fatalf("%d secrets left after both went away", keyring.Len())
	}
}
