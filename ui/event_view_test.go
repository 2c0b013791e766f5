package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// TestEventViewSaysWhenClicksWontBeCounted: with the default settings
// (a loopback address) reminders carry the direct link; the page of an
// upcoming event says clicks won't be counted and what to do, while a
// past event's page does not nag.
func TestEventViewSaysWhenClicksWontBeCounted(t *testing.T) {
	u, eng := newTestUI(t)
	past := createEvent(t, eng, "Last week's webinar")
	soon, err := eng.CreateEvent(context.Background(), core.Event{Title: "Next week's webinar", Start: testNow.Add(7 * 24 * time.Hour),
		Duration: time.Hour, TimeZone: "America/New_York",
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}

	v := u.OpenEvent(soon, ScreenRegistrants)
	u.wait()
	if !v.clicks.Visible() || !strings.Contains(v.clicks.Text, "Clicks won't be counted") ||
		!strings.Contains(v.clicks.Text, "Settings → Click tracking") {
		t.Fatalf("upcoming event's page: visible=%v %q; want why clicks won't be counted and where to fix it",
			v.clicks.Visible(), v.clicks.Text)
	}

	v = u.OpenEvent(past, ScreenRegistrants)
	u.wait()
	if v.clicks.Visible() {
		t.Fatalf("past event's page shows %q", v.clicks.Text)
	}
}
