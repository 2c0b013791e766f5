package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
)

// mailpit without a certificate offers no STARTTLS, like a misconfigured
// server or an attacker who strips it from the greeting.
func TestSTARTTLSNeverFallsBackToClearText(t *testing.T) {
	mp := mailpittest.Start(t)
	const password = "s3cret-office-password"
	for _, user := range []string{"office", ""} {
		cfg := core.MailSettings{Host: mp.SMTPHost, Port: mp.SMTPPort, Security: core.MailSecuritySTARTTLS, User: user,
			Password: password, From: "office@example.org"}
		if user == "" {
			cfg.Password = ""
		}
		s, err := mail.Dial(context.Background(), cfg)
		if err == nil {
			err = s.Send(core.MailMessage{From: cfg.From, To: "ann@example.org", Subject: "Reminder", Text: "hello"})
			s.Close()
		}
		var se *mail.SendError
		if !errors.As(err, &se) || se.Kind != mail.KindNoSTARTTLS {
			t.Fatalf("user %q: err = %v; want the no-STARTTLS refusal", user, err)
		}
		if msg := se.Error(); !strings.Contains(msg, "does not offer STARTTLS") || strings.Contains(msg, password) {
			t.Fatalf("message: %q", msg)
		}
	}
	if n := mp.Count(t); n != 0 {
		t.Fatalf("%d messages went out unencrypted", n)
	}
}
