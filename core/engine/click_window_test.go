package engine_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/track"
)

func clickOnce(t *testing.T, base, path string) (int, string) {
	t.Helper()
	resp, err := noRedirect().Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestOnlyClicksInTheWindowCountAsAttendance: on a link-only event a
// click months ahead is someone checking the link. Before, any click
// at any time checked people in ("Attended 200, 100 %" from clicks
// three months early). Now only clicks from 30 minutes before the start
// to the scheduled end count; earlier ones are reported as early.
func TestOnlyClicksInTheWindowCountAsAttendance(t *testing.T) {
	f := newMailFixture(t, 4, 0, core.MailSettings{})
	ctx := context.Background()
	base, srv := startClicks(t, f, track.Config{Rate: -1})
	paths := clickPaths(t, f)
	start := f.event.Start

	at := func(d time.Duration, who int) {
		f.clock.Set(start.Add(d))
		if code, _ := clickOnce(t, base, paths[who]); code != http.StatusFound {
			t.Fatalf("click %v from the start: HTTP %d", d, code)
		}
		if err := srv.Flush(ctx); err != nil {
			t.Fatal(err)
		}
	}
	at(-90*24*time.Hour, 0) // three months early: early
	at(-31*time.Minute, 1)  // just before the window: early
	at(-90*24*time.Hour, 2) // early, then again at the start: attended
	at(0, 2)
	at(-30*time.Minute, 3) // the window's first minute: attended
	f.clock.Set(f.event.End().Add(time.Hour))

	h, err := f.eng.Report(ctx, f.event.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Clicked != 4 || h.Attended != 2 || h.ClickedEarly != 2 || h.NoShows != 2 {
		t.Fatalf("clicked %d, attended %d, clicked early %d, no-shows %d; want 4, 2, 2, 2",
			h.Clicked, h.Attended, h.ClickedEarly, h.NoShows)
	}
	if !strings.Contains(h.Note, "2 people clicked only before") {
		t.Errorf("note %q does not explain the early clicks", h.Note)
	}

	// A click after the scheduled end is not attendance either.
	f2 := newMailFixture(t, 1, 0, core.MailSettings{})
	base2, srv2 := startClicks(t, f2, track.Config{Rate: -1})
	f2.clock.Set(f2.event.End().Add(time.Minute))
	if code, _ := clickOnce(t, base2, clickPaths(t, f2)[0]); code != http.StatusFound {
		t.Fatalf("late click: HTTP %d", code)
	}
	srv2.Flush(ctx)
	if h, _ := f2.eng.Report(ctx, f2.event.ID); h.Clicked != 1 || h.Attended != 0 {
		t.Fatalf("late click: clicked %d attended %d; want 1, 0", h.Clicked, h.Attended)
	}
}

// TestStaffWidenTheClickWindow: an event that opens its room an hour
// early counts clicks from then.
func TestStaffWidenTheClickWindow(t *testing.T) {
	f := newMailFixture(t, 1, 0, core.MailSettings{})
	ctx := context.Background()
	ev := f.event
	ev.ClickWindow = time.Hour
	if _, err := f.eng.UpdateEvent(ctx, ev); err != nil {
		t.Fatal(err)
	}
	base, srv := startClicks(t, f, track.Config{Rate: -1})
	f.clock.Set(ev.Start.Add(-50 * time.Minute))
	clickOnce(t, base, clickPaths(t, f)[0])
	srv.Flush(ctx)
	if h, _ := f.eng.Report(ctx, ev.ID); h.Attended != 1 {
		t.Fatalf("a click 50 minutes early with a one-hour window: attended %d, want 1", h.Attended)
	}
	ev.ClickWindow = 48 * time.Hour
	if _, err := f.eng.UpdateEvent(ctx, ev); core.ErrorCode(err) != core.EINVALID {
		t.Fatalf("a two-day window was accepted: %v", err)
	}
}

// TestCancelledRegistrantsLinkSaysSoAndIsNotCounted: before, a cancelled
// registrant's link still led to the event and counted.
func TestCancelledRegistrantsLinkSaysSoAndIsNotCounted(t *testing.T) {
	f := newMailFixture(t, 2, 1, core.MailSettings{}) // the first one cancelled
	ctx := context.Background()
	f.clock.Set(f.event.Start)
	base, srv := startClicks(t, f, track.Config{Rate: -1})
	paths := clickPaths(t, f)
	code, body := clickOnce(t, base, paths[0])
	if code != http.StatusGone || !strings.Contains(body, "registration for this event was cancelled") {
		t.Fatalf("cancelled registrant's link: HTTP %d %q", code, body)
	}
	if code, _ := clickOnce(t, base, paths[1]); code != http.StatusFound {
		t.Fatalf("active registrant's link: HTTP %d", code)
	}
	srv.Flush(ctx)
	r, _ := f.eng.Registrant(ctx, f.event.ID, f.regs[0].ID)
	if r.Clicks != 0 || r.CheckIn != nil {
		t.Fatalf("cancelled registrant: %d clicks, check-in %+v; want none", r.Clicks, r.CheckIn)
	}
}
