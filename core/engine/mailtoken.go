package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/turnout-app/turnout/core"
)

// mailSecret is what the secret store keeps for the mail sign-in: the
// token pair and the client secret that goes with it.
type mailSecret struct {
	Access       string    `json:"access,omitempty"`
	Refresh      string    `json:"refresh,omitempty"`
	Type         string    `json:"type,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
	ClientSecret string    `json:"client_secret,omitempty"`
}

// readMailToken resolves the sign-in token of c (TokenRef in the secret
// store, or TokenClear where there is none).
func readMailToken(tx core.Tx, c *core.MailSettings) error {
	raw := c.TokenClear
	if c.TokenRef != "" {
		v, err := tx.Secret(c.TokenRef)
		if errors.Is(err, core.ErrSecretMissing) {
			c.TokenMissing = true
			return nil
		}
		if err != nil {
			return err
		}
		raw = v
	}
	if raw == "" {
		return nil
	}
	var s mailSecret
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return fmt.Errorf("engine: the mail sign-in kept in the secret store is damaged: %w", err)
	}
	c.Token = core.OAuthToken{AccessToken: s.Access, RefreshToken: s.Refresh, TokenType: s.Type, Expiry: s.Expiry}
	c.ClientSecret = s.ClientSecret
	c.TokenKept = !c.Token.Empty()
	return nil
}

// putMailToken moves c's token (and client secret) into the secret store
// before c is written; c.TokenRef on entry is the old reference, forgotten
// when it is no longer used.
func putMailToken(tx core.Tx, c *core.MailSettings) error {
	oldRef := c.TokenRef
	c.TokenRef, c.TokenClear = "", ""
	if c.SignIn.OAuth() && !c.Token.Empty() {
		b, err := json.Marshal(mailSecret{Access: c.Token.AccessToken, Refresh: c.Token.RefreshToken, Type: c.Token.TokenType,
			Expiry: c.Token.Expiry, ClientSecret: c.ClientSecret})
		if err != nil {
			return err
		}
		if tx.SecretPlace() == core.SecretsInClear {
			c.TokenClear = string(b)
		} else if c.TokenRef, err = tx.PutSecret("mail/oauth", string(b)); err != nil {
			return err
		}
	}
	if oldRef != "" && oldRef != c.TokenRef {
		return tx.DeleteSecret(oldRef)
	}
	return nil
}

// keepSignIn carries the stored sign-in over to settings saved from a
// form (which never holds the token): the same service keeps its token;
// another kind (a password server) lets it go.
func keepSignIn(c *core.MailSettings, old core.MailSettings) {
	c.TokenRef = old.TokenRef // forgotten by putMailToken unless kept
	if !c.SignIn.OAuth() || c.SignIn != old.SignIn || !c.Token.Empty() {
		return
	}
	c.Token, c.TokenKept, c.NeedsSignIn, c.SignInError = old.Token, old.TokenKept, old.NeedsSignIn, old.SignInError
	if c.ClientSecret == "" || c.ClientSecret == "(set)" {
		c.ClientSecret = old.ClientSecret
	}
	if c.ClientID == "" {
		c.ClientID = old.ClientID
	}
}
