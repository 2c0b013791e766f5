package engine_test

import (
	"context"
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
// (targets: >= 0.9 and >= 2). ceiling-k3-msg/s is go-simple-mail alone
// on three connections at once, for comparison.
func BenchmarkReminders5000(b *testing.B) {
	mp := mailpittest.Start(b)
	var k1Time, k3Time, libraryTime, library3Time time.Duration
	for range b.N {
		b.StopTimer()
		mp.DeleteAll(b)
		f := newMailFixture(b, reminderBatch, 0, mailpitConfig(mp))
		ctx := context.Background()
		reminder, err := f.eng.PreviewReminder(ctx, f.event.ID, f.regs[0].ID)
		if err != nil {
			b.Fatal(err)
		}
		libraryTime += sendWithLibraryAlone(b, mailpitConfig(mp), reminder, reminderBatch)
		waitFor(b, "mailpit to hold the library's 5000", 60*time.Second, func() bool { return mp.Count(b) >= reminderBatch })
		mp.DeleteAll(b)
		library3Time += sendWithLibraryOnConns(b, mailpitConfig(mp), reminder, reminderBatch, 3)
		waitFor(b, "mailpit to hold the library's 5000 on 3", 60*time.Second, func() bool { return mp.Count(b) >= reminderBatch })
		mp.DeleteAll(b)
		b.StartTimer()
		k1Time += sendReminders(b, f, 1, engine.RemindOptions{})
		b.StopTimer()
		waitFor(b, "mailpit to hold 5000", 60*time.Second, func() bool { return mp.Count(b) >= reminderBatch })
		mp.DeleteAll(b)
		b.StartTimer()
		k3Time += sendReminders(b, f, 3, engine.RemindOptions{All: true})
		b.StopTimer()
		waitFor(b, "mailpit to hold 5000 again", 60*time.Second, func() bool { return mp.Count(b) >= reminderBatch })
	}
	n := float64(reminderBatch * b.N)
	ceiling := n / libraryTime.Seconds()
	b.ReportMetric(n/k1Time.Seconds(), "msg/s")
	b.ReportMetric(n/k3Time.Seconds(), "msg/s-k3")
	b.ReportMetric(ceiling, "ceiling-msg/s")
	b.ReportMetric(n/k1Time.Seconds()/ceiling, "x-ceiling-k1")
	b.ReportMetric(n/k3Time.Seconds()/ceiling, "x-ceiling-k3")
	// What go-simple-mail alone reaches on three connections: whether
	// the server and machine leave room for x-ceiling-k3 at all.
	b.ReportMetric(n/library3Time.Seconds(), "ceiling-k3-msg/s")
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
