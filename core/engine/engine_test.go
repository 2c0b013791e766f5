package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

var testNow = time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)

// newEngine returns an engine on a fresh data file in a temporary folder.
func newEngine(t testing.TB) (*engine.Engine, *store.DB) {
	t.Helper()
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return engine.New(db, engine.WithClock(coretest.NewClock(testNow))), db
}

// newEvent stores a link-only event starting in ten days.
func newEvent(t testing.TB, eng *engine.Engine) core.Event {
	t.Helper()
	ev, err := eng.CreateEvent(context.Background(), core.Event{
		Title: "Alumni webinar", Start: testNow.Add(10 * 24 * time.Hour), Duration: time.Hour,
		TimeZone: "America/New_York", Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func mustAdd(t testing.TB, eng *engine.Engine, eventID core.ID, email, first, last string) core.Registrant {
	t.Helper()
	r, _, err := eng.AddRegistrant(context.Background(), eventID, core.Registrant{Email: email, FirstName: first, LastName: last})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if core.ErrorCode(err) != code {
		t.Fatalf("error = %v (code %q), want code %q", err, core.ErrorCode(err), code)
	}
}

// openEngineAt opens an existing data file.
func openEngineAt(t testing.TB, path string) (*engine.Engine, *store.DB) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return engine.New(db, engine.WithClock(coretest.NewClock(testNow))), db
}
