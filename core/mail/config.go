package mail

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Security is how the connection to the mail server is protected.
type Security string

const (
	SecurityNone     Security = "none"
	SecuritySTARTTLS Security = "starttls"
	SecurityTLS      Security = "tls"
)

// ParseSecurity accepts none, starttls or tls in any case ("" is starttls).
func ParseSecurity(s string) (Security, error) {
	switch v := Security(strings.ToLower(strings.TrimSpace(s))); v {
	case "":
		return SecuritySTARTTLS, nil
	case SecurityNone, SecuritySTARTTLS, SecurityTLS:
		return v, nil
	}
	return "", core.Errorf(core.EINVALID, "Connection security %q is unknown; choose none, starttls or tls.", s)
}

// Default timeouts of an SMTP session.
const (
	DefaultConnectTimeout = 15 * time.Second
	DefaultSendTimeout    = 30 * time.Second
)

// Config is how Turnout reaches the office's mail server. Password is a
// secret: String, LogValue and Redacted never show it.
type Config struct {
	Host     string   `json:"host"`
	Port     int      `json:"port"`
	Security Security `json:"security"`
	User     string   `json:"user,omitempty"`
	Password string   `json:"password,omitempty"`
	From     string   `json:"from"`
	FromName string   `json:"from_name,omitempty"`
	ReplyTo  string   `json:"reply_to,omitempty"`
	// Timeouts; zero means the defaults.
	ConnectTimeout time.Duration `json:"-"`
	SendTimeout    time.Duration `json:"-"`
}

// Configured reports whether a mail server has been set.
func (c Config) Configured() bool { return c.Host != "" && c.From != "" }

// Validate checks the settings and normalises them in place.
func (c *Config) Validate() error {
	c.Host = strings.TrimSpace(c.Host)
	c.User = strings.TrimSpace(c.User)
	c.From = strings.TrimSpace(c.From)
	c.ReplyTo = strings.TrimSpace(c.ReplyTo)
	if c.Host == "" || strings.ContainsAny(c.Host, " /:") {
		return core.Errorf(core.EINVALID, "Mail server %q is not a host name; use the name your provider gives, e.g. smtp.example.org.", c.Host)
	}
	if c.Port <= 0 || c.Port > 65535 {
		return core.Errorf(core.EINVALID, "Mail server port %d is not valid; it is usually 587 (STARTTLS), 465 (TLS) or 25.", c.Port)
	}
	sec, err := ParseSecurity(string(c.Security))
	if err != nil {
		return err
	}
	c.Security = sec
	if _, err := core.NormalizeEmail(c.From); err != nil {
		return core.Errorf(core.EINVALID, "From address %q is not a valid email address.", c.From)
	}
	if c.ReplyTo != "" {
		if _, err := core.NormalizeEmail(c.ReplyTo); err != nil {
			return core.Errorf(core.EINVALID, "Reply-to address %q is not a valid email address.", c.ReplyTo)
		}
	}
	if c.Password != "" && c.User == "" {
		return core.Errorf(core.EINVALID, "A mail password needs a user name too.")
	}
	return nil
}

// Redacted is a copy safe to print or export: the password is replaced by
// a mark that says whether one is set.
func (c Config) Redacted() Config {
	if c.Password != "" {
		c.Password = "(set)"
	}
	return c
}

// String never shows the password.
func (c Config) String() string {
	r := c.Redacted()
	return fmt.Sprintf("%s:%d security=%s user=%q password=%s from=%s reply-to=%s",
		r.Host, r.Port, r.Security, r.User, map[bool]string{true: "(set)", false: "(none)"}[c.Password != ""], r.From, r.ReplyTo)
}

// LogValue keeps the password out of structured logs.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(slog.String("host", c.Host), slog.Int("port", c.Port),
		slog.String("security", string(c.Security)), slog.String("user", c.User),
		slog.Bool("password_set", c.Password != ""), slog.String("from", c.From))
}
