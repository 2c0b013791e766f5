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
// (mailpit) through the outbox on one connection: compose, mark in
// flight, send, record (target >= 200 msg/s). In the same iteration,
// against the same mailpit, go-simple-mail alone sends the same reminder
// 5,000 times on one connection: the ceiling no outbox can pass on this
// machine, reported as ceiling-msg/s.
func BenchmarkReminders5000(b *testing.B) {
	mp := mailpittest.Start(b)
	var engineTime, libraryTime time.Duration
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

		if n, err := f.eng.Remind(ctx, f.event.ID, engine.RemindOptions{}); err != nil || n != reminderBatch {
			b.Fatalf("Remind = %d, %v", n, err)
		}
		b.StartTimer()
		start := time.Now()
		sent := 0
		for sent < reminderBatch {
			sum, err := f.eng.SendQueuedMailWith(ctx, engine.MailOptions{BatchSize: reminderBatch})
			if err != nil {
				b.Fatal(err)
			}
			if sum.Sent == 0 {
				b.Fatalf("stuck at %d sent", sent)
			}
			sent += sum.Sent
		}
		engineTime += time.Since(start)
		b.StopTimer()
		waitFor(b, "mailpit to hold 5000", 60*time.Second, func() bool { return mp.Count(b) >= reminderBatch })
	}
	b.ReportMetric(float64(reminderBatch*b.N)/engineTime.Seconds(), "msg/s")
	b.ReportMetric(float64(reminderBatch*b.N)/libraryTime.Seconds(), "ceiling-msg/s")
}

// sendWithLibraryAlone sends m n times over one kept-alive go-simple-mail
// connection (no outbox, no store, no per-read deadlines) and returns the
// time from dialling to the last accepted message, the same span the
// engine's figure covers. Each copy gets its own Message-ID, as the
// engine's do.
func sendWithLibraryAlone(b *testing.B, cfg core.MailSettings, m core.MailMessage, n int) time.Duration {
	b.Helper()
	srv := simplemail.NewSMTPClient()
	srv.Host, srv.Port = cfg.Host, cfg.Port
	srv.Username, srv.Password = cfg.User, cfg.Password
	srv.Encryption = simplemail.EncryptionNone
	srv.KeepAlive = true
	srv.SendTimeout = 30 * time.Second
	start := time.Now()
	client, err := srv.Connect()
	if err != nil {
		b.Fatal(err)
	}
	defer client.Close()
	for range n {
		m.MessageID = mail.NewMessageID(cfg.From)
		em, err := mail.Build(m, cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := em.Send(client); err != nil {
			b.Fatal(err)
		}
	}
	took := time.Since(start)
	_ = client.Quit()
	return took
}
