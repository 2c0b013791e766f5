package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// Provider accounts.
//
//	accounts  accountID → accountRecord JSON (sequence: account IDs)
//
// The bucket is declared and created in schema.go. core.Account
// keeps its credentials out of JSON on purpose (so that no listing or
// export can carry them); the record here is the one place they are
// written. With a secret store (UseSecrets, secrets.go) the client secret
// and the OAuth token's access and refresh values go to it and the record
// keeps only a reference; without one (tests) they stay in the record.
var _ core.AccountStore = (*tx)(nil)

type accountRecord struct {
	core.Account
	Secret accountSecret `json:"credentials"`
	Token  *tokenRecord  `json:"token,omitempty"` // user OAuth only
	// SecretRef stands for the client secret and the token's access and
	// refresh values once a secret store keeps them (secrets.go); the
	// fields above then hold no secret.
	SecretRef string `json:"secret_ref,omitempty"`
}

// tokenRecord is the persisted form of core.OAuthToken (secret).
type tokenRecord struct {
	AccessToken  string    `json:"access_token,omitempty"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	TokenType    string    `json:"token_type,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
}

type accountSecret struct {
	AccountID    string `json:"account_id,omitempty"`
	ClientID     string `json:"client_id,omitempty"`
	ClientSecret string `json:"client_secret,omitempty"`
	JWT          string `json:"jwt,omitempty"` // a JWT credential (RingCentral); secret
}

// accountSecrets is what the secret store keeps for one account.
type accountSecrets struct {
	ClientSecret string `json:"client_secret,omitempty"`
	JWT          string `json:"jwt,omitempty"`
	AccessToken  string `json:"access_token,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

// inClear reports whether the record itself holds a secret.
func (rec accountRecord) inClear() bool {
	return rec.Secret.ClientSecret != "" || rec.Secret.JWT != "" || rec.Token != nil && (rec.Token.AccessToken != "" || rec.Token.RefreshToken != "")
}

func (t *tx) decodeAccount(k, v []byte) (core.Account, error) {
	var rec accountRecord
	if err := decodeJSON(k, v, &rec); err != nil {
		return core.Account{}, err
	}
	a := rec.Account
	a.Credentials = core.Credentials{AccountID: rec.Secret.AccountID, ClientID: rec.Secret.ClientID,
		ClientSecret: rec.Secret.ClientSecret, JWT: rec.Secret.JWT}
	if t := rec.Token; t != nil {
		a.Token = core.OAuthToken{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: t.TokenType,
			Expiry: t.Expiry}
	}
	if rec.SecretRef != "" {
		t.openAccountSecrets(&a, rec.SecretRef)
	}
	return a, nil
}

// openAccountSecrets fills in the secrets a reference stands for. When
// this computer does not hold them (a file restored from another
// computer), the account needs to be connected again; reading it never
// fails for that.
func (t *tx) openAccountSecrets(a *core.Account, ref string) {
	var sec accountSecrets
	raw, err := t.Secret(ref)
	if err == nil {
		err = json.Unmarshal([]byte(raw), &sec)
	}
	if err != nil {
		a.NeedsReconnect = true
		a.LastError = "Its sign-in is not on this computer (the data file came from another computer or a backup, or the password store is locked); connect the account again."
		return
	}
	a.Credentials.ClientSecret, a.Credentials.JWT = sec.ClientSecret, sec.JWT
	a.Token.AccessToken, a.Token.RefreshToken = sec.AccessToken, sec.RefreshToken
}

// Account returns one account with its credentials.
func (t *tx) Account(id core.ID) (core.Account, error) {
	b, err := t.bucket(bucketAccounts)
	if err != nil {
		return core.Account{}, err
	}
	k := idKey(id)
	v := b.Get(k)
	if v == nil {
		return core.Account{}, core.NotFound("Account", id)
	}
	return t.decodeAccount(k, v)
}

// Accounts returns every account in ID order.
func (t *tx) Accounts() ([]core.Account, error) {
	b, err := t.bucket(bucketAccounts)
	if err != nil {
		return nil, err
	}
	var out []core.Account
	err = scanPrefix(b, nil, func(k, v []byte) error {
		a, err := t.decodeAccount(k, v)
		if err == nil {
			out = append(out, a)
		}
		return err
	})
	return out, err
}

// PutAccount inserts or replaces an account, credentials included.
func (t *tx) PutAccount(a *core.Account) error {
	b, err := t.bucket(bucketAccounts)
	if err != nil {
		return err
	}
	if a.ID == 0 {
		if a.ID, err = nextID(b); err != nil {
			return err
		}
	}
	c := a.Credentials
	rec := accountRecord{Account: *a,
		Secret: accountSecret{AccountID: c.AccountID, ClientID: c.ClientID, ClientSecret: c.ClientSecret, JWT: c.JWT}}
	if t := a.Token; !t.Empty() {
		rec.Token = &tokenRecord{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: t.TokenType,
			Expiry: t.Expiry}
	}
	if t.secrets != nil {
		if err := t.sealAccount(b, a.ID, &rec); err != nil {
			return err
		}
	}
	return putJSON(b, idKey(a.ID), rec)
}

// sealAccount moves the record's secrets into the secret store (before the
// record without them is written) and forgets the old entry once an
// account has none left.
func (t *tx) sealAccount(b *bolt.Bucket, id core.ID, rec *accountRecord) error {
	sec := accountSecrets{ClientSecret: rec.Secret.ClientSecret, JWT: rec.Secret.JWT}
	if rec.Token != nil {
		sec.AccessToken, sec.RefreshToken = rec.Token.AccessToken, rec.Token.RefreshToken
		rec.Token.AccessToken, rec.Token.RefreshToken = "", ""
	}
	rec.Secret.ClientSecret, rec.Secret.JWT = "", ""
	if sec != (accountSecrets{}) {
		raw, err := json.Marshal(sec)
		if err != nil {
			return err
		}
		rec.SecretRef, err = t.PutSecret(fmt.Sprintf("account/%d", id), string(raw))
		return err
	}
	var old accountRecord
	if v := b.Get(idKey(id)); v != nil && json.Unmarshal(v, &old) == nil && old.SecretRef != "" {
		t.forgetAfterCommit(old.SecretRef)
	}
	return nil
}

// DeleteAccount removes an account and, once the transaction has
// committed, its entry in the secret store.
func (t *tx) DeleteAccount(id core.ID) error {
	b, err := t.bucket(bucketAccounts)
	if err != nil {
		return err
	}
	v := b.Get(idKey(id))
	if v == nil {
		return core.NotFound("Account", id)
	}
	var rec accountRecord
	if json.Unmarshal(v, &rec) == nil && rec.SecretRef != "" && t.secrets != nil {
		t.forgetAfterCommit(rec.SecretRef)
	}
	return b.Delete(idKey(id))
}
