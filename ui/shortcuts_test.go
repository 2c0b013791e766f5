package ui

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/turnout-app/turnout/core"
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
	closeTopDialog(u)

	// Ctrl+E on the events list exports the selected event's list.
	u.events.onSelect(eventListRow(t, u, ev.ID))
	typeShortcut(t, u, shortcutExport)
	if u.event == nil || u.event.event.ID != ev.ID || u.event.tabs.Selected() != u.event.headTab ||
		u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+E with an event selected in the list did not open its headcount and the export dialog")
	}
	closeTopDialog(u)
	u.ShowEvents()
	u.wait()

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

	// Delete cancels the selected registrant, Undo takes it back (undo_test.go).
	u.win.Canvas().Unfocus()
	view.registrants.selectID(ann.ID)
	u.onTypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	u.wait()
	if r, _ := eng.Registrant(t.Context(), ev.ID, ann.ID); r.Active() {
		t.Fatal("Delete did not cancel the registration")
	}

	typeShortcut(t, u, shortcutExport)
	if view.tabs.Selected() != view.headTab || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+E did not open the export dialog on the headcount")
	}
}

func closeTopDialog(u *App) {
	top := u.win.Canvas().Overlays().Top()
	top.Hide()
	u.win.Canvas().Overlays().Remove(top)
}

// eventListRow is the events list row that shows event id.
func eventListRow(t *testing.T, u *App, id core.ID) int {
	t.Helper()
	for row, r := range u.events.rows {
		if r.header == "" && u.events.events[r.event].ID == id {
			return row
		}
	}
	t.Fatalf("event %d is not in the list", id)
	return -1
}

// With no event selected, Ctrl+E says how to get one.
func TestExportShortcutWithoutAnEventSaysWhatToDo(t *testing.T) {
	u, _ := newTestUI(t)
	typeShortcut(t, u, shortcutExport)
	if u.event != nil || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Ctrl+E with no event should explain, not open anything")
	}
}
