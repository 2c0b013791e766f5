package store

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// Secrets off the disk.
//
//	settings  secrets.id → this data file's random ID (hex), the first part of every secret's name
//	          mail.smtp  → core.MailSettings JSON: "password_ref" instead of "password"
//	accounts  record "secret_ref" instead of client_secret, access_token, refresh_token
//
// A core.SecretStore (UseSecrets) keeps the secrets; the data file keeps
// references. Without one (tests that don't care) secrets stay in the
// records, as in files written before this.
var keySecretsID = "secrets.id"

// legacyMailSetting is the engine's mail settings key: UseSecrets moves a
// password kept there in clear text into the secret store.
const legacyMailSetting = "mail.smtp"

// secretKeeper is a core.SecretStore with a cache, so that reading an
// account does not ask the operating system's store every time.
type secretKeeper struct {
	store core.SecretStore
	mu    sync.Mutex
	cache map[string]string
}

func (k *secretKeeper) put(name, secret string) (string, error) {
	ref, err := k.store.Put(name, secret)
	if err == nil {
		k.mu.Lock()
		k.cache[ref] = secret
		k.mu.Unlock()
	}
	return ref, err
}

func (k *secretKeeper) get(ref string) (string, error) {
	k.mu.Lock()
	v, ok := k.cache[ref]
	k.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := k.store.Get(ref)
	if err == nil {
		k.mu.Lock()
		k.cache[ref] = v
		k.mu.Unlock()
	}
	return v, err
}

func (k *secretKeeper) forget(ref string) error {
	k.mu.Lock()
	delete(k.cache, ref)
	k.mu.Unlock()
	return k.store.Delete(ref)
}

// PutSecret keeps secret in the secret store under this data file's ID
// and name, and returns the reference to store.
func (t *tx) PutSecret(name, secret string) (string, error) {
	if t.secrets == nil {
		return "", errors.New("store: no secret store is in use")
	}
	id, err := t.secretsID()
	if err != nil {
		return "", err
	}
	return t.secrets.put(id+"/"+name, secret)
}

// Secret returns the secret of a reference; core.ErrSecretMissing when it
// does not resolve on this computer.
func (t *tx) Secret(ref string) (string, error) {
	if t.secrets == nil {
		return "", core.ErrSecretMissing
	}
	return t.secrets.get(ref)
}

// DeleteSecret forgets a secret once the transaction has committed (a
// rolled-back transaction still needs it).
func (t *tx) DeleteSecret(ref string) error {
	if t.secrets == nil || ref == "" {
		return nil
	}
	t.forgetAfterCommit(ref)
	return nil
}

// SecretPlace says where this data file's secrets are kept.
func (t *tx) SecretPlace() core.SecretPlace {
	if t.secrets == nil {
		return core.SecretsInClear
	}
	return t.secrets.store.Place()
}

func (t *tx) forgetAfterCommit(ref string) {
	k := t.secrets
	if t.b.Writable() {
		t.b.OnCommit(func() { _ = k.forget(ref) })
	}
}

// secretsID returns the data file's ID, making it in a write transaction.
func (t *tx) secretsID() (string, error) {
	v, err := t.Setting(keySecretsID)
	if err != nil || v != nil {
		return string(v), err
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id := hex.EncodeToString(b)
	return id, t.PutSetting(keySecretsID, []byte(id))
}

// UseSecrets makes s the keeper of this data file's secrets. Secrets still
// kept in clear text (files written before, backups restored) move into it
// in one transaction, each written to s before its clear text is removed;
// the file is then rewritten so that no freed page still holds one (also
// the first time a file meets a secret store). It returns how many records
// were moved.
func (db *DB) UseSecrets(s core.SecretStore) (int, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.bolt == nil {
		return 0, errClosed
	}
	db.secrets = &secretKeeper{store: s, cache: map[string]string{}}
	return db.sealClearSecrets()
}

// sealClearSecrets moves clear-text secrets into the secret store; db.mu
// is held for writing.
func (db *DB) sealClearSecrets() (int, error) {
	n, first := 0, false
	err := db.bolt.Update(func(btx *bolt.Tx) error {
		t := &tx{b: btx, secrets: db.secrets}
		defer func() { t.ended = true }()
		had, err := t.Setting(keySecretsID)
		if err != nil {
			return err
		}
		if first = had == nil; first {
			if _, err := t.secretsID(); err != nil {
				return err
			}
		}
		if n, err = t.sealClearAccounts(); err != nil {
			return err
		}
		moved, err := t.sealClearMailPassword()
		if moved {
			n++
		}
		return err
	})
	// Freed pages of an older file may still hold secrets it once kept
	// (every token refresh rewrote the record): rewrite the file the first
	// time it meets a secret store, and whenever clear text was moved.
	if err != nil || n == 0 && !first {
		return n, err
	}
	return n, db.compactLocked()
}

func (t *tx) sealClearAccounts() (int, error) {
	b, err := t.bucket(bucketAccounts)
	if err != nil {
		return 0, err
	}
	var clear []core.Account
	err = b.ForEach(func(k, v []byte) error {
		var rec accountRecord
		if err := decodeJSON(k, v, &rec); err != nil || !rec.inClear() {
			return err
		}
		a, err := t.decodeAccount(k, v)
		clear = append(clear, a)
		return err
	})
	for i := range clear {
		if err == nil {
			err = t.PutAccount(&clear[i])
		}
	}
	return len(clear), err
}

func (t *tx) sealClearMailPassword() (bool, error) {
	raw, err := t.Setting(legacyMailSetting)
	if err != nil || raw == nil {
		return false, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return false, fmt.Errorf("store: setting %s: %w", legacyMailSetting, err)
	}
	moved := false
	// The password, and the sign-in token of Microsoft 365 or Google.
	for _, f := range []struct{ clear, ref, name string }{{"password", "password_ref", "mail/password"}, {"token_clear", "token_ref", "mail/oauth"}} {
		var v string
		if p, ok := m[f.clear]; !ok || json.Unmarshal(p, &v) != nil || v == "" {
			continue
		}
		ref, err := t.PutSecret(f.name, v)
		if err != nil {
			return false, err
		}
		delete(m, f.clear)
		m[f.ref], _ = json.Marshal(ref)
		moved = true
	}
	if !moved {
		return false, nil
	}
	out, err := json.Marshal(m)
	if err != nil {
		return false, err
	}
	return true, t.PutSetting(legacyMailSetting, out)
}

// compactLocked rewrites the data file into a fresh one and swaps it in,
// so pages that once held a secret in clear text are gone from the file
// (bbolt only marks them free). db.mu is held for writing. The rename is
// atomic: a crash leaves the old file or the new one.
func (db *DB) compactLocked() error {
	dir := filepath.Dir(db.path)
	f, err := os.CreateTemp(dir, ".turnout-compact-*")
	if err != nil {
		return fmt.Errorf("store: rewrite data file: %w", err)
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp) // after the rename there is nothing to remove
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: lockTimeout})
	if err != nil {
		return fmt.Errorf("store: rewrite data file: %w", err)
	}
	err = bolt.Compact(dst, db.bolt, 16<<20)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("store: rewrite data file: %w", err)
	}
	if err := db.bolt.Close(); err != nil {
		return db.reopenAfter(fmt.Errorf("store: rewrite data file: close: %w", err))
	}
	if err := os.Rename(tmp, db.path); err != nil {
		return db.reopenAfter(fmt.Errorf("store: rewrite data file: %w", err))
	}
	syncDir(dir)
	b, err := openFile(db.path)
	db.bolt = b
	return err
}
