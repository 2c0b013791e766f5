package engine_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

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
	for _, ev := range events {
		if ev.Sandbox {
			sandbox = append(sandbox, ev)
		}
	}
	if len(sandbox) != 1 {
		t.Fatalf("%d events marked Sandbox, want the one demo meeting", len(sandbox))
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
