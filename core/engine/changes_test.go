package engine_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

// changeLog collects what a subscriber was told.
type changeLog struct {
	mu    sync.Mutex
	calls [][]core.Change
}

func (l *changeLog) add(cs []core.Change) {
	l.mu.Lock()
	l.calls = append(l.calls, cs)
	l.mu.Unlock()
}

// merged is every change told so far, one per event.
func (l *changeLog) merged() map[core.ID]core.Change {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[core.ID]core.Change{}
	for _, cs := range l.calls {
		for _, c := range cs {
			m := out[c.EventID]
			m.EventID = c.EventID
			m.Merge(c)
			out[c.EventID] = m
		}
	}
	return out
}

func (l *changeLog) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.calls)
}

func subscribe(t *testing.T, eng *engine.Engine) *changeLog {
	t.Helper()
	l := &changeLog{}
	t.Cleanup(eng.Subscribe(l.add))
	return l
}

func TestChangeNamesTheRegistrantSavedWithinASecond(t *testing.T) {
	ctx := context.Background()
	eng, _ := newEngine(t)
	ev := newEvent(t, eng)
	log := subscribe(t, eng)
	start := time.Now()
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "Lee")
	waitFor(t, "the change of Ann's registration", time.Second, func() bool {
		return slices.Contains(log.merged()[ev.ID].RegistrantIDs, ann.ID)
	})
	t.Logf("told after %v", time.Since(start))
	c := log.merged()[ev.ID]
	if !c.Has(core.ChangeRegistrants) || c.Many {
		t.Errorf("change = %+v, want registrants changed, one ID", c)
	}

	if _, err := eng.CheckInManually(ctx, ev.ID, ann.ID); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the check-in change", time.Second, func() bool { return log.merged()[ev.ID].Has(core.ChangeCheckIn) })

	ev.Title = "Alumni webinar (moved)"
	if _, err := eng.UpdateEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the event change", time.Second, func() bool { return log.merged()[ev.ID].Has(core.ChangeEvent) })
}

func TestRefusedWriteTellsNothing(t *testing.T) {
	eng, _ := newEngine(t)
	ev := newEvent(t, eng)
	log := subscribe(t, eng)
	_, _, err := eng.AddRegistrant(context.Background(), ev.ID, core.Registrant{Email: "not an address"})
	if err == nil {
		t.Fatal("an invalid email was accepted")
	}
	time.Sleep(400 * time.Millisecond)
	if n := log.count(); n != 0 {
		t.Fatalf("a refused registration told subscribers %d times: %+v", n, log.calls)
	}
}

// A subscriber that never returns must not hold up the mail outbox: the
// worker sends everything, and the subscriber's next call carries every
// reminder merged.
func TestSlowSubscriberNeverBlocksTheMailWorker(t *testing.T) {
	ctx := context.Background()
	m := &recordingMailer{}
	cfg := core.MailSettings{Host: "smtp.example.org", Port: 587, Security: core.MailSecuritySTARTTLS, From: "office@example.org"}
	f := newMailFixture(t, 40, 0, cfg, engine.WithMailer(m), engine.WithMail(engine.MailOptions{Poll: 20 * time.Millisecond}))

	release, stuck := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	var after []core.Change
	first := true
	unsub := f.eng.Subscribe(func(cs []core.Change) {
		mu.Lock()
		wasFirst := first
		first = false
		if !wasFirst {
			after = append(after, cs...)
		}
		mu.Unlock()
		if wasFirst {
			close(stuck)
			<-release // stuck, as a frozen window would be
		}
	})
	defer unsub()

	if n, err := f.eng.Remind(ctx, f.event.ID, core.RemindOptions{}); err != nil || n != 40 {
		t.Fatalf("Remind = %d, %v", n, err)
	}
	<-stuck // told of the queued reminders, and now stuck
	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { f.eng.Serve(sctx); close(done) }()
	defer func() { stop(); <-done }()
	waitFor(t, "the outbox to send all 40 while the subscriber is stuck", 10*time.Second, func() bool {
		m.mu.Lock()
		defer m.mu.Unlock()
		return len(m.sent) == 40
	})
	close(release)
	waitFor(t, "the merged change after the subscriber returned", 2*time.Second, func() bool {
		mu.Lock()
		defer mu.Unlock()
		for _, c := range after {
			if c.EventID == f.event.ID && c.Has(core.ChangeReminders) && len(c.RegistrantIDs) == 40 {
				return true
			}
		}
		return false
	})
	for _, id := range []core.ID{f.regs[0].ID, f.regs[39].ID} {
		r, err := f.eng.Registrant(ctx, f.event.ID, id)
		if err != nil || r.Reminder.Status != core.ReminderSent {
			t.Errorf("registrant %d: %q, %v", id, r.Reminder.Status, err)
		}
	}
}

// An import of more people than a change lists says Many, so a screen
// reloads its list once instead of row by row.
func TestBigImportIsOneManyChange(t *testing.T) {
	ctx := context.Background()
	eng, _ := newEngine(t)
	ev := newEvent(t, eng)
	var csv strings.Builder
	csv.WriteString("email,first name,last name\n")
	n := core.MaxChangeIDs + 100
	for i := range n {
		fmt.Fprintf(&csv, "p%04d@example.org,P%d,Tester\n", i, i)
	}
	plan, err := eng.PreviewImport(ctx, ev.ID, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	log := subscribe(t, eng)
	if _, err := eng.ApplyImport(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the import's change", time.Second, func() bool { return log.merged()[ev.ID].Many })
	if c := log.merged()[ev.ID]; c.RegistrantIDs != nil || !c.Has(core.ChangeRegistrants) {
		t.Errorf("import change = %+v", c)
	}
}

func TestUnsubscribeStopsCalls(t *testing.T) {
	eng, _ := newEngine(t)
	ev := newEvent(t, eng)
	l := &changeLog{}
	unsub := eng.Subscribe(l.add)
	mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "Lee")
	waitFor(t, "the first change", time.Second, func() bool { return l.count() == 1 })
	unsub()
	unsub() // twice is harmless
	mustAdd(t, eng, ev.ID, "bob@example.org", "Bob", "Lee")
	time.Sleep(400 * time.Millisecond)
	if n := l.count(); n != 1 {
		t.Fatalf("after unsubscribe: %d calls", n)
	}
}

// Putting a backup back changes everything: screens are told to reload.
func TestRestoreTellsEverythingChanged(t *testing.T) {
	eng, _ := newEngine(t)
	newEvent(t, eng)
	backup := t.TempDir() + "/copy.db"
	if _, err := eng.BackupFile(backup); err != nil {
		t.Fatal(err)
	}
	log := subscribe(t, eng)
	if err := eng.Restore(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the restore's change", time.Second, func() bool { return log.merged()[0].Has(core.ChangeAll) })
}
