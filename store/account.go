package store

import (
	"time"

	"github.com/turnout-app/turnout/core"
)

// Provider accounts.
//
//	accounts  accountID → accountRecord JSON (sequence: account IDs)
//
// The bucket is declared and created in schema.go. core.Account
// keeps its credentials out of JSON on purpose (so that no listing or
// export can carry them); the record here is the one place they are
// written: the data file. User OAuth tokens (core.OAuthToken) are kept
// the same way, in the record's "token" object.
var _ core.AccountStore = (*tx)(nil)

type accountRecord struct {
	core.Account
	Secret accountSecret `json:"credentials"`
	Token  *tokenRecord  `json:"token,omitempty"` // user OAuth only
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
}

func decodeAccount(k, v []byte) (core.Account, error) {
	var rec accountRecord
	if err := decodeJSON(k, v, &rec); err != nil {
		return core.Account{}, err
	}
	a := rec.Account
	a.Credentials = core.Credentials{AccountID: rec.Secret.AccountID, ClientID: rec.Secret.ClientID,
		ClientSecret: rec.Secret.ClientSecret}
	if t := rec.Token; t != nil {
		a.Token = core.OAuthToken{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: t.TokenType,
			Expiry: t.Expiry}
	}
	return a, nil
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
	return decodeAccount(k, v)
}

// Accounts returns every account in ID order.
func (t *tx) Accounts() ([]core.Account, error) {
	b, err := t.bucket(bucketAccounts)
	if err != nil {
		return nil, err
	}
	var out []core.Account
	err = scanPrefix(b, nil, func(k, v []byte) error {
		a, err := decodeAccount(k, v)
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
		Secret: accountSecret{AccountID: c.AccountID, ClientID: c.ClientID, ClientSecret: c.ClientSecret}}
	if t := a.Token; !t.Empty() {
		rec.Token = &tokenRecord{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: t.TokenType,
			Expiry: t.Expiry}
	}
	return putJSON(b, idKey(a.ID), rec)
}
