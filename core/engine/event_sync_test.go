package engine_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

func TestEventSyncCountsRegistrantsByState(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db)
	acc, err := eng.AddAccount(ctx, core.Account{Name: "Sandbox", Provider: core.ProviderZoom, Active: true, Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(72 * time.Hour).Truncate(time.Minute)
	managed, err := eng.CreateEvent(ctx, core.Event{Title: "Managed", Start: start, Duration: time.Hour, TimeZone: "UTC",
		Location: core.Location{Provider: core.ProviderZoom, Kind: core.KindMeeting, AccountID: acc.ID, ExternalID: "915 3384 2071"}})
	if err != nil {
		t.Fatal(err)
	}
	link, err := eng.CreateEvent(ctx, core.Event{Title: "Link", Start: start, Duration: time.Hour, TimeZone: "UTC",
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []core.ID
	for _, email := range []string{"a@example.org", "b@example.org", "c@example.org", "d@example.org", "e@example.org"} {
		r, _, err := eng.AddRegistrant(ctx, managed.ID, core.Registrant{Email: email})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	// Stand-ins for what the sync worker records.
	set := func(id core.ID, st core.SyncState, cancel bool) {
		t.Helper()
		if err := db.Update(ctx, func(tx core.Tx) error {
			r, err := tx.Registrant(managed.ID, id)
			if err != nil {
				return err
			}
			r.Sync.State = st
			if cancel {
				r.Status = core.StatusCancelled
			}
			return tx.PutRegistrant(&r)
		}); err != nil {
			t.Fatal(err)
		}
	}
	set(ids[0], core.SyncPushed, false)
	set(ids[1], core.SyncPushed, false)
	set(ids[2], core.SyncFailed, false)
	set(ids[3], core.SyncCancelled, true)
	set(ids[4], core.SyncNone, false)

	got, err := eng.EventSync(ctx, managed.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := engine.EventSync{Managed: true, Provider: "Sandbox", Account: "Sandbox", AccountActive: true,
		Pushed: 2, Failed: 1, Cancelled: 1, NotPushed: 1}
	if got != want {
		t.Fatalf("EventSync = %+v, want %+v", got, want)
	}
	if s := got.String(); s != "2 registered in Sandbox, 1 couldn't be registered, 1 cancelled in Sandbox, 1 not sent to Sandbox yet." {
		t.Errorf("String = %q", s)
	}

	if _, err := eng.SetAccountActive(ctx, acc.ID, false); err != nil {
		t.Fatal(err)
	}
	if got, _ := eng.EventSync(ctx, managed.ID); got.AccountActive || !strings.Contains(got.String(), "paused") {
		t.Errorf("paused account: %+v %q", got, got.String())
	}

	if got, err := eng.EventSync(ctx, link.ID); err != nil || got.Managed || got.Failed != 0 {
		t.Errorf("link-only event: %+v, %v", got, err)
	}
	if _, err := eng.EventSync(ctx, 999); core.ErrorCode(err) != core.ENOTFOUND {
		t.Errorf("unknown event: %v", err)
	}
}
