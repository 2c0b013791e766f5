package ui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// checkedSizes are the window sizes every screen and dialog must fit:
// the smallest laptop window staff use, and the most common one.
var checkedSizes = []fyne.Size{{Width: 1024, Height: 700}, {Width: 1366, Height: 768}}

// TestEveryScreenAndDialogFits opens every start scene (each screen and
// each dialog, start_scenes.go) on the demo data in the smallest window,
// then widens it: nothing may be squeezed, cut or make the window grow.
func TestEveryScreenAndDialogFits(t *testing.T) {
	for _, name := range startSceneNames() {
		t.Run(name, func(t *testing.T) {
			u, _, _ := newDemoUI(t)
			u.win.Resize(checkedSizes[0])
			for _, step := range startScenes[name] {
				step(u)
				u.wait()
			}
			isScreen := map[string]bool{ScreenEvents: true, ScreenRegistrants: true, ScreenManagedEvent: true,
				ScreenHeadcount: true, ScreenSettings: true, ScreenHeadcountSessions: true}[name]
			if top := u.win.Canvas().Overlays().Top(); top == nil && !isScreen {
				t.Fatal("the scene opened no dialog")
			}
			for _, size := range checkedSizes {
				t.Run(fmt.Sprintf("%.0fx%.0f", size.Width, size.Height), func(t *testing.T) {
					u.win.Resize(size)
					if probs := layoutProblems(u.win); len(probs) > 0 {
						t.Errorf("%d problems:\n%s", len(probs), strings.Join(probs, "\n"))
					}
				})
			}
		})
	}
}

func TestMouseWheelScrollsSettingsOverATextField(t *testing.T) {
	u, _, _ := newDemoUI(t)
	u.win.Resize(checkedSizes[0])
	u.ShowSettings()
	u.wait()
	layoutProblems(u.win) // lays the screen out as the desktop driver would
	s := u.settings
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.name)
	test.Scroll(u.win.Canvas(), pos.Add(fyne.NewPos(20, 10)), 0, -120)
	if s.scroll.Offset.Y <= 0 {
		t.Fatalf("the wheel over the Office name field did not scroll Settings (offset %.0f)", s.scroll.Offset.Y)
	}
	// The field itself still takes clicks and typing.
	test.Type(s.name, "!")
	if !strings.Contains(s.name.Text, "!") {
		t.Errorf("typing in the field gave %q", s.name.Text)
	}
}

func TestHeadcountShowsTheReportNote(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Alumni webinar") // link-only: clicks imply attendance
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	if err := eng.RecordClicks(ctx, []core.Click{{EventID: ev.ID, RegistrantID: ann.ID, At: ev.Start.Add(-time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	h := view.headcount
	if h.report.Note == "" {
		test.Tap(h.checkInBtn) // checks Ann in from her click
		u.wait()
		view.headcount.reload()
		u.wait()
	}
	if h.report.Note == "" {
		t.Fatal("the report has no note to show; the test needs one")
	}
	if !h.note.Visible() || h.note.Text != h.report.Note {
		t.Errorf("note shown %v %q, report says %q", h.note.Visible(), h.note.Text, h.report.Note)
	}
}

// TestScreenshotsCoverEveryScene: `make screenshots` captures every start
// scene, so a person can look at each dialog the layout test checks.
func TestScreenshotsCoverEveryScene(t *testing.T) {
	script, err := os.ReadFile("../scripts/screenshots.sh")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	if i := strings.Index(string(script), "dialogs=("); i >= 0 {
		end := strings.Index(string(script)[i:], ")")
		for _, f := range strings.Fields(string(script)[i+len("dialogs=(") : i+end]) {
			listed[f] = true
		}
	}
	for _, name := range startSceneNames() {
		if !listed[name] {
			t.Errorf("scripts/screenshots.sh does not capture %q", name)
		}
	}
}

// TestEventDetailTitleWrapsWithoutOverlap: a title on two lines pushes
// the date down (a VBox placed the date under the first line only, and
// the real window showed them overlapping; the layout check's extra
// layout pass hides that, so this looks before any).
func TestEventDetailTitleWrapsWithoutOverlap(t *testing.T) {
	u, _, _ := newDemoUI(t)
	u.win.Resize(checkedSizes[0])
	u.wait()
	title := u.events.detailTitle
	if title.Text == "" {
		t.Fatal("no event selected")
	}
	if got, want := title.Size().Height, title.MinSize().Height; got < want-1 {
		t.Errorf("the title %q is %.0f px high, its lines need %.0f", title.Text, got, want)
	}
	next := u.events.detail.Objects[1]
	if title.Position().Y+title.Size().Height > next.Position().Y+1 {
		t.Errorf("the date (y %.0f) overlaps the title (y %.0f–%.0f)", next.Position().Y,
			title.Position().Y, title.Position().Y+title.Size().Height)
	}
}

// TestWrappedToolbarPushesWhatIsBelowDown: a toolbar too wide for its
// row takes two, and what sits under it starts below the second (the
// window showed the registrants' second toolbar row over the table).
func TestWrappedToolbarPushesWhatIsBelowDown(t *testing.T) {
	test.NewTempApp(t)
	var screen *fyne.Container
	var buttons []fyne.CanvasObject
	for _, text := range []string{"Edit", "Cancel registration", "Undo check-in", "Preview email", "History"} {
		buttons = append(buttons, widget.NewButton(text, nil))
	}
	var later []func() // the UI goroutine's next turn (App.do)
	toolbar := flowRow(func() { later = append(later, screen.Refresh) }, buttons...)
	below := widget.NewLabel("the table")
	screen = container.NewBorder(toolbar, nil, nil, nil, below)
	oneRow := float32(0)
	for _, b := range buttons {
		oneRow += b.MinSize().Width + theme.Padding()
	}
	screen.Resize(fyne.NewSize(oneRow*0.7, 400))
	for len(later) > 0 {
		f := later[0]
		later = later[1:]
		f()
	}
	last := buttons[len(buttons)-1]
	if last.Position().Y == 0 {
		t.Fatalf("at %.0f px of the %.0f one row needs, the toolbar did not wrap", oneRow*0.7, oneRow)
	}
	if bottom := toolbar.Position().Y + last.Position().Y + last.Size().Height; below.Position().Y < bottom-1 {
		t.Errorf("what is below starts at y %.0f, inside the toolbar (ends at %.0f)", below.Position().Y, bottom)
	}
	for _, b := range buttons {
		if b.Position().X+b.Size().Width > toolbar.Size().Width+1 {
			t.Errorf("%q at %v size %v is past the toolbar's edge (%v)", b.(*widget.Button).Text, b.Position(), b.Size(), toolbar.Size())
		}
	}
}
