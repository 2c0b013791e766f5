package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
)

// BenchmarkReminders5000 sends 5,000 reminders to a real SMTP server
// (mailpit) through the outbox: compose, mark in flight, send, record.
func BenchmarkReminders5000(b *testing.B) {
	mp := mailpittest.Start(b)
	for range b.N {
		b.StopTimer()
		mp.DeleteAll(b)
		f := newMailFixture(b, 5000, 0, mailpitConfig(mp))
		ctx := context.Background()
		if n, err := f.eng.Remind(ctx, f.event.ID, engine.RemindOptions{}); err != nil || n != 5000 {
			b.Fatalf("Remind = %d, %v", n, err)
		}
		b.StartTimer()
		start := time.Now()
		sent := 0
		for sent < 5000 {
			sum, err := f.eng.SendQueuedMailWith(ctx, engine.MailOptions{BatchSize: 5000})
			if err != nil {
				b.Fatal(err)
			}
			if sum.Sent == 0 {
				b.Fatalf("stuck at %d sent", sent)
			}
			sent += sum.Sent
		}
		el := time.Since(start)
		b.StopTimer()
		b.ReportMetric(5000/el.Seconds(), "msg/s")
		waitFor(b, "mailpit to hold 5000", 60*time.Second, func() bool { return mp.Count(b) >= 5000 })
	}
}
