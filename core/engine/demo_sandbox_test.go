package engine_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

// The demo's managed meeting lives in the Sandbox: the events list says so,
// and its link is the one the Sandbox itself gives, not a zoom.us address.
func TestDemoSandboxMeetingShowsTheSandboxAndItsLink(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithProviders(engine.ProviderOptions{}))
	if err := eng.SeedDemo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	events, err := eng.ListEvents(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var sandbox []engine.EventSummary
	var gotoSandbox int
	for _, ev := range events {
		switch {
		case ev.Sandbox && ev.Location.Provider == core.ProviderGoTo:
			gotoSandbox++ // the GoTo workshop, on the GoTo Sandbox organizer
		case ev.Sandbox:
			sandbox = append(sandbox, ev)
		}
	}
	if len(sandbox) != 1 || gotoSandbox != 1 {
		t.Fatalf("%d Zoom and %d GoTo events marked Sandbox, want the one demo meeting and the GoTo workshop", len(sandbox), gotoSandbox)
	}
	ev := sandbox[0]
	if strings.Contains(ev.Location.JoinURL, "zoom.us") {
		t.Fatalf("the Sandbox meeting links to Zoom: %s", ev.Location.JoinURL)
	}
	got, _, err := eng.RefreshEvent(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Location.JoinURL != ev.Location.JoinURL {
		t.Errorf("the demo says %s, the Sandbox says %s", ev.Location.JoinURL, got.Location.JoinURL)
	}
}

// The demo's GoTo workshop is managed through the GoTo Sandbox organizer:
// refreshing it reads it back, and pushing registers its people there.
func TestDemoGoToWorkshopLivesInTheGoToSandbox(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithProviders(engine.ProviderOptions{}))
	if err := eng.SeedDemo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	events, _ := eng.ListEvents(ctx, "")
	for _, ev := range events {
		if ev.Location.Provider != core.ProviderGoTo {
			continue
		}
		if !ev.Sandbox {
			t.Fatal("the GoTo workshop is not on the GoTo Sandbox")
		}
		got, _, err := eng.RefreshEvent(ctx, ev.ID)
		if err != nil || got.Title != ev.Title {
			t.Fatalf("refresh: %+v %v", got, err)
		}
		sum, err := eng.PushEvent(ctx, ev.ID)
		if err != nil || sum.Pushed != 9 || sum.Failed != 0 {
			t.Fatalf("push to the GoTo Sandbox: %+v %v", sum, err)
		}
		return
	}
	t.Fatal("the demo has no GoTo event")
}
