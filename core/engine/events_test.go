package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

func TestCreateEventDefaultsAndValidation(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	if ev.ID == 0 || ev.ReminderLead != 2*time.Hour || !ev.CreatedAt.Equal(testNow) {
		t.Fatalf("created event = %+v; want an ID, a 2 h reminder and CreatedAt now", ev)
	}
	_, err := eng.CreateEvent(ctx, core.Event{Title: "No link", Start: testNow, Duration: time.Hour, TimeZone: "UTC"})
	wantCode(t, err, core.EINVALID)
	if list, _ := eng.ListEvents(ctx, ""); len(list) != 1 {
		t.Fatalf("an invalid event was stored: %d events", len(list))
	}
}

func TestListEventsSearchesAndCounts(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	other, err := eng.DuplicateEvent(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if other.Title != "Copy of Alumni webinar" || !other.Start.Equal(ev.Start.AddDate(0, 0, 7)) {
		t.Fatalf("duplicate = %q at %v", other.Title, other.Start)
	}
	mustAdd(t, eng, ev.ID, "a@example.org", "A", "A")
	b := mustAdd(t, eng, ev.ID, "b@example.org", "B", "B")
	if _, err := eng.CancelRegistrant(ctx, ev.ID, b.ID); err != nil {
		t.Fatal(err)
	}
	list, err := eng.ListEvents(ctx, "COPY")
	if err != nil || len(list) != 1 || list[0].ID != other.ID {
		t.Fatalf("search for COPY = %+v, %v", list, err)
	}
	list, _ = eng.ListEvents(ctx, "")
	if len(list) != 2 || list[0].ID != ev.ID || list[0].Registered != 1 || list[0].Cancelled != 1 || list[0].Past {
		t.Fatalf("list = %+v", list)
	}
}

func TestDeleteEventRemovesItsRegistrants(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	mustAdd(t, eng, ev.ID, "a@example.org", "A", "A")
	if err := eng.DeleteEvent(ctx, ev.ID); err != nil {
		t.Fatal(err)
	}
	_, err := eng.Registrants(ctx, ev.ID)
	wantCode(t, err, core.ENOTFOUND)
	wantCode(t, eng.DeleteEvent(ctx, ev.ID), core.ENOTFOUND)
}

func TestParseLocalTime(t *testing.T) {
	got, err := engine.ParseLocalTime("2026-12-01 14:00", "America/New_York")
	if err != nil || got.UTC() != time.Date(2026, 12, 1, 19, 0, 0, 0, time.UTC) {
		t.Fatalf("ParseLocalTime = %v, %v; want 19:00 UTC", got, err)
	}
	if _, err := engine.ParseLocalTime("1 Dec 2pm", "UTC"); core.ErrorCode(err) != core.EINVALID {
		t.Fatalf("want EINVALID for an unreadable time, got %v", err)
	}
}
