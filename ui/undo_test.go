package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
)

// pressKey sends a key the way the window does: to whatever has the
// keyboard focus, else to the window's own handler.
func pressKey(u *App, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := u.win.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else {
		u.onTypedKey(ev)
	}
	u.wait()
}

// Tapping a row gives the table the keyboard focus; Delete then cancels
// that registrant at once and Undo re-registers them. Delete on someone
// already cancelled leaves them cancelled.
func TestDeleteKeyOnTheTableCancelsAndUndoReregisters(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Alumni webinar")
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	addPerson(t, eng, ev, "Bob", "bob@example.org")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	s := view.registrants

	rowHeight := s.createCell().MinSize().Height
	test.TapAt(s.table, fyne.NewPos(40, rowHeight*1.5)) // below the header
	if s.selected != ann.ID {
		t.Fatalf("tapping the first row selected %d, want Ann (%d)", s.selected, ann.ID)
	}
	if u.win.Canvas().Focused() != s.table {
		t.Fatalf("the tapped table does not have the keyboard focus (%T has)", u.win.Canvas().Focused())
	}
	pressKey(u, fyne.KeyDelete)
	if r, _ := eng.Registrant(t.Context(), ev.ID, ann.ID); r.Active() {
		t.Fatal("Delete on the selected row did not cancel Ann")
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("cancelling an event kept in Turnout should not ask; it offers Undo")
	}
	if !u.undo.visible() || !strings.Contains(u.undo.message.Text, "Ann Test cancelled") {
		t.Fatalf("no Undo offer after cancelling (bar %q)", u.undo.message.Text)
	}
	if got := cellTextAt(s, 0, 2); got != "Cancelled" {
		t.Errorf("Ann's row says %q, want Cancelled", got)
	}

	test.Tap(u.undo.undoBtn)
	u.wait()
	if r, _ := eng.Registrant(t.Context(), ev.ID, ann.ID); !r.Active() {
		t.Fatal("Undo did not re-register Ann")
	}
	if u.undo.visible() {
		t.Error("the Undo offer stays after it was used")
	}
	if got := cellTextAt(s, 0, 2); got != "Registered" {
		t.Errorf("after Undo Ann's row says %q, want Registered", got)
	}

	// Delete never re-registers: on a cancelled row it does nothing.
	pressKey(u, fyne.KeyDelete)
	u.undo.hide()
	pressKey(u, fyne.KeyDelete)
	if r, _ := eng.Registrant(t.Context(), ev.ID, ann.ID); r.Active() {
		t.Fatal("a second Delete re-registered Ann")
	}
	if u.undo.visible() {
		t.Error("Delete on a cancelled registrant offered an Undo of nothing")
	}

	// Leaving the screen takes the offer away with it.
	view.registrants.selectID(bobID(t, s))
	pressKey(u, fyne.KeyDelete)
	if !u.undo.visible() {
		t.Fatal("cancelling Bob offered no Undo")
	}
	u.ShowEvents()
	if u.undo.visible() {
		t.Error("the Undo offer outlived its screen")
	}
}

func bobID(t *testing.T, s *RegistrantsScreen) core.ID {
	t.Helper()
	for _, r := range s.list.All {
		if r.FirstName == "Bob" {
			return r.ID
		}
	}
	t.Fatal("Bob is not listed")
	return 0
}

func cellTextAt(s *RegistrantsScreen, row, col int) string {
	text, _ := cellText(&s.list.All[s.view[row]], col, s.providerName())
	return text
}

// For an event whose registrations live at a provider the cancellation is
// pushed there, so Delete asks first (naming the provider) and offers no
// Undo; No leaves the registration alone.
func TestCancelOnAProviderEventAsksFirst(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	acc, err := eng.AddAccount(ctx, core.Account{Name: "Sandbox", Provider: core.ProviderZoom, Active: true, Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Managed meeting", Start: testNow.Add(72 * time.Hour), Duration: time.Hour,
		TimeZone: "America/New_York", Location: core.Location{Provider: core.ProviderZoom, Kind: core.KindMeeting,
			AccountID: acc.ID, ExternalID: "915 3384 2071"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	view.registrants.selectID(ann.ID)

	pressKey(u, fyne.KeyDelete)
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !slices.ContainsFunc(texts(top), func(s string) bool { return strings.Contains(s, "sent to Sandbox too") }) {
		t.Fatal("Delete on a provider event's registrant did not ask, naming the provider")
	}
	tapDialogButton(t, u, "No")
	u.wait()
	if r, _ := eng.Registrant(ctx, ev.ID, ann.ID); !r.Active() {
		t.Fatal("No cancelled the registration")
	}
	pressKey(u, fyne.KeyDelete)
	tapDialogButton(t, u, "Cancel registration")
	u.wait()
	if r, _ := eng.Registrant(ctx, ev.ID, ann.ID); r.Active() {
		t.Fatal("confirming did not cancel the registration")
	}
	if u.undo.visible() {
		t.Error("a cancellation already sent to the provider offers Undo")
	}
}

// The offer goes away on its own; a newer offer is not cut short by the
// timer of the one it replaced.
func TestUndoOfferExpires(t *testing.T) {
	u, _ := newTestUI(t)
	b := u.undo
	b.lasts = 30 * time.Millisecond
	undone := false
	b.offer("First", func() { undone = true })
	time.Sleep(20 * time.Millisecond)
	b.lasts = time.Hour
	b.offer("Second", func() {})
	time.Sleep(40 * time.Millisecond) // the first timer has fired
	u.wait()
	if !b.visible() || b.message.Text != "Second" {
		t.Fatalf("the first offer's timer hid the second (%q, shown %v)", b.message.Text, b.visible())
	}
	b.lasts = 10 * time.Millisecond
	b.offer("Third", func() { undone = true })
	time.Sleep(40 * time.Millisecond)
	u.wait()
	if b.visible() {
		t.Fatal("the offer did not expire")
	}
	test.Tap(b.undoBtn)
	if undone {
		t.Fatal("an expired offer still undid")
	}
}
