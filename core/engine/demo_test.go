package engine_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

func openDemoEngine(t *testing.T) (*engine.Engine, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	return engine.New(db, engine.WithClock(coretest.NewClock(now))), path
}

func TestSeedDemoFillsAnEmptyFile(t *testing.T) {
	ctx := context.Background()
	eng, _ := openDemoEngine(t)
	if err := eng.SeedDemo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	events, err := eng.ListEvents(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 4 {
		t.Fatalf("got %d events, want 4", len(events))
	}
	var past, vimeo, upcoming int
	for _, ev := range events {
		switch {
		case ev.Past:
			past++
			h, err := eng.Report(ctx, ev.ID)
			if err != nil {
				t.Fatal(err)
			}
			if h.Attended == 0 || h.Cancelled == 0 || h.WalkIns < 2 || h.TotalMinutes == 0 || h.NoShows == 0 {
				t.Errorf("past webinar lacks variety: %+v", h)
			}
			walkIns, err := eng.WalkIns(ctx, ev.ID)
			if err != nil || len(walkIns) != h.WalkIns {
				t.Errorf("WalkIns = %d, %v; report says %d", len(walkIns), err, h.WalkIns)
			}
		case ev.Location.Provider == core.ProviderVimeo:
			vimeo++
		default:
			upcoming++
			if ev.Registered == 0 {
				t.Errorf("upcoming %q has no registrants", ev.Title)
			}
		}
	}
	if past != 1 || vimeo != 1 || upcoming < 1 {
		t.Errorf("past=%d vimeo=%d upcoming=%d", past, vimeo, upcoming)
	}
	o, err := eng.Office(ctx)
	if err != nil || o.Name == core.DefaultOffice().Name {
		t.Errorf("office not set: %+v, %v", o, err)
	}
	next, ok, err := eng.NextEvent(ctx)
	if err != nil || !ok || !next.Start.After(eng.Now()) {
		t.Errorf("NextEvent = %v %v %v", next.Title, ok, err)
	}
}

func TestSeedDemoLeavesExistingDataAlone(t *testing.T) {
	ctx := context.Background()
	eng, _ := openDemoEngine(t)
	ev, err := eng.NewEvent(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ev.Title, ev.Location.JoinURL = "Ours", "https://example.org/live"
	if _, err := eng.CreateEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if err := eng.SeedDemo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	events, _ := eng.ListEvents(ctx, "")
	if len(events) != 1 || events[0].Title != "Ours" {
		t.Fatalf("demo seeded over existing data: %+v", events)
	}
	// Seeding twice does not double the data either.
	eng2, _ := openDemoEngine(t)
	for range 2 {
		if err := eng2.SeedDemo(ctx, 0); err != nil {
			t.Fatal(err)
		}
	}
	if events, _ := eng2.ListEvents(ctx, ""); len(events) != 4 {
		t.Fatalf("second seed changed the event count to %d", len(events))
	}
}

func TestSeedDemoExtraRegistrants(t *testing.T) {
	ctx := context.Background()
	eng, _ := openDemoEngine(t)
	if err := eng.SeedDemo(ctx, 2500); err != nil {
		t.Fatal(err)
	}
	events, _ := eng.ListEvents(ctx, "")
	largest := 0
	for _, ev := range events {
		largest = max(largest, ev.Registered+ev.Cancelled)
	}
	if largest < 2500 {
		t.Fatalf("largest event has %d registrants, want at least 2500", largest)
	}
}

func TestRestoreBringsBackABackup(t *testing.T) {
	ctx := context.Background()
	eng, path := openDemoEngine(t)
	if err := eng.SeedDemo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := eng.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(filepath.Dir(path), "backup.db")
	if err := os.WriteFile(backup, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	events, _ := eng.ListEvents(ctx, "")
	if err := eng.DeleteEvent(ctx, events[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := eng.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if after, _ := eng.ListEvents(ctx, ""); len(after) != len(events) {
		t.Fatalf("after restore %d events, want %d", len(after), len(events))
	}
}
