package engine_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/track"
	"github.com/turnout-app/turnout/store"
)

// mailFixture is an engine with an office, an event and registrants.
type mailFixture struct {
	eng *engine.Engine
	db  *store.DB
	// router carries the tracking address check to a loopback endpoint.
	router *coretest.Router
	clock  *coretest.Clock
	event  core.Event
	regs   []core.Registrant // active and cancelled, in ID order
}

const testMailPassword = "s3cret-Pa55"

// newMailFixture builds a link-only event starting ten days after testNow
// with n registrants, the first `cancelled` of which have cancelled.
func newMailFixture(t testing.TB, n, cancelled int, cfg core.MailSettings, opts ...engine.Option) *mailFixture {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := coretest.NewClock(testNow)
	router := &coretest.Router{}
	eng := engine.New(db, append([]engine.Option{engine.WithClock(clock), engine.WithTrackCheckClient(router.Client())}, opts...)...)
	if _, err := eng.SaveOffice(ctx, core.Office{Name: "Riverside Alumni Office", TimeZone: "America/Chicago",
		HeaderColor: "#8A1538", Logo: coretest.LogoPNG(t), ReplyTo: "events@riverside.example.org"}); err != nil {
		t.Fatal(err)
	}
	ev, err := eng.CreateEvent(ctx, core.Event{
		Title: "Spring alumni webinar", Description: "Hear what the class of 2010 did next.\nQuestions welcome.",
		Start: testNow.Add(10 * 24 * time.Hour), Duration: time.Hour, TimeZone: "Europe/London",
		ReminderLead: 2 * time.Hour,
		Location:     core.Location{Provider: core.ProviderLink, JoinURL: "https://meet.example.org/spring", Password: "tulip-42"},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := &mailFixture{eng: eng, db: db, clock: clock, event: ev, router: router}
	err = db.Update(ctx, func(tx core.Tx) error {
		for i := range n {
			r := core.Registrant{EventID: ev.ID, FirstName: fmt.Sprintf("Person%d", i), LastName: "Tester",
				Email: fmt.Sprintf("person%04d@example.org", i), Status: core.StatusRegistered, RegisteredAt: testNow, UpdatedAt: testNow}
			if i < cancelled {
				r.Status, r.CancelledAt = core.StatusCancelled, testNow
			}
			if i == cancelled { // one personal provider link
				r.Sync.JoinURL = "https://meet.example.org/spring?personal=abc123"
			}
			if err := tx.PutRegistrant(&r); err != nil {
				return err
			}
			f.regs = append(f.regs, r)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Host != "" {
		if _, err := eng.SaveMailSettings(ctx, cfg); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := eng.SaveTrackSettings(ctx, engine.TrackSettings{Listen: "127.0.0.1:0", BaseURL: "https://clicks.riverside.example.org"}); err != nil {
		t.Fatal(err)
	}
	f.proveTracking(t)
	return f
}

// proveTracking runs the tracking address check of f against its click
// endpoint on loopback, as if the office forwarded the public address
// to it, so reminders carry tracked links.
func (f *mailFixture) proveTracking(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	srv, err := f.eng.ClickServer(ctx, track.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer func() { hs.Close(); srv.Close() }()
	f.router.RouteTo(hs.Listener.Addr().String())
	if ts, err := f.eng.VerifyTrackingURL(ctx); err != nil || !ts.Tracked() {
		t.Fatalf("tracking address check: %+v, %v", ts, err)
	}
}

func waitFor(t testing.TB, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
