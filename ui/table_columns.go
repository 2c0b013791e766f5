package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// columnFit sizes a table's columns to the text they show and to the
// table's width, so a narrow window never needs sideways scrolling: the
// columns are as wide as their widest text (header or sampled rows) and
// the flexible ones (names, emails) take what is left, or give up room
// when the window is narrower than all of them. The caller measures
// again after loading rows (measure).
type columnFit struct {
	table *widget.Table
	least []float32 // each column's width for its header
	need  []float32 // each column's width for its widest text
	flex  []bool
	laid  []float32 // widths last set on the table
	// hideEmpty leaves out the non-flexible columns that have nothing to
	// show (no clicks, no check-ins yet); empty marks them. The table's
	// update functions show nothing in them (shown).
	hideEmpty bool
	empty     []bool
	// onLaid, when set, hears the widths after each change (row heights
	// of wrapped cells).
	onLaid func(widths []float32)
}

// fitColumnsSample is how many rows measure reads: enough for the widest
// email of a typical event, cheap for 100,000 registrants.
const fitColumnsSample = 2000

func newColumnFit(t *widget.Table, headers []string, flex ...int) *columnFit {
	f := &columnFit{table: t, least: make([]float32, len(headers)), flex: make([]bool, len(headers))}
	for i, h := range headers {
		f.least[i] = textWidth(h, fyne.TextStyle{Bold: true})
	}
	for _, i := range flex {
		f.flex[i] = true
	}
	f.need = append([]float32(nil), f.least...)
	f.empty = make([]bool, len(headers))
	return f
}

// shown tells whether column col has room (false: hidden, empty).
func (f *columnFit) shown(col int) bool { return col >= len(f.empty) || !f.empty[col] }

// widen makes room for one more row's texts (a person added or changed)
// without measuring every row again.
func (f *columnFit) widen(text func(col int) string) {
	for c := range f.need {
		f.note(c, text(c))
	}
	f.apply(f.table.Size().Width)
}

func (f *columnFit) note(c int, s string) {
	if s == "" || s == "—" {
		return
	}
	f.need[c] = fyne.Max(f.need[c], textWidth(s, fyne.TextStyle{}))
	f.empty[c] = false
}

// textWidth is the width a label needs to show text whole on one line.
func textWidth(text string, style fyne.TextStyle) float32 {
	return fyne.MeasureText(text, theme.TextSize(), style).Width + 2*theme.InnerPadding() + 2
}

// measure reads the texts of up to fitColumnsSample rows and lays the
// columns out again.
func (f *columnFit) measure(rows int, text func(row, col int) string) {
	copy(f.need, f.least)
	for c := range f.empty {
		f.empty[c] = f.hideEmpty && !f.flex[c]
	}
	for r := 0; r < rows && r < fitColumnsSample; r++ {
		for c := range f.need {
			f.note(c, text(r, c))
		}
	}
	f.laid = nil
	f.apply(f.table.Size().Width)
}

// content is the table in a container that refits the columns whenever
// the table's width changes.
func (f *columnFit) content() *fyne.Container {
	return container.New(f, f.table)
}

func (f *columnFit) MinSize([]fyne.CanvasObject) fyne.Size { return f.table.MinSize() }

func (f *columnFit) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	f.table.Move(fyne.NewPos(0, 0))
	f.table.Resize(size)
	f.apply(size.Width)
}

func (f *columnFit) apply(width float32) {
	if width <= 0 {
		return
	}
	widths := f.widths(width)
	for i := range widths {
		if f.empty[i] {
			widths[i] = 0
		}
	}
	changed := len(f.laid) != len(widths)
	for i := range widths {
		if !changed && widths[i] != f.laid[i] {
			changed = true
		}
	}
	if !changed {
		return
	}
	f.laid = widths
	for i, w := range widths {
		f.table.SetColumnWidth(i, w)
	}
	if f.onLaid != nil {
		f.onLaid(widths)
	}
}

// widths shares width (less the column dividers) out: every column its
// need; what is left over goes to the flexible columns, and what is
// missing comes out of them in proportion, never below their header.
func (f *columnFit) widths(width float32) []float32 {
	sep := theme.Padding() // a table keeps this much between columns
	room := width - sep*float32(len(f.need)) - theme.ScrollBarSmallSize()
	total, flexNeed := float32(0), float32(0)
	for i, n := range f.need {
		if f.empty[i] {
			continue
		}
		total += n
		if f.flex[i] {
			flexNeed += n
		}
	}
	out := make([]float32, len(f.need))
	copy(out, f.need)
	if flexNeed == 0 {
		return out
	}
	diff := room - total // > 0: spare room, < 0: too narrow
	for i := range out {
		if f.flex[i] {
			out[i] = fyne.Max(f.least[i], f.need[i]+diff*f.need[i]/flexNeed)
		}
	}
	return out
}
