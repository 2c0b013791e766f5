package keyring

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/turnout-app/turnout/core"
)

// keyFile is the 32-byte AES key of sealed secrets, in a 0600 file outside
// the data file, read once.
type keyFile struct {
	path string
	mu   sync.Mutex
	key  []byte
}

// load reads the key; with create it makes one when there is none.
func (k *keyFile) load(create bool) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.key != nil {
		return k.key, nil
	}
	if k.path == "" {
		return nil, errors.New("keyring: no key file was given for sealed secrets")
	}
	b, err := os.ReadFile(k.path)
	switch {
	case err == nil:
		if len(b) != 32 {
			return nil, fmt.Errorf("keyring: key file %s is damaged (%d bytes, not 32)", k.path, len(b))
		}
	case errors.Is(err, fs.ErrNotExist) && create:
		if b, err = newKeyFile(k.path); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	k.key = b
	return b, nil
}

// newKeyFile writes a fresh random key, readable by the user only; an
// existing file is never replaced (the secrets it seals would be lost).
func newKeyFile(path string) ([]byte, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("keyring: key folder: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("keyring: key file: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		return nil, fmt.Errorf("keyring: key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	return key, f.Close()
}

func aead(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// seal encrypts secret with the name as additional data (a sealed value
// moved to another name does not open) and returns
// "sealed:v1:<name>:<base64 nonce|ciphertext>".
func (s *Store) seal(name, secret string) (string, error) {
	key, err := s.key.load(true)
	if err != nil {
		return "", err
	}
	g, err := aead(key)
	if err != nil {
		return "", err
	}
	nonce := make([]byte, g.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	out := g.Seal(nonce, nonce, []byte(secret), []byte(name))
	return sealedRef + "v1:" + name + ":" + base64.RawStdEncoding.EncodeToString(out), nil
}

// open decrypts a sealed reference; with another computer's key (or none)
// the secret is missing.
func (s *Store) open(ref string) (string, error) {
	rest := strings.TrimPrefix(ref, sealedRef+"v1:")
	i := strings.LastIndexByte(rest, ':')
	if rest == ref || i < 0 {
		return "", fmt.Errorf("keyring: unknown sealed secret: %w", core.ErrSecretMissing)
	}
	name, data := rest[:i], rest[i+1:]
	key, err := s.key.load(false)
	if err != nil {
		return "", fmt.Errorf("keyring: %v: %w", err, core.ErrSecretMissing)
	}
	raw, err := base64.RawStdEncoding.DecodeString(data)
	g, gerr := aead(key)
	if err != nil || gerr != nil || len(raw) < g.NonceSize() {
		return "", fmt.Errorf("keyring: damaged sealed secret: %w", core.ErrSecretMissing)
	}
	plain, err := g.Open(nil, raw[:g.NonceSize()], raw[g.NonceSize():], []byte(name))
	if err != nil {
		return "", fmt.Errorf("keyring: sealed with another key: %w", core.ErrSecretMissing)
	}
	return string(plain), nil
}
