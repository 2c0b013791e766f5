package engine_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

// TestABusyClickPortIsShownAndLinksStayDirect: when another program (a
// Turnout still closing) holds the click port, the status says so in
// office words and emails carry the direct join link, which opens;
// once the port is free the endpoint starts and tracked links return.
func TestABusyClickPortIsShownAndLinksStayDirect(t *testing.T) {
	f := newMailFixture(t, 1, 0, core.MailSettings{},
		engine.WithTracking(engine.TrackOptions{Retry: 20 * time.Millisecond}))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := f.eng.TrackSettings(ctx)
	ts.Listen = busy.Addr().String()
	if ts, err = f.eng.SaveTrackSettings(ctx, ts); err != nil || !ts.Tracked() {
		t.Fatalf("saving the listen address: %+v, %v", ts, err)
	}
	done := make(chan struct{})
	go func() { f.eng.Serve(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	st := waitForStatus(t, f.eng, func(st core.TrackingStatus) bool { return !st.Counted })
	if !strings.Contains(st.Text, "another program is using "+busy.Addr().String()) || !strings.Contains(st.Text, "tries again") {
		t.Errorf("status while the port is busy: %q", st.Text)
	}
	if strings.Contains(st.Text, "bind") || strings.Contains(st.Text, "tcp") {
		t.Errorf("status carries network jargon: %q", st.Text)
	}
	if l, _ := f.eng.TrackedLink(ctx, f.event.ID, f.regs[0].ID); !strings.HasPrefix(l, "https://meet.example.org/spring") {
		t.Errorf("link while the endpoint is down = %q, want the direct join link", l)
	}

	busy.Close()
	waitForStatus(t, f.eng, func(st core.TrackingStatus) bool { return st.Counted })
	if l, _ := f.eng.TrackedLink(ctx, f.event.ID, f.regs[0].ID); !strings.Contains(l, "/j/") {
		t.Errorf("link once the endpoint runs = %q, want the tracked link", l)
	}
}

func waitForStatus(t *testing.T, eng *engine.Engine, ok func(core.TrackingStatus) bool) core.TrackingStatus {
	t.Helper()
	var st core.TrackingStatus
	for range 500 {
		var err error
		if st, err = eng.TrackingStatus(context.Background()); err != nil {
			t.Fatal(err)
		}
		if ok(st) {
			return st
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the tracking status never changed: %+v", st)
	return st
}
