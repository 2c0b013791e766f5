package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
	"github.com/turnout-app/turnout/store"
)

// TestLinkedZoomEventIsFilledFromTheSandbox: choosing a connected account
// hides the fields Zoom supplies, and saving fills them from Zoom (here the
// built-in Sandbox, as in the demo).
func TestLinkedZoomEventIsFilledFromTheSandbox(t *testing.T) {
	u, eng, _ := newDemoUI(t)
	ctx := context.Background()

	test.Tap(u.events.newBtn)
	u.wait()
	ed := u.events.editor
	ed.provider.SetSelected(core.ProviderZoom.Label())
	u.wait()
	if !ed.fAccount.box.Visible() || len(ed.account.Options) != 2 {
		t.Fatalf("account choice visible=%v options=%v; want None and the Sandbox", ed.fAccount.box.Visible(), ed.account.Options)
	}
	if !slices.Contains(ed.account.Options, "Sandbox (practice account)") {
		t.Fatalf("account choices %v do not call the Sandbox a practice account", ed.account.Options)
	}
	ed.account.SetSelected("Sandbox (practice account)")
	if ed.fURL.box.Visible() || ed.fPass.box.Visible() || !ed.fID.box.Visible() {
		t.Fatal("a linked Zoom event asks only for the meeting ID")
	}
	test.Type(ed.title, "Board briefing")
	ed.start.SetText(daysAfterNow(t, 13, 10).Format("2006-01-02 15:04"))
	test.Type(ed.externalID, "812 3456 7890")
	test.Tap(ed.saveBtn)
	u.wait()
	if ed.errLabel.Visible() {
		t.Fatalf("save failed: %s", ed.errLabel.Text)
	}
	list, err := eng.ListEvents(ctx, "Board briefing")
	if err != nil || len(list) != 1 {
		t.Fatalf("stored events = %v, %v", list, err)
	}
	loc := list[0].Location
	if !loc.Managed() || !strings.Contains(loc.JoinURL, "81234567890") {
		t.Fatalf("stored location = %+v; want linked to the Sandbox with Zoom's join URL", loc)
	}
}

func TestEditorSetsWhoCountsAsAttended(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Workshop")
	ed := newEventEditor(u, &ev, nil)
	ed.fill(ev)
	u.wait()
	if ed.attendance.Selected != "Any time at all" {
		t.Fatalf("default rule shown as %q", ed.attendance.Selected)
	}
	ed.attendance.SetSelected("At least 10 minutes")
	test.Tap(ed.saveBtn)
	u.wait()
	saved, err := eng.Event(context.Background(), ev.ID)
	if err != nil || saved.Attendance != (core.AttendanceRule{Minutes: 10}) {
		t.Fatalf("stored rule = %+v, %v; want at least 10 minutes", saved.Attendance, err)
	}
}

// newDemoUI opens the window on the demo data, whose Sandbox account talks
// to an in-process Zoom emulator.
func newDemoUI(t *testing.T) (*App, *engine.Engine, *zoomfake.Sandbox) {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sandbox := zoomfake.NewSandbox(nil)
	eng := engine.New(db, engine.WithClock(coretest.NewClock(testNow)), engine.WithProviders(engine.ProviderOptions{
		Sandbox: func(core.Account) (core.Provider, error) { return sandbox, nil },
	}))
	if err := eng.SeedDemo(context.Background(), 0); err != nil {
		t.Fatal(err)
	}
	u := newApp(a, eng.Services(), Options{}, &taskQueue{})
	u.wait()
	return u, eng, sandbox
}

// TestStartHintIsNeverAPastDate: the example of how to write the start
// follows the clock (it was a fixed date that aged into the past).
func TestStartHintIsNeverAPastDate(t *testing.T) {
	u, _ := newTestUI(t)
	ed := newEventEditor(u, nil, nil)
	want := testNow.AddDate(0, 0, 7).Format("2006-01-02") + " 14:00"
	if ed.start.PlaceHolder != want {
		t.Fatalf("start placeholder %q, want %q", ed.start.PlaceHolder, want)
	}
	ed.zone.SetText("America/New_York")
	ed.start.SetText("next Tuesday")
	if !strings.Contains(ed.preview.Text, want) {
		t.Fatalf("preview %q does not show how to write the start", ed.preview.Text)
	}
}

// TestLinkOnlyEventSetsWhenClicksCount: for a Vimeo link (no report)
// staff choose from when reminder clicks count as attendance; a Zoom
// event, whose report decides, does not ask.
func TestLinkOnlyEventSetsWhenClicksCount(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Open house")
	ed := newEventEditor(u, &ev, nil)
	ed.fill(ev)
	u.wait()
	if ed.clicks.field.box.Hidden || ed.clicks.sel.Selected != "30 minutes before the start" {
		t.Fatalf("link-only event: click window hidden=%v, shows %q", ed.clicks.field.box.Hidden, ed.clicks.sel.Selected)
	}
	ed.clicks.sel.SetSelected("1 hour before the start")
	test.Tap(ed.saveBtn)
	u.wait()
	if saved, _ := eng.Event(context.Background(), ev.ID); saved.ClickWindow != time.Hour {
		t.Fatalf("stored click window %v, want 1h", saved.ClickWindow)
	}
	ed.provider.SetSelected(core.ProviderZoom.Label())
	u.wait()
	if !ed.clicks.field.box.Hidden {
		t.Fatal("a Zoom event asks when clicks count, though Zoom's report decides")
	}
}
