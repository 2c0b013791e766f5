package engine_test

import (
	"context"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func TestSaveEventStoresAnUnlinkedEventAsTyped(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	ev.Title = "Renamed"
	saved, warn, err := eng.SaveEvent(ctx, ev)
	if err != nil || warn != nil || saved.Title != "Renamed" {
		t.Fatalf("SaveEvent = %+v, %v, %v", saved, warn, err)
	}
	ev.ID = 0
	ev.Location = core.Location{Provider: core.ProviderZoom, AccountID: 77, ExternalID: "123"}
	if _, _, err := eng.SaveEvent(ctx, ev); err == nil {
		t.Fatal("an event linked to a missing account was saved")
	}
	if list, _ := eng.ListEvents(ctx, ""); len(list) != 1 {
		t.Fatalf("%d events stored, want 1", len(list))
	}
	if accounts, err := eng.AccountsFor(ctx, core.ProviderZoom); err != nil || len(accounts) != 0 {
		t.Fatalf("AccountsFor = %v, %v; a new data file has none", accounts, err)
	}
}
