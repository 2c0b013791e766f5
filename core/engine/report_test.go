package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

// seedAttendance builds an event with: Ann attended 50 min (provider),
// Bob attended 30 min (provider, reminded, clicked), Cy checked in manually,
// Di no-show (reminded), Ed cancelled; two walk-ins and one matched
// participant.
func seedAttendance(t *testing.T) (*engine.Engine, core.Event) {
	t.Helper()
	eng, db := newEngine(t)
	ctx := context.Background()
	// Held yesterday: no-shows and the rate only apply once it is over.
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Alumni webinar", Start: testNow.Add(-24 * time.Hour),
		Duration: time.Hour, TimeZone: "America/New_York",
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	people := map[string]core.Registrant{}
	for _, name := range []string{"ann", "bob", "cy", "di", "ed"} {
		people[name] = mustAdd(t, eng, ev.ID, name+"@example.org", name, "")
	}
	if _, err := eng.CheckInManually(ctx, ev.ID, people["cy"].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.CancelRegistrant(ctx, ev.ID, people["ed"].ID); err != nil {
		t.Fatal(err)
	}
	setAttendance(t, db, ev.ID, people["ann"].ID, 50, false)
	setAttendance(t, db, ev.ID, people["bob"].ID, 30, true)
	setAttendance(t, db, ev.ID, people["di"].ID, -1, false)
	err = db.Update(ctx, func(tx core.Tx) error {
		for _, p := range []core.Participant{
			{EventID: ev.ID, Name: "Guest One", Minutes: 12},
			{EventID: ev.ID, Name: "Guest Two", Email: "two@example.org", Minutes: 20},
			{EventID: ev.ID, Name: "ann", Email: "ann@example.org", Minutes: 50, RegistrantID: people["ann"].ID, MatchMethod: core.MatchEmail},
		} {
			if err := tx.PutParticipant(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return eng, ev
}

// setAttendance writes what the provider and mail issues will record: a
// provider check-in (minutes >= 0), a sent reminder, a click.
func setAttendance(t *testing.T, db *store.DB, eventID, id core.ID, minutes int, clicked bool) {
	t.Helper()
	err := db.Update(context.Background(), func(tx core.Tx) error {
		r, err := tx.Registrant(eventID, id)
		if err != nil {
			return err
		}
		r.Reminder.Status = core.ReminderSent
		if clicked {
			r.Clicks = 2
		}
		if minutes >= 0 {
			r.CheckIn = &core.CheckIn{Source: core.SourceProvider, At: testNow, Minutes: minutes}
		}
		return tx.PutRegistrant(&r)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReportCountsEveryColumn(t *testing.T) {
	eng, ev := seedAttendance(t)
	h, err := eng.Report(context.Background(), ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := []int{h.Registered, h.Cancelled, h.Active, h.Reminded, h.Clicked, h.Attended, h.NoShows, h.WalkIns,
		h.AttendedBy[core.SourceProvider], h.AttendedBy[core.SourceManual], h.TotalMinutes, h.WalkInMinutes}
	want := []int{5, 1, 4, 3, 1, 3, 1, 2, 2, 1, 80, 32}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("report = %+v\nfigures %v, want %v", h, got, want)
		}
	}
	if h.AttendanceRate != 0.75 || h.AverageMinutes < 26.6 || h.AverageMinutes > 26.7 {
		t.Errorf("rate %.2f, average %.2f; want 0.75 and 26.67", h.AttendanceRate, h.AverageMinutes)
	}
}

func TestReportOfAnUnknownEvent(t *testing.T) {
	eng, _ := newEngine(t)
	_, err := eng.Report(context.Background(), 99)
	wantCode(t, err, core.ENOTFOUND)
}

func TestAttendeesAreTheActiveCheckedIn(t *testing.T) {
	eng, ev := seedAttendance(t)
	list, err := eng.Attendees(context.Background(), ev.ID)
	if err != nil || len(list) != 3 || list[0].FirstName != "ann" || list[2].FirstName != "cy" {
		t.Fatalf("Attendees = %v, %v; want ann, bob, cy", list, err)
	}
	// Ann's participant was matched by email (seedAttendance); Bob has no
	// participant row.
	if list[0].MatchedBy != core.MatchEmail || list[1].MatchedBy != core.MatchNone {
		t.Fatalf("matched by: %q, %q; want email and none", list[0].MatchedBy, list[1].MatchedBy)
	}
}
