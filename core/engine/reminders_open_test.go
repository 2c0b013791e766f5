package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

func TestNoRemindersOnceTheEventIsOver(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	past, err := eng.CreateEvent(ctx, core.Event{Title: "Last week's webinar", Start: testNow.Add(-7 * 24 * time.Hour),
		Duration: time.Hour, TimeZone: "UTC", Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/x"}})
	if err != nil {
		t.Fatal(err)
	}
	r := mustAdd(t, eng, past.ID, "ann@example.org", "Ann", "")
	if eng.RemindersOpen(past) {
		t.Fatal("reminders open for a past event")
	}
	err = eng.Resend(ctx, past.ID, r.ID)
	wantCode(t, err, core.EINVALID)
	if !strings.Contains(core.ErrorMessage(err), "is over") {
		t.Fatalf("message %q does not say the event is over", core.ErrorMessage(err))
	}
	if _, err := eng.Remind(ctx, past.ID, engine.RemindOptions{All: true}); core.ErrorCode(err) != core.EINVALID {
		t.Fatalf("Remind --all on a past event = %v", err)
	}
	if upcoming := newEvent(t, eng); !eng.RemindersOpen(upcoming) {
		t.Fatal("reminders closed for an upcoming event")
	}
}
