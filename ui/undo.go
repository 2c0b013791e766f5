package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// undoFor is how long the Undo offer stays after an action: long enough to
// notice a slip and reach for the button, short enough not to linger.
const undoFor = 10 * time.Second

// undoBar is the strip along the bottom of the window that says what was
// just done and offers to take it back ("Ann Lee cancelled. Undo"). It is
// part of the window's layout, not a pop-up, so it never swallows the
// next click.
type undoBar struct {
	app     *App
	message *widget.Label
	undoBtn *widget.Button
	bg      *canvas.Rectangle
	content *fyne.Container
	lasts   time.Duration // undoFor; shorter in tests

	undo func() // the pending undo; nil once used or expired
	seq  int    // which offer the timer belongs to
	// holder is the container the bar sits in: showing or hiding the bar
	// changes its layout.
	holder *fyne.Container
}

// newUndoBar makes a hidden bar; under places it.
func newUndoBar(u *App) *undoBar {
	b := &undoBar{app: u, message: widget.NewLabel(""), lasts: undoFor}
	b.message.Truncation = fyne.TextTruncateEllipsis
	b.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), b.onUndo)
	b.undoBtn.Importance = widget.HighImportance
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), b.hide)
	closeBtn.Importance = widget.LowImportance
	b.bg = canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
	b.content = container.NewStack(b.bg, container.NewPadded(
		container.NewBorder(nil, nil, nil, container.NewHBox(b.undoBtn, closeBtn), b.message)))
	b.content.Hide()
	return b
}

// under lays the bar out below main and returns the whole.
func (b *undoBar) under(main fyne.CanvasObject) *fyne.Container {
	b.holder = container.NewBorder(nil, b.content, nil, nil, main)
	return b.holder
}

func (b *undoBar) relayout() {
	if b.holder != nil {
		b.holder.Refresh()
	}
}

// offer shows msg with an Undo button for b.lasts; undo runs if staff tap
// it in time. A newer offer replaces an older one (and its timer).
func (b *undoBar) offer(msg string, undo func()) {
	b.seq++
	seq := b.seq
	b.message.SetText(msg)
	b.undo = undo
	b.bg.FillColor = theme.Color(theme.ColorNameSelection) // the theme may have changed
	b.content.Show()
	b.relayout()
	time.AfterFunc(b.lasts, func() {
		b.app.do(func() {
			if b.seq == seq {
				b.hide()
			}
		})
	})
}

func (b *undoBar) onUndo() {
	undo := b.undo
	b.hide()
	if undo != nil {
		undo()
	}
}

func (b *undoBar) hide() {
	b.undo = nil
	b.content.Hide()
	b.relayout()
}

// visible reports whether an Undo offer is showing (tests).
func (b *undoBar) visible() bool { return b.content.Visible() && b.undo != nil }
