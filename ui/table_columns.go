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
	// Length and update functions ask count and column.
	hideEmpty bool
	empty     []bool
	// onLaid, when set, hears the widths after each change (row heights
	// of wrapped cells).
	onLaid func(widths []float32)
	// view is what the container holds when the table is wrapped in a
	// widget of its own (keyTable): events must reach that widget.
	view fyne.CanvasObject
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
// columns out again. Measuring text costs about 0.1 ms, so only each
// column's longest few texts (by characters) are measured.
func (f *columnFit) measure(rows int, text func(row, col int) string) {
	copy(f.need, f.least)
	for c := range f.empty {
		f.empty[c] = f.hideEmpty && !f.flex[c]
	}
	longest := make([][]string, len(f.need))
	for r := 0; r < rows && r < fitColumnsSample; r++ {
		for c := range f.need {
			longest[c] = keepLongest(longest[c], text(r, c))
		}
	}
	for c, texts := range longest {
		for _, t := range texts {
			f.note(c, t)
		}
	}
	f.laid = nil
	f.apply(f.table.Size().Width)
}

// keepLongest keeps the 4 longest distinct texts seen (a proportional
// font draws "WWW" wider than "iiii", so more than one).
func keepLongest(kept []string, t string) []string {
	const keep = 4
	if t == "" {
		return kept
	}
	for _, k := range kept {
		if k == t {
			return kept
		}
	}
	if len(kept) < keep {
		return append(kept, t)
	}
	shortest := 0
	for i, k := range kept {
		if len(k) < len(kept[shortest]) {
			shortest = i
		}
	}
	if len(t) > len(kept[shortest]) {
		kept[shortest] = t
	}
	return kept
}

// content is the table in a container that refits the columns whenever
// the table's width changes.
func (f *columnFit) content() *fyne.Container {
	if f.view != nil {
		return container.New(f, f.view)
	}
	return container.New(f, f.table)
}

func (f *columnFit) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (f *columnFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0)) // the table, or the widget wrapping it
	objs[0].Resize(size)
	f.apply(size.Width)
}

// shownColumns lists the columns the table shows, by their index in
// the headers newColumnFit was given.
func (f *columnFit) shownColumns() []int {
	var cols []int
	for c := range f.need {
		if !f.empty[c] {
			cols = append(cols, c)
		}
	}
	return cols
}

// count is how many columns the table shows (its Length).
func (f *columnFit) count() int { return len(f.shownColumns()) }

// column is the header index of the table's shown column col.
func (f *columnFit) column(col int) int {
	if cols := f.shownColumns(); col >= 0 && col < len(cols) {
		return cols[col]
	}
	return -1
}

func (f *columnFit) apply(width float32) {
	if width <= 0 {
		return
	}
	widths := f.widths(width)
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

// widths shares width (less the column dividers) out among the shown
// columns: every column its need; what is left over goes to the flexible
// columns, and what is missing comes out of them in proportion, never
// below their header.
func (f *columnFit) widths(width float32) []float32 {
	cols := f.shownColumns()
	sep := theme.Padding() // a table keeps this much between columns
	room := width - sep*float32(len(cols)) - theme.ScrollBarSmallSize()
	total, flexNeed := float32(0), float32(0)
	for _, c := range cols {
		total += f.need[c]
		if f.flex[c] {
			flexNeed += f.need[c]
		}
	}
	out := make([]float32, len(cols))
	diff := room - total // > 0: spare room, < 0: too narrow
	for i, c := range cols {
		out[i] = f.need[c]
		if f.flex[c] && flexNeed > 0 {
			out[i] = fyne.Max(f.least[c], f.need[c]+diff*f.need[c]/flexNeed)
		}
	}
	return out
}
