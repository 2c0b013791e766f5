// Package keyring keeps Turnout's secrets (client secrets, OAuth tokens,
// the mail password) off the data file. It implements core.SecretStore
// with the operating system's credential store through
// github.com/zalando/go-keyring (Secret Service over D-Bus on Linux,
// Credential Manager on Windows, Keychain on macOS). On a computer without
// one it seals each secret with AES-GCM under a key kept in a 0600 file in
// the user's settings folder, so the data file and its backups hold only
// ciphertext.
package keyring

import (
	"errors"
	"fmt"
	"strings"
	"time"

	gokeyring "github.com/zalando/go-keyring"

	"github.com/turnout-app/turnout/core"
)

// Service is the name Turnout's entries carry in the credential store.
const Service = "Turnout"

// Reference prefixes: what a data file keeps in place of a secret.
const (
	keyringRef = "keyring:" // keyring:<name>: the secret is in the credential store
	sealedRef  = "sealed:"  // sealed:v1:<name>:<base64>: the secret, encrypted
)

// Store is a core.SecretStore: new secrets go to the credential store when
// InKeyring, else they are sealed with the key in KeyFile. References of
// either kind are read back whichever way new ones are written, so a file
// moved between the two modes keeps what it can.
type Store struct {
	InKeyring bool
	Service   string // "" means Service
	key       *keyFile
}

var _ core.SecretStore = (*Store)(nil)

// New returns a store writing to the credential store (inKeyring) or
// sealing with the key at keyPath (made on first use).
func New(inKeyring bool, keyPath string) *Store {
	return &Store{InKeyring: inKeyring, Service: Service, key: &keyFile{path: keyPath}}
}

// Place says where new secrets go.
func (s *Store) Place() core.SecretPlace {
	if s.InKeyring {
		return core.SecretsInKeyring
	}
	return core.SecretsSealed
}

// Put keeps secret under name and returns its reference.
func (s *Store) Put(name, secret string) (string, error) {
	if strings.Contains(name, ":") {
		return "", fmt.Errorf("keyring: secret name %q has a colon", name)
	}
	if s.InKeyring {
		err := bounded(func() error { return gokeyring.Set(s.service(), name, secret) })
		if errors.Is(err, gokeyring.ErrSetDataTooBig) {
			// Windows and macOS take only a few KB per entry (long OAuth
			// tokens); such a secret is sealed instead.
			return s.seal(name, secret)
		}
		if err != nil {
			return "", fmt.Errorf("keyring: keep %s in the password store: %w", name, err)
		}
		return keyringRef + name, nil
	}
	return s.seal(name, secret)
}

// Get returns the secret of ref, or core.ErrSecretMissing when this
// computer does not hold it.
func (s *Store) Get(ref string) (string, error) {
	switch {
	case strings.HasPrefix(ref, keyringRef):
		if !s.InKeyring { // it did not answer at start: don't wait on it
			return "", fmt.Errorf("keyring: the password store is not available: %w", core.ErrSecretMissing)
		}
		var v string
		err := bounded(func() (err error) {
			v, err = gokeyring.Get(s.service(), strings.TrimPrefix(ref, keyringRef))
			return err
		})
		if errors.Is(err, gokeyring.ErrNotFound) {
			return "", core.ErrSecretMissing
		}
		if err != nil {
			return "", fmt.Errorf("keyring: read the password store: %v: %w", err, core.ErrSecretMissing)
		}
		return v, nil
	case strings.HasPrefix(ref, sealedRef):
		return s.open(ref)
	}
	return "", fmt.Errorf("keyring: unknown secret reference: %w", core.ErrSecretMissing)
}

// Delete forgets the secret of ref (sealed secrets live in the data file
// and go with their record).
func (s *Store) Delete(ref string) error {
	name, ok := strings.CutPrefix(ref, keyringRef)
	if !ok {
		return nil
	}
	if !s.InKeyring {
		return nil // left behind in a store that does not answer; harmless
	}
	err := bounded(func() error { return gokeyring.Delete(s.service(), name) })
	if err != nil && !errors.Is(err, gokeyring.ErrNotFound) {
		return fmt.Errorf("keyring: forget %s: %w", name, err)
	}
	return nil
}

func (s *Store) service() string {
	if s.Service == "" {
		return Service
	}
	return s.Service
}

// opTimeout bounds one call to the password store: a store that waits on
// an unlock prompt nobody answers must not hang Turnout.
const opTimeout = 30 * time.Second

func bounded(op func() error) error {
	done := make(chan error, 1)
	go func() { done <- op() }()
	select {
	case err := <-done:
		return err
	case <-time.After(opTimeout):
		return fmt.Errorf("the password store did not answer within %s", opTimeout)
	}
}
