package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
)

// A second sync of a GoTo organizer finds its webinars already imported:
// GoTo events keep no kind while GoTo lists webinars, and that must not
// make every sync import them again.
func TestGoToSyncTwiceImportsEachWebinarOnce(t *testing.T) {
	f := newGoToFixture(t, "", gotofake.Options{})
	ctx := context.Background()
	start := f.clock.Now().Add(48 * time.Hour).Truncate(time.Minute)
	f.fake.AddWebinar(gotofake.Webinar{Subject: "Coming up", Times: []gotofake.Range{{Start: start, End: start.Add(time.Hour)}}})
	f.fake.AddWebinar(gotofake.Webinar{Subject: "Held in spring", Times: []gotofake.Range{{Start: start.AddDate(0, 0, -200), End: start.AddDate(0, 0, -200).Add(time.Hour)}}})
	first, err := f.eng.SyncAccount(ctx, f.acc.ID, nil)
	if err != nil || len(first.Added) != 2 {
		t.Fatalf("first sync: %d added, %v", len(first.Added), err)
	}
	again, err := f.eng.SyncAccount(ctx, f.acc.ID, nil)
	if err != nil || len(again.Added) != 0 {
		t.Fatalf("second sync added %d more (%v)", len(again.Added), err)
	}
	if events, _ := f.eng.ListEvents(ctx, ""); len(events) != 2 {
		t.Fatalf("%d events after two syncs, want 2", len(events))
	}
}
