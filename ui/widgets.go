package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// heading is a screen title.
func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// para is a paragraph of explanatory text that wraps.
func para(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// hint is a small, quiet explanation under a field.
func hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// widthLayout gives its objects a fixed width and the height they need
// at that width (wrapping labels inside dialogs).
type widthLayout struct{ w float32 }

func (l widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(l.w, o.MinSize().Height))
		h = fyne.Max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.w, h)
}

func (l widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// fixedWidth lays o out at width w.
func fixedWidth(w float32, o fyne.CanvasObject) *fyne.Container {
	return container.New(widthLayout{w}, o)
}

// emptyState is the message a list shows when it has nothing to list.
func emptyState(icon fyne.Resource, title, text string) *fyne.Container {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p := widget.NewLabel(text)
	p.Alignment = fyne.TextAlignCenter
	p.Wrapping = fyne.TextWrapWord
	p.Importance = widget.LowImportance
	ic := widget.NewIcon(icon)
	return container.NewCenter(container.NewVBox(
		container.NewCenter(container.NewGridWrap(fyne.NewSize(48, 48), ic)), t, fixedWidth(380, p)))
}

// statCard shows one number with its label, large.
type statCard struct {
	value   *canvas.Text
	label   *widget.Label
	content fyne.CanvasObject
}

func newStatCard(label string) *statCard {
	c := &statCard{value: canvas.NewText("–", theme.Color(theme.ColorNameForeground)), label: widget.NewLabel(label)}
	c.value.TextSize = 24
	c.value.TextStyle = fyne.TextStyle{Bold: true}
	c.label.SizeName = theme.SizeNameCaptionText
	c.label.Truncation = fyne.TextTruncateEllipsis
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	c.content = container.NewStack(bg, container.NewPadded(
		container.New(layout.NewCustomPaddedVBoxLayout(0), container.NewPadded(c.value), c.label)))
	return c
}

func (c *statCard) set(text string) {
	c.value.Text = text
	c.value.Color = theme.Color(theme.ColorNameForeground)
	c.value.Refresh()
}

// toolbarRow puts buttons in a row with a spacer before trailing ones.
func toolbarRow(leading []fyne.CanvasObject, trailing ...fyne.CanvasObject) *fyne.Container {
	objs := append([]fyne.CanvasObject{}, leading...)
	objs = append(objs, layout.NewSpacer())
	objs = append(objs, trailing...)
	return container.NewHBox(objs...)
}

// swatch is a small coloured square.
func swatch(c color.Color) *canvas.Rectangle {
	r := canvas.NewRectangle(c)
	r.CornerRadius = 4
	r.SetMinSize(fyne.NewSize(28, 28))
	return r
}

// scrollUpTo shows content at width w and its natural height, scrolling
// only what does not fit in maxH (a container.Scroll alone asks for almost
// no height, so a dialog squeezes the form into a strip).
func scrollUpTo(w float32, maxH func() float32, content fyne.CanvasObject) *fyne.Container {
	return container.New(cappedScrollLayout{w: w, maxH: maxH}, container.NewVScroll(content))
}

type cappedScrollLayout struct {
	w    float32
	maxH func() float32
}

func (l cappedScrollLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		content := o.(*container.Scroll).Content
		// Wrapping labels need their width before they know their height.
		content.Resize(fyne.NewSize(l.w, content.MinSize().Height))
		h = fyne.Max(h, content.MinSize().Height)
	}
	if m := l.maxH(); h > m {
		h = m
	}
	return fyne.NewSize(l.w, h)
}

func (l cappedScrollLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// dialogRoom is the height a dialog's scrolling part may take so that the
// dialog, with its title and buttons, fits in the window.
func (u *App) dialogRoom() float32 {
	const chrome, least = 230, 200 // title, action row, paddings
	return fyne.Max(u.win.Canvas().Size().Height-chrome, least)
}

// wheelScrolls makes the mouse wheel scroll s wherever the pointer is over
// it. Fyne hands a wheel event to the innermost scrollable object under
// the pointer, and every text field holds one, so the page stopped
// scrolling over a field. The catcher on top is scrollable only: taps,
// hover and the text cursor still reach the fields below.
func wheelScrolls(s *container.Scroll) *fyne.Container {
	c := &wheelCatcher{to: s}
	c.ExtendBaseWidget(c)
	return container.NewStack(s, c)
}

type wheelCatcher struct {
	widget.BaseWidget
	to fyne.Scrollable
}

func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) { w.to.Scrolled(ev) }

func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// watchWidth lays o out in all its space and tells changed its new width
// whenever that changes (rows of wrapped text get taller as it shrinks).
func watchWidth(o fyne.CanvasObject, changed func(width float32)) *fyne.Container {
	return container.New(&widthWatch{changed: changed}, o)
}

type widthWatch struct {
	changed func(float32)
	last    float32
}

func (l *widthWatch) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *widthWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
	if size.Width != l.last {
		l.last = size.Width
		l.changed(size.Width)
	}
}

// flowRow lays buttons out left to right and starts a new row when the
// next one does not fit: a toolbar never makes the window wider nor
// pushes its last button off the edge at a narrow window.
func flowRow(onWrap func(), objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&flowLayout{onWrap: onWrap}, objs...)
}

type flowLayout struct {
	width  float32 // the width last laid out at
	height float32 // the rows' height then
	// onWrap runs when the rows outgrow the height given: the screen
	// should lay itself out again on the UI goroutine's next turn (not
	// from inside this layout, which the box around would then undo),
	// as that box asked the height before the width was known and the
	// window does not redo that by itself.
	onWrap func()
}

// place lays objs out in rows at width (when move) and returns the
// height the rows take.
func (l *flowLayout) place(objs []fyne.CanvasObject, width float32, move bool) float32 {
	pad := theme.Padding()
	x, y, rowH, tallest := float32(0), float32(0), float32(0), float32(0)
	for _, o := range objs {
		if o.Visible() {
			tallest = fyne.Max(tallest, o.MinSize().Height)
		}
	}
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y, rowH = 0, y+rowH+pad, 0
		}
		if move {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(m.Width, tallest)) // a separator as high as the buttons
		}
		x += m.Width + pad
		rowH = fyne.Max(rowH, m.Height)
	}
	return y + rowH
}

// MinSize is the widest button wide and, at the last width laid out, as
// tall as the rows need (one row before the first layout).
func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, total := float32(0), float32(0)
	for _, o := range objs {
		if o.Visible() {
			w = fyne.Max(w, o.MinSize().Width)
			total += o.MinSize().Width + theme.Padding()
		}
	}
	at := l.width
	if at <= 0 {
		at = total
	}
	return fyne.NewSize(w, l.place(objs, at, false))
}

func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	h := l.place(objs, size.Width, true)
	if h != l.height {
		l.height = h
		if l.onWrap != nil && h > size.Height+0.5 {
			l.onWrap()
		}
	}
}

// wrapColumn stacks objects like a VBox, but gives each its width before
// asking its height: a wrapping label knows how many lines it takes only
// at its final width, and a VBox asks first, so a two-line title
// overlapped the line under it.
type wrapColumn struct{}

func (wrapColumn) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h, n := float32(0), float32(0), 0
	for _, o := range objs {
		if o.Visible() {
			m := o.MinSize()
			w, h, n = fyne.Max(w, m.Width), h+m.Height, n+1
		}
	}
	if n > 1 {
		h += theme.Padding() * float32(n-1)
	}
	return fyne.NewSize(w, h)
}

func (wrapColumn) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
		h := o.MinSize().Height // at this width
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}
