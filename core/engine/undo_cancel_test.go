package engine_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

// Undo of a cancellation brings the registration back as it was, first
// registration date included (Reregister dates it today); two Undos at
// once count the person once.
func TestUndoCancelKeepsTheRegistrationDate(t *testing.T) {
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := coretest.NewClock(testNow)
	eng := engine.New(db, engine.WithClock(clock))
	ctx := context.Background()
	ev := newEvent(t, eng)
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "Lee")
	clock.Add(48 * time.Hour)
	if _, err := eng.CancelRegistrant(ctx, ev.ID, ann.ID); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if _, err := eng.UndoCancel(ctx, ev.ID, ann.ID); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, err := eng.Registrant(ctx, ev.ID, ann.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Active() || !got.CancelledAt.IsZero() || !got.RegisteredAt.Equal(ann.RegisteredAt) {
		t.Fatalf("after Undo: %+v; want active, registered %v as before", got, ann.RegisteredAt)
	}
	rep, _ := eng.Report(ctx, ev.ID)
	if rep.Registered != 1 || rep.Active != 1 || rep.Cancelled != 0 {
		t.Errorf("headcount after two Undos: %d registered, %d active, %d cancelled", rep.Registered, rep.Active, rep.Cancelled)
	}

	// Re-registering is a new registration, dated now.
	eng.CancelRegistrant(ctx, ev.ID, ann.ID)
	again, err := eng.Reregister(ctx, ev.ID, ann.ID)
	if err != nil || !again.RegisteredAt.Equal(clock.Now()) {
		t.Errorf("Reregister dated %v, want now (%v): %v", again.RegisteredAt, clock.Now(), err)
	}
}
