package engine_test

import (
	"context"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func TestCheckInBeforeTheEventStartsSaysSo(t *testing.T) {
	eng, _ := newEngine(t)
	ev := newEvent(t, eng) // starts in ten days
	_, err := eng.CheckInEvent(context.Background(), ev.ID, nil)
	wantCode(t, err, core.EINVALID)
	if msg := core.ErrorMessage(err); !strings.Contains(msg, "has not started yet") {
		t.Fatalf("message %q", msg)
	}
	if runs, _ := eng.CheckInRuns(context.Background(), ev.ID); len(runs) != 0 {
		t.Fatalf("a refused check-in was recorded as a run: %+v", runs)
	}
}
