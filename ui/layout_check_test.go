package ui

import (
	"fmt"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// layoutProblems walks everything the window draws (its content and the
// top dialog) and lists what a person at this window size could not use:
// content that would widen the window, widgets squeezed below their
// MinSize or pushed past their container's edge, and cut label text.
func layoutProblems(w fyne.Window) []string {
	c := w.Canvas()
	win := c.Size()
	var probs []string
	if m := w.Content().MinSize(); m.Width > win.Width+0.5 || m.Height > win.Height+0.5 {
		probs = append(probs, fmt.Sprintf("the window content needs %.0f×%.0f, the window is %.0f×%.0f: it would grow",
			m.Width, m.Height, win.Width, win.Height))
	}
	lc := &layoutChecker{}
	// One layout pass, as the desktop driver's next frame does. Not more:
	// a box that places wrapped text before it knows its height showed
	// overlapping lines on screen, and must fail here too.
	relayout(w.Content())
	lc.walk(w.Content(), nil)
	if top := c.Overlays().Top(); top != nil {
		for i := 0; i < 1; i++ {
			relayout(top)
		}
		lc.walk(top, nil)
		if m := top.MinSize(); m.Width > win.Width+0.5 || m.Height > win.Height+0.5 {
			probs = append(probs, fmt.Sprintf("the dialog needs %.0f×%.0f, more than the %.0f×%.0f window",
				m.Width, m.Height, win.Width, win.Height))
		}
	}
	return append(probs, lc.probs...)
}

type layoutChecker struct {
	probs []string
}

// slack absorbs float rounding in Fyne's layouts.
const slack = 1

func (lc *layoutChecker) add(path []fyne.CanvasObject, o fyne.CanvasObject, format string, args ...any) {
	lc.probs = append(lc.probs, describe(path, o)+": "+fmt.Sprintf(format, args...))
}

// walk checks o and what it draws. path is o's ancestors, nearest last.
func (lc *layoutChecker) walk(o fyne.CanvasObject, path []fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	size, min := o.Size(), o.MinSize()
	_, isWidget := o.(fyne.Widget)
	if isWidget && !isDialogTitle(path) {
		if insideRecycler(path) {
			// Cells are the column's width by design; a cell too low for
			// its wrapped text cuts lines off.
			if size.Height < min.Height-slack {
				lc.add(path, o, "%.0f px high, its text needs %.0f", size.Height, min.Height)
			}
		} else if size.Width < min.Width-slack || size.Height < min.Height-slack {
			lc.add(path, o, "%.0f×%.0f, needs %.0f×%.0f", size.Width, size.Height, min.Width, min.Height)
		}
	}
	if len(path) > 0 && isWidget && !insideRecycler(path) && !isDialogTitle(path) {
		// A box lays children out at their MinSize even past its own edge,
		// where they are cut off (a toolbar wider than the window).
		if parent, ok := path[len(path)-1].(*fyne.Container); ok {
			p, ps := o.Position(), parent.Size()
			if p.X+size.Width > ps.Width+slack || p.Y+size.Height > ps.Height+slack || p.X < -slack || p.Y < -slack {
				lc.add(path, o, "lies at %.0f,%.0f size %.0f×%.0f, past the edge of its %.0f×%.0f container",
					p.X, p.Y, size.Width, size.Height, ps.Width, ps.Height)
			}
		}
	}
	if l, ok := o.(*widget.Label); ok && l.Text != "" && l.Wrapping == fyne.TextWrapOff && !isDialogTitle(path) {
		if need := labelTextWidth(l); need > size.Width+slack {
			lc.add(path, o, "text %q needs %.0f px, has %.0f: cut off", l.Text, need, size.Width)
		}
	}
	if t, ok := o.(*widget.Table); ok {
		lc.checkTable(path, t)
	}
	if t, ok := o.(*keyTable); ok {
		lc.checkTable(path, &t.Table)
	}
	switch o.(type) {
	case *widget.Entry, *widget.SelectEntry, *widget.RichText, *widget.Label, *widget.Button, *widget.Select:
		// Their insides scroll or clip on purpose; the checks above cover them.
		return
	}
	next := append(path[:len(path):len(path)], o)
	for _, ch := range childrenOf(o) {
		lc.walk(ch, next)
	}
}

// tableRowsShown is how many rows a table must show when it has them:
// a list of people squeezed to two or three rows is not usable.
const tableRowsShown = 5

// checkTable fails a table whose columns need sideways scrolling or that
// shows too few of its rows.
func (lc *layoutChecker) checkTable(path []fyne.CanvasObject, t *widget.Table) {
	var cells *container.Scroll
	for _, ch := range childrenOf(t) {
		if s, ok := ch.(*container.Scroll); ok {
			cells = s
		}
	}
	if cells == nil || t.Length == nil {
		return
	}
	rows, _ := t.Length()
	if need, has := cells.Content.MinSize().Width, cells.Size().Width; need > has+slack {
		lc.add(path, t, "columns need %.0f px, the table shows %.0f: sideways scrolling", need, has)
	}
	rowH := t.CreateCell().MinSize().Height + theme.Padding()
	if want := min(rows, tableRowsShown); cells.Size().Height < float32(want)*rowH-slack {
		lc.add(path, t, "shows %.1f rows of %d (%.0f px high), needs room for %d",
			cells.Size().Height/rowH, rows, cells.Size().Height, want)
	}
}

// relayout lays o and everything in it out again at their current sizes,
// innermost first, as the desktop driver does on its next frame when a
// MinSize changed (a label got longer, a hidden row was shown): each
// container after its children, so a scroll fits its content to the
// content's new MinSize. The test driver does not do this by itself.
func relayout(o fyne.CanvasObject) {
	if o == nil || !o.Visible() {
		return
	}
	for _, ch := range childrenOf(o) {
		relayout(ch)
	}
	switch c := o.(type) {
	case *fyne.Container:
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
	case fyne.Widget:
		test.WidgetRenderer(c).Layout(c.Size())
	}
}

// isDialogTitle: Fyne's dialogs draw their title label unsized and it
// still shows whole (their MinSize makes room for it).
func isDialogTitle(path []fyne.CanvasObject) bool {
	if len(path) == 0 {
		return false
	}
	c, ok := path[len(path)-1].(*fyne.Container)
	return ok && c.Layout != nil && reflect.TypeOf(c.Layout).String() == "*dialog.dialogLayout"
}

// insideRecycler: a list or table sizes its rows and cells itself (a
// recycled cell is the column width by design); truncation of their
// labels is still checked.
func insideRecycler(path []fyne.CanvasObject) bool {
	for _, p := range path {
		switch p.(type) {
		case *widget.List, *widget.Table, *keyTable, *widget.Tree, *widget.GridWrap:
			return true
		}
	}
	return false
}

// labelTextWidth is the width l's whole text needs on one line.
func labelTextWidth(l *widget.Label) float32 {
	size := theme.TextSize()
	if l.SizeName != "" {
		size = theme.Size(l.SizeName)
	}
	w := float32(0)
	for _, line := range strings.Split(l.Text, "\n") {
		w = fyne.Max(w, fyne.MeasureText(line, size, l.TextStyle).Width)
	}
	return w + 2*theme.InnerPadding()
}

// describe names o by the nearest texts around it, so a failure says
// which widget it is ("Button \"History\" in … ").
func describe(path []fyne.CanvasObject, o fyne.CanvasObject) string {
	name := strings.TrimPrefix(reflect.TypeOf(o).String(), "*")
	if t := textOf(o); t != "" {
		name += fmt.Sprintf(" %q", clip(t))
	}
	for i := len(path) - 1; i >= 0; i-- {
		if _, ok := path[i].(*container.Scroll); ok {
			name += " (in a scroll)"
			break
		}
	}
	// The closest labelled ancestor tells where on the screen it is.
	for i := len(path) - 1; i >= 0; i-- {
		if t := firstText(path[i], 3); t != "" && t != textOf(o) {
			return name + " near " + fmt.Sprintf("%q", clip(t))
		}
	}
	return name
}

func textOf(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *widget.Label:
		return w.Text
	case *widget.Button:
		return w.Text
	case *widget.Check:
		return w.Text
	case *widget.Card:
		return w.Title
	case *widget.Entry:
		return w.PlaceHolder
	}
	return ""
}

func firstText(o fyne.CanvasObject, depth int) string {
	if t := textOf(o); t != "" {
		return t
	}
	if depth == 0 {
		return ""
	}
	for _, ch := range childrenOf(o) {
		if t := firstText(ch, depth-1); t != "" {
			return t
		}
	}
	return ""
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
