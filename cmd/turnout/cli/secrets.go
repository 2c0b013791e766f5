package cli

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/keyring"
	"github.com/turnout-app/turnout/store"
)

// Where secrets go can be chosen for tests and odd setups:
// TURNOUT_SECRET_STORE=keyring (the operating system's store, or fail),
// =file (sealed with the key file), unset (the store when it works, else
// the key file); TURNOUT_SECRET_KEY_FILE moves the key file.
const (
	SecretStoreEnv   = "TURNOUT_SECRET_STORE"
	SecretKeyFileEnv = "TURNOUT_SECRET_KEY_FILE"
)

// keyringProbeTimeout bounds the check that the password store answers.
const keyringProbeTimeout = 3 * time.Second

// secretStore picks where this computer keeps Turnout's secrets.
func secretStore(log *slog.Logger) (core.SecretStore, error) {
	keyFile := keyFilePath()
	if keyFile == "" {
		return nil, core.Errorf(core.EINVALID, "Cannot find your settings folder for Turnout's key; set %s to a file path.", SecretKeyFileEnv)
	}
	switch mode := strings.ToLower(os.Getenv(SecretStoreEnv)); mode {
	case "file":
		return keyring.New(false, keyFile), nil
	case "keyring":
		if err := keyring.Available(keyringProbeTimeout); err != nil {
			return nil, core.Errorf(core.EUNAVAILABLE, "This computer's password store does not answer (%v); start it or unset %s.", err, SecretStoreEnv)
		}
		return keyring.New(true, keyFile), nil
	case "":
		err := keyring.Available(keyringProbeTimeout)
		if err == nil {
			return keyring.New(true, keyFile), nil
		}
		log.Info("no password store on this computer; secrets are sealed in the data file", "why", err.Error(), "key_file", keyFile)
		return keyring.New(false, keyFile), nil
	default:
		return nil, core.Errorf(core.EINVALID, "%s=%q is unknown; use keyring, file or leave it unset.", SecretStoreEnv, mode)
	}
}

// keyFilePath is where the key of sealed secrets lives: beside the user's
// settings, never in the data file ("" when there is no settings folder).
func keyFilePath() string {
	if p := os.Getenv(SecretKeyFileEnv); p != "" {
		return p
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "Turnout", "secret.key")
}

// useSecrets gives the data file its secret store; secrets an older file
// kept in clear text move there now.
func useSecrets(db *store.DB, log *slog.Logger) error {
	s, err := secretStore(log)
	if err != nil {
		return err
	}
	n, err := db.UseSecrets(s)
	if err != nil && s.Place() == core.SecretsInKeyring && os.Getenv(SecretStoreEnv) == "" {
		// The password store answered the probe but refused the secrets:
		// seal them rather than keep them in clear text or not start.
		log.Warn("the password store refused Turnout's secrets; sealing them in the data file", "err", err)
		s = keyring.New(false, keyFilePath())
		n, err = db.UseSecrets(s)
	}
	if err != nil {
		log.Error("moving secrets out of the data file failed", "err", err)
		return fmt.Errorf("%w: %w", core.Errorf(core.EUNAVAILABLE, "Turnout could not move the passwords of this data file into safe keeping; nothing was changed. See turnout.log."), err)
	}
	if n > 0 {
		log.Info("secrets moved out of the data file", "records", n, "kept", string(s.Place()))
	}
	return nil
}
