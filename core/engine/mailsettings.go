package engine

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/track"
)

// Setting keys this file owns (the store keeps them in its settings
// bucket beside the office).
const (
	settingMail          = "mail.smtp"
	settingMailTemplates = "mail.templates.reminder"
	settingTrack         = "track.settings"
	settingTrackSecret   = "track.secret"
)

// MailSettings returns the mail server settings with the password
// redacted ("(set)" when there is one on this computer), and where
// passwords are kept.
func (e *Engine) MailSettings(ctx context.Context) (core.MailSettings, error) {
	var c core.MailSettings
	err := e.store.View(ctx, func(tx core.Tx) (err error) {
		c, err = readMailConfig(tx)
		c.PasswordsKept = tx.SecretPlace()
		return err
	})
	return c.Redacted(), err
}

// SaveMailSettings validates and stores the mail server settings. An
// empty Password keeps the stored one (so a form need not show it); use
// ClearMailPassword to remove it.
func (e *Engine) SaveMailSettings(ctx context.Context, c core.MailSettings) (core.MailSettings, error) {
	c.PasswordRef, c.PasswordMissing = "", false
	c.TokenRef, c.TokenClear, c.TokenMissing, c.Tokens = "", "", false, nil
	if err := c.Validate(); err != nil {
		return c.Redacted(), err
	}
	if c.Profile.Preset != "" {
		if err := c.Profile.Validate(); err != nil {
			return c.Redacted(), err
		}
	}
	var dropped core.MailSettings // a browser sign-in given up for a password server
	err := e.store.Update(ctx, func(tx core.Tx) error {
		old, err := readMailConfig(tx)
		if err != nil {
			return err
		}
		if c.Password == "" || c.Password == "(set)" {
			c.Password = old.Password
		}
		if c.Profile.Preset == "" && c.Host == old.Host {
			c.Profile = old.Profile // a form without the limits keeps them
		}
		keepSignIn(&c, old)
		dropped = core.MailSettings{}
		if old.SignIn.OAuth() && old.SignIn != c.SignIn && !old.Token.Empty() {
			dropped = old
		}
		c.PasswordsKept = tx.SecretPlace()
		return putMailConfig(tx, c, old.PasswordRef)
	})
	if err == nil {
		e.log.Info("mail settings saved", "mail", c)
		e.forgetMailSignIn(dropped)
	}
	return c.Redacted(), err
}

// ClearMailPassword removes the stored mail password.
func (e *Engine) ClearMailPassword(ctx context.Context) error {
	return e.store.Update(ctx, func(tx core.Tx) error {
		c, err := readMailConfig(tx)
		if err != nil {
			return err
		}
		c.Password = ""
		return putMailConfig(tx, c, c.PasswordRef)
	})
}

// ReminderTemplates returns the reminder templates in use: the office's
// own, or the defaults from assets.
// Staff edit placeholders such as {First name}: templates stored as code
// by earlier versions come back translated.
func (e *Engine) ReminderTemplates(ctx context.Context) (t core.MailTemplates, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error { t, err = readTemplates(tx); return err })
	return mail.EditableTemplates(t), err
}

// SaveReminderTemplates checks and stores edited templates; empty fields
// go back to the defaults.
func (e *Engine) SaveReminderTemplates(ctx context.Context, t core.MailTemplates) error {
	if err := mail.ValidateTemplates(t); err != nil {
		return err
	}
	d := mail.DefaultReminder()
	if mail.IsDefault(t.Subject, d.Subject, false) {
		t.Subject = ""
	}
	if mail.IsDefault(t.HTML, d.HTML, true) {
		t.HTML = ""
	}
	if mail.IsDefault(t.Text, d.Text, false) {
		t.Text = ""
	}
	return e.store.Update(ctx, func(tx core.Tx) error { return putJSONSetting(tx, settingMailTemplates, t) })
}

// TrackSettings returns the click endpoint settings.
func (e *Engine) TrackSettings(ctx context.Context) (t TrackSettings, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error { t, err = readTrackSettings(tx); return err })
	return t, err
}

// SaveTrackSettings validates and stores the click endpoint settings.
// A running endpoint picks up a new listen address at the next start.
// The base URL keeps its proof (VerifyTrackingURL) only while it stays
// the same; callers cannot set the proof themselves.
func (e *Engine) SaveTrackSettings(ctx context.Context, t TrackSettings) (TrackSettings, error) {
	if err := t.Validate(); err != nil {
		return t, err
	}
	return t, e.store.Update(ctx, func(tx core.Tx) error {
		old, err := readTrackSettings(tx)
		if err != nil {
			return err
		}
		t.ProvenBaseURL = ""
		if old.ProvenBaseURL == t.BaseURL {
			t.ProvenBaseURL = old.ProvenBaseURL
		}
		return putJSONSetting(tx, settingTrack, t)
	})
}

// readMailConfig reads the mail settings with the password and the
// sign-in token from the secret store; one saved on another computer
// leaves them empty and PasswordMissing or TokenMissing set.
func readMailConfig(tx core.Tx) (c core.MailSettings, err error) {
	if _, err = getJSONSetting(tx, settingMail, &c); err != nil {
		return c, err
	}
	if c.PasswordRef != "" {
		pw, err := tx.Secret(c.PasswordRef)
		switch {
		case errors.Is(err, core.ErrSecretMissing):
			c.PasswordMissing = true
		case err != nil:
			return c, err
		default:
			c.Password = pw
		}
	}
	return c, readMailToken(tx, &c)
}

// putMailConfig stores the settings with the password and the sign-in
// token in the secret store (the data file keeps their references) and
// forgets oldRef (and the token's old reference, c.TokenRef) when they
// went away.
func putMailConfig(tx core.Tx, c core.MailSettings, oldRef string) error {
	c.PasswordRef = ""
	if c.Password != "" && tx.SecretPlace() != core.SecretsInClear {
		ref, err := tx.PutSecret("mail/password", c.Password)
		if err != nil {
			return err
		}
		c.Password, c.PasswordRef = "", ref
	}
	if oldRef != "" && c.PasswordRef != oldRef {
		if err := tx.DeleteSecret(oldRef); err != nil {
			return err
		}
	}
	if err := putMailToken(tx, &c); err != nil {
		return err
	}
	return putJSONSetting(tx, settingMail, c)
}

func readTemplates(tx core.Tx) (t core.MailTemplates, err error) {
	if _, err = getJSONSetting(tx, settingMailTemplates, &t); err != nil {
		return t, err
	}
	d := mail.DefaultReminder()
	if t.Subject == "" {
		t.Subject = d.Subject
	}
	if t.HTML == "" {
		t.HTML = d.HTML
	}
	if t.Text == "" {
		t.Text = d.Text
	}
	return t, nil
}

func readTrackSettings(tx core.Tx) (TrackSettings, error) {
	t := DefaultTrackSettings()
	_, err := getJSONSetting(tx, settingTrack, &t)
	return t, err
}

// signer returns the click signer, making the secret on first use. In a
// read-only transaction a missing secret gives nil (the caller makes it
// first with ensureTrackSecret).
func signer(tx core.Tx, create bool) (*track.Signer, error) {
	secret, err := tx.Setting(settingTrackSecret)
	if err != nil {
		return nil, err
	}
	if secret == nil {
		if !create {
			return nil, nil
		}
		if secret, err = track.NewSecret(); err != nil {
			return nil, err
		}
		if err := tx.PutSetting(settingTrackSecret, secret); err != nil {
			return nil, err
		}
	}
	return track.NewSigner(secret)
}

// ensureTrackSecret makes the click-signing secret if the data file has
// none yet.
func (e *Engine) ensureTrackSecret(ctx context.Context) error {
	var have bool
	if err := e.store.View(ctx, func(tx core.Tx) error {
		s, err := tx.Setting(settingTrackSecret)
		have = s != nil
		return err
	}); err != nil || have {
		return err
	}
	return e.store.Update(ctx, func(tx core.Tx) error { _, err := signer(tx, true); return err })
}

// link is what a registrant's email links to: the tracked link only
// once the base URL is public and proven to reach this Turnout, else the
// join link itself (a link that opens nowhere is worse than an uncounted
// click).
func link(tx core.Tx, ts TrackSettings, ev core.Event, r core.Registrant, create bool) (string, error) {
	if !ts.Tracked() {
		return mail.JoinURL(ev, r), nil
	}
	s, err := signer(tx, create)
	if err != nil || s == nil {
		return "", err
	}
	return ts.BaseURL + "/j/" + s.Token(ev.ID, r.ID), nil
}

func getJSONSetting(tx core.Tx, key string, v any) (bool, error) {
	b, err := tx.Setting(key)
	if err != nil || b == nil {
		return false, err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return false, fmt.Errorf("engine: setting %s: %w", key, err)
	}
	return true, nil
}

func putJSONSetting(tx core.Tx, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.PutSetting(key, b)
}
