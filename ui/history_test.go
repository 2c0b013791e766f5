package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// dialogText joins the text of every label in the top dialog.
func dialogText(t *testing.T, u *App) string {
	t.Helper()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	var sb strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch c := o.(type) {
		case *widget.Label:
			sb.WriteString(c.Text + "\n")
		case *fyne.Container:
			for _, ch := range c.Objects {
				walk(ch)
			}
		case fyne.Widget:
			for _, ch := range test.WidgetRenderer(c).Objects() {
				walk(ch)
			}
		}
	}
	walk(top)
	return sb.String()
}

func TestRegistrantHistoryShowsStaffDecisions(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Alumni webinar")
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	if _, err := eng.CheckInManually(ctx, ev.ID, ann.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := eng.UndoCheckIn(ctx, ev.ID, ann.ID); err != nil {
		t.Fatal(err)
	}
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants
	rs.selectID(ann.ID)
	test.Tap(rs.historyBtn)
	u.wait()
	text := dialogText(t, u)
	undo, checkIn := strings.Index(text, "undo"), strings.Index(text, "check in")
	if undo < 0 || checkIn < 0 || undo > checkIn {
		t.Fatalf("history should list the undo, then the check-in before it:\n%s", text)
	}
}

func TestCheckInHistoryBeforeAnyRun(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Alumni webinar")
	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	test.Tap(view.headcount.historyBtn)
	u.wait()
	if text := dialogText(t, u); !strings.Contains(text, "No check-in has run") {
		t.Fatalf("history dialog says:\n%s", text)
	}
}
