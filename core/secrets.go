package core

import "errors"

// SecretStore keeps secrets (client secrets, OAuth tokens, the mail
// password) out of the data file: the data file keeps only the reference
// Put returns. Adapters (core/keyring) implement it with the operating
// system's credential store, or, where a computer has none, by sealing the
// secret with a key kept outside the data file; the reference is then the
// sealed secret itself.
type SecretStore interface {
	// Put keeps secret under name (unique within one data file, e.g.
	// "account/3") and returns the reference to store in its place.
	Put(name, secret string) (ref string, err error)
	// Get returns the secret a reference stands for, or ErrSecretMissing
	// when this computer does not hold it (a data file restored from
	// another computer).
	Get(ref string) (string, error)
	// Delete forgets a secret; a missing one is no error.
	Delete(ref string) error
	// Place says where secrets are kept.
	Place() SecretPlace
}

// SecretPlace is where a SecretStore keeps secrets.
type SecretPlace string

const (
	// SecretsInKeyring: the operating system's credential store (Secret
	// Service, Windows Credential Manager, macOS Keychain).
	SecretsInKeyring SecretPlace = "keyring"
	// SecretsSealed: encrypted in the data file with a key kept in the
	// user's settings folder, because the computer has no credential store.
	SecretsSealed SecretPlace = "sealed"
	// SecretsInClear: no secret store was set up (tests that don't care).
	SecretsInClear SecretPlace = ""
)

// Note is the line Settings shows about where passwords are kept ("" when
// there is nothing to say).
func (p SecretPlace) Note() string {
	switch p {
	case SecretsInKeyring:
		return "Passwords and sign-ins are kept in this computer's password store, not in the data file."
	case SecretsSealed:
		return "Passwords are kept encrypted in the data file because this computer has no password store; the key stays on this computer."
	}
	return ""
}

// ErrSecretMissing means a reference names a secret this computer does not
// hold: the data file (or a backup) came from another computer, or the
// password store was emptied. The account must be connected again, the
// mail password typed again.
var ErrSecretMissing = errors.New("the secret is not kept on this computer")

// Secrets is the part of a transaction that keeps secrets for settings the
// engine owns (the mail password): the setting stores the reference.
type Secrets interface {
	PutSecret(name, secret string) (ref string, err error)
	// Secret returns ErrSecretMissing when the reference does not resolve.
	Secret(ref string) (string, error)
	DeleteSecret(ref string) error
	SecretPlace() SecretPlace
}
