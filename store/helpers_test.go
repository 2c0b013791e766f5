package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// openTemp opens a fresh data file in a temporary folder and closes it at
// the end of the test.
func openTemp(t testing.TB) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "data", "turnout.db")
	if err := MakeFolder(path); err != nil {
		t.Fatal(err)
	}
	db, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

func update(t testing.TB, db *DB, fn func(core.Tx) error) {
	t.Helper()
	if err := db.Update(context.Background(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func view(t testing.TB, db *DB, fn func(core.Tx) error) {
	t.Helper()
	if err := db.View(context.Background(), fn); err != nil {
		t.Fatalf("View: %v", err)
	}
}

func ctx() context.Context { return context.Background() }

var start = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

func sampleEvent(title string, startsIn time.Duration) core.Event {
	return core.Event{
		Title:        title,
		Start:        start.Add(startsIn),
		Duration:     time.Hour,
		TimeZone:     "America/New_York",
		Location:     core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/join"},
		ReminderLead: core.DefaultReminderLead,
		CreatedAt:    start.Add(-24 * time.Hour),
		UpdatedAt:    start.Add(-24 * time.Hour),
	}
}

// addEvent stores a new event and returns it with its ID.
func addEvent(t testing.TB, db *DB, title string, startsIn time.Duration) core.Event {
	t.Helper()
	e := sampleEvent(title, startsIn)
	update(t, db, func(tx core.Tx) error { return tx.PutEvent(&e) })
	return e
}

func sampleRegistrant(eventID core.ID, email string) core.Registrant {
	return core.Registrant{
		EventID:      eventID,
		FirstName:    "Ann",
		LastName:     "Lee",
		Email:        email,
		Source:       "newsletter",
		Status:       core.StatusRegistered,
		RegisteredAt: start.Add(-time.Hour),
		UpdatedAt:    start.Add(-time.Hour),
	}
}

// addRegistrant stores a new registrant and returns it with its ID.
func addRegistrant(t testing.TB, db *DB, eventID core.ID, email string) core.Registrant {
	t.Helper()
	r := sampleRegistrant(eventID, email)
	update(t, db, func(tx core.Tx) error { return tx.PutRegistrant(&r) })
	return r
}

// registrantIDs lists an event's registrants in iteration order.
func registrantIDs(t testing.TB, tx core.Tx, eventID core.ID) []core.ID {
	t.Helper()
	var ids []core.ID
	if err := tx.Registrants(eventID, func(r core.Registrant) error {
		if r.EventID != eventID {
			t.Errorf("Registrants(%d) yielded registrant %d of event %d", eventID, r.ID, r.EventID)
		}
		ids = append(ids, r.ID)
		return nil
	}); err != nil {
		t.Fatalf("Registrants(%d): %v", eventID, err)
	}
	return ids
}

// wantCode fails unless err carries the core error code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := core.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
	var e *core.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not a *core.Error", err)
	}
}
