package engine_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

var journalCfg = core.MailSettings{Host: "smtp.example.org", Port: 587, Security: core.MailSecuritySTARTTLS, From: "office@example.org"}

// A run that dies after the server accepted reminders but before they were
// folded into the data file leaves notes in the sent journal: the next run
// records those reminders as sent, at the time noted, and sends them no
// more. A job in flight without a note may have gone out or not, and is
// sent again (at most one per connection). Notes of jobs that are gone or
// belong to someone else change nothing.
func TestSentJournalAfterACrash(t *testing.T) {
	ctx := context.Background()
	m := &recordingMailer{}
	f := newMailFixture(t, 6, 0, journalCfg, engine.WithMailer(m))
	if n, err := f.eng.Remind(ctx, f.event.ID, core.RemindOptions{}); err != nil || n != 6 {
		t.Fatalf("Remind = %d, %v", n, err)
	}
	var jobs []core.Job
	if err := f.db.Update(ctx, func(tx core.Tx) error {
		return tx.Jobs(core.QueueMail, func(j core.Job) error {
			if len(jobs) < 3 { // claimed by the run that died
				j.InFlightAt, j.Attempts = f.clock.Now(), 1
				if err := tx.PutJob(j); err != nil {
					return err
				}
			}
			jobs = append(jobs, j)
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	sentAt := f.clock.Now().Add(-time.Minute).Truncate(time.Second)
	j, err := f.db.OpenJournal("sent-mail")
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Append(
		engine.EncodeSentNote(jobs[0].ID, jobs[0].EventID, jobs[0].RegistrantID, sentAt),
		engine.EncodeSentNote(jobs[1].ID, jobs[1].EventID, jobs[1].RegistrantID, sentAt),
		engine.EncodeSentNote(jobs[5].ID+100, jobs[5].EventID, jobs[5].RegistrantID, sentAt), // gone
		engine.EncodeSentNote(jobs[4].ID, jobs[4].EventID, jobs[3].RegistrantID, sentAt),     // someone else's
	); err != nil {
		t.Fatal(err)
	}
	j.Close()

	sum, err := f.eng.SendQueuedMail(ctx)
	if err != nil || sum.Sent != 4 {
		t.Fatalf("SendQueuedMail = %+v, %v; want the 4 without a note sent", sum, err)
	}
	to := map[string]int{}
	for _, msg := range m.sent {
		to[msg.To]++
	}
	for i, r := range f.regs {
		want := 1
		if i < 2 {
			want = 0
		}
		if to[r.Email] != want {
			t.Errorf("%s got %d reminders, want %d", r.Email, to[r.Email], want)
		}
		got := registrant(t, f, r.ID)
		if got.Reminder.Status != core.ReminderSent {
			t.Errorf("%s: reminder %+v, want sent", r.Email, got.Reminder)
		}
		if i < 2 && !got.Reminder.SentAt.Equal(sentAt) {
			t.Errorf("%s: sent at %s, want the noted %s", r.Email, got.Reminder.SentAt, sentAt)
		}
	}
	assertJournalEmpty(t, f)
}

// The screens follow a long batch: what was sent shows as sent within
// moments, not only when the batch ends.
func TestSentJournalFoldsWhileSending(t *testing.T) {
	ctx := context.Background()
	m := &gatedMailer{f: nil}
	f := newMailFixture(t, 4, 0, journalCfg, engine.WithMailer(m))
	m.f = f
	m.t = t
	if _, err := f.eng.Remind(ctx, f.event.ID, core.RemindOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := f.eng.SendQueuedMailWith(ctx, engine.MailOptions{Connections: 1})
	if err != nil || sum.Sent != 4 {
		t.Fatalf("SendQueuedMail = %+v, %v", sum, err)
	}
	if !m.sawFirstSent {
		t.Fatal("the first reminder did not show as sent while the batch went on")
	}
	assertJournalEmpty(t, f)
}

// gatedMailer holds the third message until the data file shows the
// first registrant reminded (or gives up after 5 s).
type gatedMailer struct {
	mu           sync.Mutex
	f            *mailFixture
	t            *testing.T
	n            int
	sawFirstSent bool
}

func (m *gatedMailer) Dial(context.Context, core.MailSettings) (core.MailSession, error) {
	return m, nil
}

func (m *gatedMailer) Send(core.MailMessage) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.n++; m.n == 3 {
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) && !m.sawFirstSent {
			m.sawFirstSent = registrant(m.t, m.f, m.f.regs[0].ID).Reminder.Status == core.ReminderSent
			time.Sleep(20 * time.Millisecond)
		}
	}
	return nil
}

func (m *gatedMailer) Close() error { return nil }

func registrant(t *testing.T, f *mailFixture, id core.ID) core.Registrant {
	t.Helper()
	var r core.Registrant
	if err := f.db.View(context.Background(), func(tx core.Tx) (err error) {
		r, err = tx.Registrant(f.event.ID, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return r
}

func assertJournalEmpty(t *testing.T, f *mailFixture) {
	t.Helper()
	j, err := f.db.OpenJournal("sent-mail")
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	if recs, err := j.Records(); err != nil || len(recs) != 0 {
		t.Fatalf("the sent journal holds %d notes after the run (%v), want none", len(recs), err)
	}
}
