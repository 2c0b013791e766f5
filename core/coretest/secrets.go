package coretest

import (
	"strings"
	"sync"

	"github.com/turnout-app/turnout/core"
)

// Secrets is a core.SecretStore in memory: one "computer's" password
// store. A fresh one is another computer, where no reference resolves.
type Secrets struct {
	mu   sync.Mutex
	kept map[string]string
	Puts int // how many times Put was called
}

// NewSecrets returns an empty store.
func NewSecrets() *Secrets { return &Secrets{kept: map[string]string{}} }

var _ core.SecretStore = (*Secrets)(nil)

// Put keeps secret under name; the reference is "mem:" and the name.
func (s *Secrets) Put(name, secret string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.kept[name] = secret
	s.Puts++
	return "mem:" + name, nil
}

// Get returns the secret or core.ErrSecretMissing.
func (s *Secrets) Get(ref string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.kept[strings.TrimPrefix(ref, "mem:")]
	if !ok {
		return "", core.ErrSecretMissing
	}
	return v, nil
}

// Delete forgets a secret.
func (s *Secrets) Delete(ref string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.kept, strings.TrimPrefix(ref, "mem:"))
	return nil
}

// Place is the keyring: the data file holds references only.
func (s *Secrets) Place() core.SecretPlace { return core.SecretsInKeyring }

// Len is how many secrets are kept.
func (s *Secrets) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.kept)
}
