package keyring_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/keyring"
	"github.com/turnout-app/turnout/core/keyring/keyringtest"
)

// TestSecretServiceKeepsAndForgetsSecrets runs against a real
// gnome-keyring on a private session bus.
func TestSecretServiceKeepsAndForgetsSecrets(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", keyringtest.Start(t))
	if err := keyring.Available(10 * time.Second); err != nil {
		t.Fatalf("the test Secret Service does not work: %v", err)
	}
	s := keyring.New(true, filepath.Join(t.TempDir(), "unused.key"))
	if s.Place() != core.SecretsInKeyring {
		t.Fatalf("Place() = %q", s.Place())
	}
	const secret = "refresh-7f3a9c2e51b84d0fa6e1"
	ref, err := s.Put("file1/account/3", secret)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ref, secret) {
		t.Fatalf("the reference %q carries the secret", ref)
	}
	if got, err := s.Get(ref); err != nil || got != secret {
		t.Fatalf("Get = %q, %v", got, err)
	}
	// Put again under the same name replaces the value (a refreshed token).
	if ref2, err := s.Put("file1/account/3", "newer"); err != nil || ref2 != ref {
		t.Fatalf("second Put = %q, %v; want the same reference", ref2, err)
	}
	if got, _ := s.Get(ref); got != "newer" {
		t.Fatalf("after replacing: %q", got)
	}
	if err := s.Delete(ref); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ref); !errors.Is(err, core.ErrSecretMissing) {
		t.Fatalf("Get after Delete = %v, want ErrSecretMissing", err)
	}
	if err := s.Delete(ref); err != nil {
		t.Fatalf("deleting twice: %v", err)
	}
	// A reference from another computer's keyring is missing here.
	if _, err := s.Get("keyring:otherfile/account/1"); !errors.Is(err, core.ErrSecretMissing) {
		t.Fatalf("unknown entry: %v", err)
	}
}

func TestWithoutASessionBusThereIsNoKeyring(t *testing.T) {
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	if err := keyring.Available(time.Second); err == nil {
		t.Fatal("a keyring was found without a session bus")
	}
}

func TestSealedSecretsOpenOnlyWithTheirKeyAndName(t *testing.T) {
	dir := t.TempDir()
	keyPath := filepath.Join(dir, "settings", "secret.key")
	s := keyring.New(false, keyPath)
	if s.Place() != core.SecretsSealed {
		t.Fatalf("Place() = %q", s.Place())
	}
	const secret = "smtp-Pass-42"
	ref, err := s.Put("file1/mail/password", secret)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ref, secret) || !strings.HasPrefix(ref, "sealed:") {
		t.Fatalf("reference %q", ref)
	}
	info, err := os.Stat(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v, want 0600", info.Mode().Perm())
	}
	// Two seals of one secret differ (random nonce).
	if ref2, _ := s.Put("file1/mail/password", secret); ref2 == ref {
		t.Fatal("sealing twice gave the same bytes")
	}
	// The same key file (a restart) opens it.
	if got, err := keyring.New(false, keyPath).Get(ref); err != nil || got != secret {
		t.Fatalf("Get = %q, %v", got, err)
	}
	// Another computer: another key, or none.
	other := keyring.New(false, filepath.Join(dir, "other.key"))
	if _, err := other.Put("x", "y"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Get(ref); !errors.Is(err, core.ErrSecretMissing) {
		t.Fatalf("another key: %v", err)
	}
	if _, err := keyring.New(false, filepath.Join(dir, "none.key")).Get(ref); !errors.Is(err, core.ErrSecretMissing) {
		t.Fatalf("no key: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.key")); err == nil {
		t.Fatal("reading made a key file")
	}
	// A sealed value moved to another name does not open.
	moved := strings.Replace(ref, "file1/mail/password", "file1/account/1", 1)
	if _, err := s.Get(moved); !errors.Is(err, core.ErrSecretMissing) {
		t.Fatalf("moved seal: %v", err)
	}
	// A damaged key file is an error, never silently replaced.
	if err := os.WriteFile(filepath.Join(dir, "bad.key"), []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.New(false, filepath.Join(dir, "bad.key")).Put("a", "b"); err == nil {
		t.Fatal("a damaged key file was used")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "bad.key")); string(b) != "short" {
		t.Fatal("the damaged key file was replaced")
	}
}
