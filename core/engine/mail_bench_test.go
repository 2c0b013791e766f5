package engine_test

import (
	"context"
	"io"
	"net"
	"net/smtp"
	"strconv"
	"testing"
	"time"

	simplemail "github.com/xhit/go-simple-mail/v2"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
)

const reminderBatch = 5000

// BenchmarkReminders5000 sends 5,000 reminders to a real SMTP server
// (mailpit) through the outbox: compose, mark in flight, send, record;
// once on one connection (msg/s) and once on three (msg/s-k3). In the
// same iteration, against the same mailpit, go-simple-mail alone sends
// the same reminder 5,000 times on one kept-alive connection: the
// ceiling one connection can reach on this machine (ceiling-msg/s).
// x-ceiling-k1 and x-ceiling-k3 are Turnout's rates as a share of it
// (targets: >= 0.9 and >= 2).
//
// Two more figures say how much room the machine leaves: go-simple-mail
// alone on three connections (ceiling-k3-msg/s), and raw-k3-msg/s, a
// sender with nothing to compose or record: one message rendered once,
// sent 5,000 times over net/smtp on three connections (x-ceiling-raw-k3
// is its share of the ceiling; no sender on this machine does better).
//
// The server and the machine drift during a run, so each iteration
// measures every sender twice, in one order and then in the reverse one,
// and each figure is the total of both.
func BenchmarkReminders5000(b *testing.B) {
	mp := mailpittest.Start(b)
	took := map[string]time.Duration{}
	for range b.N {
		b.StopTimer()
		mp.DeleteAll(b)
		f := newMailFixture(b, reminderBatch, 0, mailpitConfig(mp))
		reminder, err := f.eng.PreviewReminder(context.Background(), f.event.ID, f.regs[0].ID)
		if err != nil {
			b.Fatal(err)
		}
		senders := []struct {
			name string
			send func() time.Duration
		}{
			{"ceiling", func() time.Duration { return sendWithLibraryAlone(b, mailpitConfig(mp), reminder, reminderBatch) }},
			{"ceiling-k3", func() time.Duration { return sendWithLibraryOnConns(b, mailpitConfig(mp), reminder, reminderBatch, 3) }},
			{"raw-k3", func() time.Duration { return sendRawOnConns(b, mailpitConfig(mp), reminder, reminderBatch, 3) }},
			{"k1", func() time.Duration { return sendReminders(b, f, 1, engine.RemindOptions{All: true}) }},
			{"k3", func() time.Duration { return sendReminders(b, f, 3, engine.RemindOptions{All: true}) }},
		}
		for round := range 2 {
			for i := range senders {
				s := senders[i]
				if round == 1 {
					s = senders[len(senders)-1-i]
				}
				turnouts := s.name == "k1" || s.name == "k3"
				if turnouts { // the timer runs for Turnout's own sends only
					b.StartTimer()
				}
				took[s.name] += s.send()
				if turnouts {
					b.StopTimer()
				}
				waitFor(b, "mailpit to hold the 5000 of "+s.name, 60*time.Second, func() bool { return mp.Count(b) >= reminderBatch })
				mp.DeleteAll(b)
			}
		}
	}
	n := float64(2 * reminderBatch * b.N)
	rate := func(name string) float64 { return n / took[name].Seconds() }
	b.ReportMetric(rate("k1"), "msg/s")
	b.ReportMetric(rate("k3"), "msg/s-k3")
	b.ReportMetric(rate("ceiling"), "ceiling-msg/s")
	b.ReportMetric(rate("k1")/rate("ceiling"), "x-ceiling-k1")
	b.ReportMetric(rate("k3")/rate("ceiling"), "x-ceiling-k3")
	b.ReportMetric(rate("ceiling-k3"), "ceiling-k3-msg/s")
	b.ReportMetric(rate("raw-k3"), "raw-k3-msg/s")
	b.ReportMetric(rate("raw-k3")/rate("ceiling"), "x-ceiling-raw-k3")
}

// sendReminders queues the event's reminders and times the outbox
// sending them all over conns connections.
func sendReminders(b *testing.B, f *mailFixture, conns int, o engine.RemindOptions) time.Duration {
	ctx := context.Background()
	if n, err := f.eng.Remind(ctx, f.event.ID, o); err != nil || n != reminderBatch {
		b.Fatalf("Remind = %d, %v", n, err)
	}
	start := time.Now()
	for sent := 0; sent < reminderBatch; {
		sum, err := f.eng.SendQueuedMailWith(ctx, engine.MailOptions{BatchSize: reminderBatch, Connections: conns})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Sent == 0 {
			b.Fatalf("stuck at %d sent", sent)
		}
		sent += sum.Sent
	}
	return time.Since(start)
}

// sendRawOnConns sends m, rendered once, n times over conns net/smtp
// connections: no composing, no outbox, nothing recorded. What is left is
// the server and the wire, the most any sender gets from this machine.
func sendRawOnConns(b *testing.B, cfg core.MailSettings, m core.MailMessage, n, conns int) time.Duration {
	b.Helper()
	wire, err := mail.Render(m, cfg)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	errs := make(chan error, conns)
	for i := range conns {
		go func() { errs <- rawLoop(cfg, wire, n/conns+boolInt(i < n%conns)) }()
	}
	for range conns {
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}

func rawLoop(cfg core.MailSettings, w *core.WireMail, n int) error {
	c, err := smtp.Dial(net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		return err
	}
	defer c.Close()
	for range n {
		if err := c.Mail(w.From); err != nil {
			return err
		}
		for _, to := range w.To {
			if err := c.Rcpt(to); err != nil {
				return err
			}
		}
		data, err := c.Data()
		if err != nil {
			return err
		}
		if _, err := io.WriteString(data, w.Data); err != nil {
			return err
		}
		if err := data.Close(); err != nil {
			return err
		}
	}
	return c.Quit()
}

// sendWithLibraryAlone sends m n times over one kept-alive go-simple-mail
// connection (no outbox, no store, no per-read deadlines) and returns the
// time from dialling to the last accepted message, the same span the
// engine's figure covers. Each copy gets its own Message-ID, as the
// engine's do.
func sendWithLibraryAlone(b *testing.B, cfg core.MailSettings, m core.MailMessage, n int) time.Duration {
	b.Helper()
	took, err := libraryLoop(cfg, m, n)
	if err != nil {
		b.Fatal(err)
	}
	return took
}

// sendWithLibraryOnConns is sendWithLibraryAlone over conns connections
// at once: what the server and this machine give parallel senders with
// nothing of Turnout's in the way.
func sendWithLibraryOnConns(b *testing.B, cfg core.MailSettings, m core.MailMessage, n, conns int) time.Duration {
	b.Helper()
	start := time.Now()
	errs := make(chan error, conns)
	for i := range conns {
		go func() {
			_, err := libraryLoop(cfg, m, n/conns+boolInt(i < n%conns))
			errs <- err
		}()
	}
	for range conns {
		if err := <-errs; err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func libraryLoop(cfg core.MailSettings, m core.MailMessage, n int) (time.Duration, error) {
	srv := simplemail.NewSMTPClient()
	srv.Host, srv.Port = cfg.Host, cfg.Port
	srv.Username, srv.Password = cfg.User, cfg.Password
	srv.Encryption = simplemail.EncryptionNone
	srv.KeepAlive = true
	srv.SendTimeout = 30 * time.Second
	start := time.Now()
	client, err := srv.Connect()
	if err != nil {
		return 0, err
	}
	defer client.Close()
	for range n {
		m.MessageID = mail.NewMessageID(cfg.From)
		em, err := mail.Build(m, cfg)
		if err != nil {
			return 0, err
		}
		if err := em.Send(client); err != nil {
			return 0, err
		}
	}
	took := time.Since(start)
	_ = client.Quit()
	return took, nil
}
