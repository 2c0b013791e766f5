package core

import (
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// MailSecurity is how the connection to the mail server is protected.
type MailSecurity string

const (
	MailSecurityNone     MailSecurity = "none"
	MailSecuritySTARTTLS MailSecurity = "starttls"
	MailSecurityTLS      MailSecurity = "tls"
)

// ParseMailSecurity accepts none, starttls or tls in any case ("" is starttls).
func ParseMailSecurity(s string) (MailSecurity, error) {
	switch v := MailSecurity(strings.ToLower(strings.TrimSpace(s))); v {
	case "":
		return MailSecuritySTARTTLS, nil
	case MailSecurityNone, MailSecuritySTARTTLS, MailSecurityTLS:
		return v, nil
	}
	return "", Errorf(EINVALID, "Connection security %q is unknown; choose none, starttls or tls.", s)
}

// MailSettings are how Turnout reaches the office's mail server. Password is a
// secret: String, LogValue and Redacted never show it, and the data file
// keeps only PasswordRef.
type MailSettings struct {
	Host     string       `json:"host"`
	Port     int          `json:"port"`
	Security MailSecurity `json:"security"`
	User     string       `json:"user,omitempty"`
	Password string       `json:"password,omitempty"` // in the data file only where no secret store is set up (tests, old files)
	// PasswordRef stands for the password in the secret store
	// (core.SecretStore); the engine resolves it into Password.
	PasswordRef string `json:"password_ref,omitempty"`
	From        string `json:"from"`
	FromName    string `json:"from_name,omitempty"`
	ReplyTo     string `json:"reply_to,omitempty"`
	// PasswordMissing: a password was saved, but on another computer (the
	// data file or backup came from there): it must be typed again.
	PasswordMissing bool `json:"-"`
	// PasswordsKept says where passwords are kept (Settings shows its Note).
	PasswordsKept SecretPlace `json:"-"`
	// Timeouts; zero means the defaults.
	ConnectTimeout time.Duration `json:"-"`
	SendTimeout    time.Duration `json:"-"`
	Profile        MailProfile   `json:"profile,omitzero"` // sending limits (mail_profile.go)

	// Sign-in with Microsoft 365 or Google (mail_signin.go); empty for
	// a user name and password.
	MailSignIn
}

// Configured reports whether a mail server has been set.
func (c MailSettings) Configured() bool { return c.Host != "" && c.From != "" }

// Validate checks the settings and normalises them in place.
func (c *MailSettings) Validate() error {
	c.Host = strings.TrimSpace(c.Host)
	c.User = strings.TrimSpace(c.User)
	c.From = strings.TrimSpace(c.From)
	c.ReplyTo = strings.TrimSpace(c.ReplyTo)
	if c.Host == "" {
		return Errorf(EINVALID, "Enter your mail server's name, such as smtp.office365.com or smtp.gmail.com; your email provider or IT can tell you which.")
	}
	if strings.ContainsAny(c.Host, " /:") {
		return Errorf(EINVALID, "Mail server %q is not a host name; use the name your provider gives, e.g. smtp.example.org.", c.Host)
	}
	if c.Port <= 0 || c.Port > 65535 {
		return Errorf(EINVALID, "Mail server port %d is not valid; it is usually 587 (STARTTLS), 465 (TLS) or 25.", c.Port)
	}
	sec, err := ParseMailSecurity(string(c.Security))
	if err != nil {
		return err
	}
	c.Security = sec
	if _, err := NormalizeEmail(c.From); err != nil {
		return Errorf(EINVALID, "From address %q is not a valid email address.", c.From)
	}
	if c.ReplyTo != "" {
		if _, err := NormalizeEmail(c.ReplyTo); err != nil {
			return Errorf(EINVALID, "Reply-to address %q is not a valid email address.", c.ReplyTo)
		}
	}
	if c.Password != "" && c.User == "" {
		return Errorf(EINVALID, "A mail password needs a user name too.")
	}
	return c.MailSignIn.validate(c.User)
}

// Redacted is a copy safe to print or export: the password is replaced by
// a mark that says whether one is set.
func (c MailSettings) Redacted() MailSettings {
	if c.Password != "" {
		c.Password = "(set)"
	}
	c.PasswordRef = ""
	c.MailSignIn = c.MailSignIn.redacted()
	return c
}

// String never shows the password.
func (c MailSettings) String() string {
	r := c.Redacted()
	if c.SignIn.OAuth() {
		return fmt.Sprintf("%s:%d security=%s sign-in=%s signed-in-as=%q from=%s reply-to=%s",
			r.Host, r.Port, r.Security, r.SignIn, r.User, r.From, r.ReplyTo)
	}
	return fmt.Sprintf("%s:%d security=%s user=%q password=%s from=%s reply-to=%s",
		r.Host, r.Port, r.Security, r.User, map[bool]string{true: "(set)", false: "(none)"}[c.Password != ""], r.From, r.ReplyTo)
}

// LogValue keeps the password out of structured logs.
func (c MailSettings) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", c.Host), slog.Int("port", c.Port),
		slog.String("security", string(c.Security)), slog.String("user", c.User),
		slog.Bool("password_set", c.Password != ""), slog.String("sign_in", string(c.SignIn)), slog.String("from", c.From))
}

// ErrMailPasswordMissing is why mail cannot go out after the data file
// moved to another computer.
var ErrMailPasswordMissing = Errorf(EUNAUTHORIZED, "The mail password is not set on this computer (the data file came from another computer or a backup). Type it again in the mail settings (or run \"turnout mail set\").")
