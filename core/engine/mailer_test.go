package engine_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

// recordingMailer is a core.Mailer that keeps what it was asked to send.
type recordingMailer struct {
	mu   sync.Mutex
	with []core.MailSettings
	sent []core.MailMessage
}

func (m *recordingMailer) Dial(_ context.Context, s core.MailSettings) (core.MailSession, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.with = append(m.with, s)
	return recordingSession{m}, nil
}

type recordingSession struct{ m *recordingMailer }

func (s recordingSession) Send(msg core.MailMessage) error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	s.m.sent = append(s.m.sent, msg)
	return nil
}

func (recordingSession) Close() error { return nil }

// TestEngineSendsThroughItsMailer: the engine reaches the mail server only
// through the core.Mailer it was given, with the stored settings.
func TestEngineSendsThroughItsMailer(t *testing.T) {
	ctx := context.Background()
	m := &recordingMailer{}
	cfg := core.MailSettings{Host: "smtp.example.org", Port: 587, Security: core.MailSecuritySTARTTLS, From: "office@example.org"}
	f := newMailFixture(t, 3, 1, cfg, engine.WithMailer(m))

	if err := f.eng.SendTestEmail(ctx, " me@example.org "); err != nil {
		t.Fatal(err)
	}
	if len(m.sent) != 1 || m.sent[0].To != "me@example.org" || !strings.Contains(m.sent[0].Subject, "test email") {
		t.Fatalf("test email: sent %+v", m.sent)
	}
	if m.with[0].Host != "smtp.example.org" || m.with[0].From != "office@example.org" {
		t.Errorf("dialled with %+v, want the stored settings", m.with[0])
	}

	if n, err := f.eng.Remind(ctx, f.event.ID, core.RemindOptions{}); err != nil || n != 2 {
		t.Fatalf("Remind = %d, %v; want the 2 active registrants queued", n, err)
	}
	sum, err := f.eng.SendQueuedMail(ctx)
	if err != nil || sum.Sent != 2 {
		t.Fatalf("SendQueuedMail = %+v, %v; want 2 sent", sum, err)
	}
	to := map[string]bool{}
	for _, msg := range m.sent[1:] {
		to[msg.To] = true
	}
	if len(m.sent) != 3 || !to[f.regs[1].Email] || !to[f.regs[2].Email] || to[f.regs[0].Email] {
		t.Errorf("reminders went to %v; want the active registrants only", to)
	}
}
