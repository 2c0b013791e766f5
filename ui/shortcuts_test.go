package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

func typeShortcut(t *testing.T, u *App, s fyne.Shortcut) {
	t.Helper()
	c, ok := u.win.Canvas().(fyne.Shortcutable)
	if !ok {
		t.Fatal("the canvas takes no shortcuts")
	}
	c.TypedShortcut(s)
	u.wait()
}

func TestKeyboardShortcuts(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Alumni webinar")
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")

	typeShortcut(t, u, shortcutNew)
	if u.events.editor == nil || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+N did not open the new-event editor")
	}
	u.win.Canvas().Overlays().Top().Hide()
	u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())

	typeShortcut(t, u, shortcutSearch)
	if u.win.Canvas().Focused() != u.events.search {
		t.Fatal("Ctrl+F on the events screen did not focus its search")
	}

	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	typeShortcut(t, u, shortcutSearch)
	if u.win.Canvas().Focused() != view.registrants.search {
		t.Fatal("Ctrl+F on the registrants screen did not focus the registrant search")
	}

	// Delete asks before cancelling the selected registrant.
	u.win.Canvas().Unfocus()
	view.registrants.selectID(ann.ID)
	u.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	tapDialogButton(t, u, "Cancel registration")
	u.wait()
	if r, _ := eng.Registrant(t.Context(), ev.ID, ann.ID); r.Active() {
		t.Fatal("Delete + confirm did not cancel the registration")
	}

	typeShortcut(t, u, shortcutExport)
	if view.tabs.Selected() != view.headTab || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+E did not open the export dialog on the headcount")
	}
}
