package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
	"github.com/turnout-app/turnout/store"
)

// countingRegistrants counts whole-list loads, to prove a live refresh
// reads only the rows that changed.
type countingRegistrants struct {
	core.RegistrantService
	lists atomic.Int32
}

func (c *countingRegistrants) RegistrantList(ctx context.Context, eventID core.ID) (*core.RegistrantList, error) {
	c.lists.Add(1)
	return c.RegistrantService.RegistrantList(ctx, eventID)
}

// newLiveEngine is an engine on a fresh data file at the tests' now.
func newLiveEngine(t testing.TB, opts ...engine.Option) *engine.Engine {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return engine.New(db, append([]engine.Option{engine.WithClock(coretest.NewClock(testNow))}, opts...)...)
}

// importPeople imports n people named prefix0000@example.org… in one go.
func importPeople(t testing.TB, eng *engine.Engine, eventID core.ID, prefix string, n int) {
	t.Helper()
	ctx := context.Background()
	var csv strings.Builder
	csv.WriteString("email,first name,last name\n")
	for i := range n {
		fmt.Fprintf(&csv, "%s%06d@example.org,%s%d,Person\n", prefix, i, prefix, i)
	}
	plan, err := eng.PreviewImport(ctx, eventID, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.ApplyImport(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
}

// newLiveUI opens the window on an engine whose services count list loads.
func newLiveUI(t testing.TB, eng *engine.Engine) (*App, *countingRegistrants) {
	t.Helper()
	svc := eng.Services()
	counter := &countingRegistrants{RegistrantService: svc.Registrants}
	svc.Registrants = counter
	u := newApp(test.NewTempApp(t), svc, Options{}, &taskQueue{})
	u.win.Resize(fyne.NewSize(1280, 800))
	u.wait()
	return u, counter
}

// shownTexts is every text the registrants table shows now.
func shownTexts(rs *RegistrantsScreen) []string {
	rs.table.Refresh()
	return texts(rs.table)
}

// waitShown runs the window's queued UI work until cond holds, for at
// most limit, and says how long it took.
func waitShown(t testing.TB, u *App, what string, limit time.Duration, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		u.wait()
		if cond() {
			return time.Since(start)
		}
		if time.Since(start) > limit {
			t.Fatalf("%s: not shown within %v", what, limit)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// The issue: after delivery a row still said "Queued" until staff left
// the screen. Now the mail outbox's send shows in the open table within a
// second, and the table never reloads its whole list for it.
func TestReminderSentShowsInTheOpenTableWithinASecond(t *testing.T) {
	ctx := context.Background()
	mp := mailpittest.Start(t)
	eng := newLiveEngine(t, engine.WithMail(engine.MailOptions{Poll: 50 * time.Millisecond}))
	if _, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: mp.SMTPHost, Port: mp.SMTPPort,
		Security: core.MailSecurityNone, From: "events@riverside.example.org"}); err != nil {
		t.Fatal(err)
	}
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Alumni webinar", Start: testNow.Add(72 * time.Hour),
		Duration: time.Hour, TimeZone: "America/New_York",
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	addPerson(t, eng, ev, "Bob", "bob@example.org")

	u, counter := newLiveUI(t, eng)
	rs := u.OpenEvent(ev, ScreenRegistrants).registrants
	u.wait()
	reminderText := func() string { // Ann's reminder column as the engine has it now
		r, err := eng.Registrant(ctx, ev.ID, ann.ID)
		if err != nil {
			t.Fatal(err)
		}
		txt, _ := cellText(&r, 4, "")
		return txt
	}
	shows := func(want string) func() bool {
		return func() bool { return slices.Contains(shownTexts(rs), want) }
	}
	before := reminderText()
	rs.selectID(ann.ID) // the line under the table said "queued, goes out within seconds" for a minute
	detailNow := func() string {
		r, err := eng.Registrant(ctx, ev.ID, ann.ID)
		if err != nil {
			t.Fatal(err)
		}
		txt, _ := registrantDetail(&r, false, "", ev.TimeZone)
		return txt
	}

	// Queued by something other than this screen (the CLI, the scheduler).
	if err := eng.Resend(ctx, ev.ID, ann.ID); err != nil {
		t.Fatal(err)
	}
	queued := reminderText()
	if queued == before {
		t.Fatalf("the reminder column reads %q before and after queuing", queued)
	}
	took := waitShown(t, u, "the queued reminder", time.Second, shows(queued))
	t.Logf("queued shown after %v", took)

	// The outbox worker sends it to mailpit.
	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { eng.Serve(sctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	deadline := time.Now().Add(10 * time.Second)
	sent := queued
	for sent == queued {
		if time.Now().After(deadline) {
			t.Fatal("the outbox did not send Ann's reminder")
		}
		time.Sleep(5 * time.Millisecond)
		sent = reminderText()
	}
	sentDetail := detailNow()
	took = waitShown(t, u, "the sent reminder", time.Second, func() bool {
		got := shownTexts(rs)
		return slices.Contains(got, sent) && !slices.Contains(got, queued) && rs.detail.Text == sentDetail
	})
	t.Logf("sent shown %v after it was saved", took)
	if msgs := mp.Messages(t); len(msgs) != 1 || msgs[0].To[0].Address != "ann@example.org" {
		t.Fatalf("mailpit got %+v", msgs)
	}
	if n := counter.lists.Load(); n != 1 {
		t.Errorf("the whole list was loaded %d times; want only on opening", n)
	}
	if rs.live.Reads == 0 || rs.live.Refilters != 0 {
		t.Errorf("%d row reads, %d passes of the filter; a status change needs reads and no filtering",
			rs.live.Reads, rs.live.Refilters)
	}
}

// A change to one row of a big event reads that row, not the list; an
// import of many people reloads the list once.
func TestOneRowChangeReadsOneRowAndAnImportOneList(t *testing.T) {
	ctx := context.Background()
	eng := newLiveEngine(t)
	ev := createEvent(t, eng, "Big webinar")
	importPeople(t, eng, ev.ID, "old", 2000)
	u, counter := newLiveUI(t, eng)
	rs := u.OpenEvent(ev, ScreenRegistrants).registrants
	u.wait()
	if len(rs.list.All) != 2000 || counter.lists.Load() != 1 {
		t.Fatalf("opened with %d rows after %d loads", len(rs.list.All), counter.lists.Load())
	}
	// Shown as it happens under a filter the change moves the row into.
	rs.filter.SetSelected(string(core.FilterAttended))
	if len(rs.view) != 0 {
		t.Fatalf("%d attended before any check-in", len(rs.view))
	}
	target := rs.list.All[1234]
	if _, err := eng.CheckInManually(ctx, ev.ID, target.ID); err != nil {
		t.Fatal(err)
	}
	waitShown(t, u, "the check-in", time.Second, func() bool {
		return len(rs.view) == 1 && rs.list.All[rs.view[0]].ID == target.ID
	})
	if n := counter.lists.Load(); n != 1 || rs.live.Reloads != 0 || rs.live.Refilters != 1 {
		t.Errorf("one check-in: %d list loads, %d reloads, %d filter passes; want 1, 0, 1",
			n, rs.live.Reloads, rs.live.Refilters)
	}
	rs.filter.SetSelected(string(core.FilterAll))

	importPeople(t, eng, ev.ID, "new", core.MaxChangeIDs+10)
	want := 2000 + core.MaxChangeIDs + 10
	waitShown(t, u, "the imported people", 2*time.Second, func() bool { return len(rs.list.All) == want })
	if n := counter.lists.Load(); n != 2 || rs.live.Reloads != 1 {
		t.Errorf("the import: %d list loads, %d reloads; want one more load", n, rs.live.Reloads)
	}
}

// The other half: imported people stayed "Pending" for minutes.
// The sync worker's pushes to the Zoom Sandbox emulator show in the open
// table, and the sync counts behind Retry all failed follow.
func TestProviderPushShowsInTheOpenTableWithinASecond(t *testing.T) {
	ctx := context.Background()
	eng := newLiveEngine(t, engine.WithClock(core.SystemClock{}),
		engine.WithProviders(engine.ProviderOptions{Poll: 50 * time.Millisecond}))
	acc, err := eng.AddAccount(ctx, core.Account{Name: "Sandbox", Provider: core.ProviderZoom, Active: true, Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Managed meeting", Start: time.Now().Add(72 * time.Hour).Truncate(time.Minute),
		Duration: time.Hour, TimeZone: "America/New_York", Location: core.Location{Provider: core.ProviderZoom,
			Kind: core.KindMeeting, AccountID: acc.ID, ExternalID: "915 3384 2071"}})
	if err != nil {
		t.Fatal(err)
	}
	importPeople(t, eng, ev.ID, "member", 12)
	u, counter := newLiveUI(t, eng)
	rs := u.OpenEvent(ev, ScreenRegistrants).registrants
	u.wait()
	syncText := func(st core.SyncState) string {
		txt, _ := cellText(&core.Registrant{Sync: core.ProviderSync{State: st}}, 3, rs.providerName())
		return txt
	}
	pending, pushed := syncText(core.SyncPending), syncText(core.SyncPushed)
	if !slices.Contains(shownTexts(rs), pending) || rs.sync.Pending != 12 {
		t.Fatalf("before the push: sync counts %+v, table %q", rs.sync, shownTexts(rs))
	}

	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { eng.Serve(sctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	deadline := time.Now().Add(15 * time.Second)
	for {
		s, err := eng.EventSync(ctx, ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Pushed == 12 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the sync worker did not push everyone: %+v", s)
		}
		time.Sleep(5 * time.Millisecond)
	}
	took := waitShown(t, u, "the pushes", time.Second, func() bool {
		got := shownTexts(rs)
		return slices.Contains(got, pushed) && !slices.Contains(got, pending) && rs.sync.Pushed == 12
	})
	t.Logf("pushes shown %v after the last was saved", took)
	if n := counter.lists.Load(); n != 1 {
		t.Errorf("the whole list was loaded %d times; want only on opening", n)
	}
}

// The events list and the headcount follow changes made elsewhere too.
func TestEventsListAndHeadcountFollowChanges(t *testing.T) {
	ctx := context.Background()
	eng := newLiveEngine(t)
	ev := createEvent(t, eng, "Past webinar")
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	u, _ := newLiveUI(t, eng)
	u.ShowEvents()
	u.wait()
	registered := func() int {
		for _, e := range u.events.events {
			if e.ID == ev.ID {
				return e.Registered
			}
		}
		return -1
	}
	if registered() != 1 {
		t.Fatalf("events list: %d registered", registered())
	}
	addPerson(t, eng, ev, "Bob", "bob@example.org")
	waitShown(t, u, "the new registrant's count", time.Second, func() bool { return registered() == 2 })

	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	if view.headcount.report.Attended != 0 {
		t.Fatalf("headcount before check-in: %+v", view.headcount.report)
	}
	if _, err := eng.CheckInManually(ctx, ev.ID, ann.ID); err != nil {
		t.Fatal(err)
	}
	waitShown(t, u, "the check-in in the headcount", time.Second, func() bool {
		return view.headcount.report.Attended == 1 && len(view.headcount.people) == 1
	})
}
