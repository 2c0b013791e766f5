package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// importColumnWidths are the preview table's columns: line, what happens,
// person, reason or change. The last two wrap, so nothing is cut off.
var importColumnWidths = []float32{60, 120, 240, 400}

const (
	personCol  = 2
	detailsCol = 3
)

// maxMeasuredLines bounds how many lines get their height measured
// exactly (about half a millisecond each); later lines of a huge list get
// an estimate, and the detail under the table shows any line whole.
const maxMeasuredLines = 1000

// linePerson is whose line it is, as the file gives it.
func linePerson(l core.ImportLine) string {
	if p := l.Person(); p != "" {
		return p
	}
	if l.Action == core.ImportInvalid {
		return "(this line could not be read)"
	}
	return ""
}

// lineDetails says why a line is skipped or what it changes.
func lineDetails(l core.ImportLine) string {
	switch {
	case l.Reason != "":
		return l.Reason
	case l.Action == core.ImportReactivate:
		return strings.TrimSpace("Had cancelled; registers again. " + l.ChangesText())
	}
	return l.ChangesText()
}

// lineSizer works out how tall a table row must be for its wrapped cells
// to show whole.
type lineSizer struct {
	probe        *widget.Label
	single, step float32 // a one-line row; each further line of text
	charWidth    float32 // average width of a character of prose
	measured     int
	cache        map[sizeKey]float32
}

type sizeKey struct {
	width float32
	text  string
}

func newLineSizer() *lineSizer {
	s := &lineSizer{probe: widget.NewLabel(""), cache: map[sizeKey]float32{}}
	s.probe.Wrapping = fyne.TextWrapWord
	s.single = s.exact("Ann Lee", 1000)
	s.step = s.exact("Ann\nLee", 1000) - s.single
	sample := "Email \"bob@\" is not a valid address; it should look like name@example.org."
	s.probe.Wrapping = fyne.TextWrapOff
	s.probe.SetText(sample)
	s.charWidth = s.probe.MinSize().Width / float32(utf8.RuneCountInString(sample))
	s.probe.Wrapping = fyne.TextWrapWord
	return s
}

func (s *lineSizer) exact(text string, width float32) float32 {
	s.probe.SetText(text)
	s.probe.Resize(fyne.NewSize(width, s.single))
	return s.probe.MinSize().Height
}

// height is the height text needs wrapped at width.
func (s *lineSizer) height(text string, width float32) float32 {
	runes := utf8.RuneCountInString(text)
	if text == "" || (float32(runes)*s.charWidth < 0.6*width && !strings.Contains(text, "\n")) {
		return s.single // plainly fits on one line: most names and addresses
	}
	key := sizeKey{width, text}
	if h, ok := s.cache[key]; ok {
		return h
	}
	var h float32
	if s.measured < maxMeasuredLines {
		s.measured++
		h = s.exact(text, width)
	} else {
		// A word that does not fit moves whole to the next line: allow
		// for a fifth of each line going unused.
		perLine := max(1, int(0.8*width/s.charWidth))
		lines := (runes+perLine-1)/perLine + strings.Count(text, "\n")
		h = s.single + float32(lines-1)*s.step
	}
	s.cache[key] = h
	return h
}

// rowHeight is the height of the table row showing l.
func (s *lineSizer) rowHeight(l core.ImportLine) float32 {
	return max(s.height(linePerson(l), importColumnWidths[personCol]),
		s.height(lineDetails(l), importColumnWidths[detailsCol]))
}

// sizedUpFront is how many shown lines get their height when the list is
// filled; the others get it when they first scroll into view, as each
// height set makes the table lay itself out again.
const sizedUpFront = 50

// sizeRows puts back the rows made taller for the previous list and sizes
// the first lines of the new one.
func (d *ImportDialog) sizeRows() {
	for row := range d.tallRows {
		d.lines.SetRowHeight(row, d.sizer.single)
	}
	clear(d.tallRows)
	clear(d.sized)
	for row := range min(sizedUpFront, len(d.shown)) {
		d.sizeRow(row)
	}
}

// sizeRow gives a row the height its wrapped text needs, once.
func (d *ImportDialog) sizeRow(row int) {
	if d.sized[row] {
		return
	}
	d.sized[row] = true
	if h := d.sizer.rowHeight(d.shown[row]); h > d.sizer.single {
		d.lines.SetRowHeight(row, h)
		d.tallRows[row] = true
	}
}

// sizeLater sizes a row that has just scrolled into view, after the table
// has finished drawing.
func (d *ImportDialog) sizeLater(row int) {
	if d.sized[row] || d.pending[row] {
		return
	}
	if len(d.pending) == 0 {
		d.app.do(func() {
			for r := range d.pending {
				if r < len(d.shown) {
					d.sizeRow(r)
				}
			}
			clear(d.pending)
		})
	}
	d.pending[row] = true
}

func (d *ImportDialog) updateLine(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(d.shown) {
		return
	}
	l := d.shown[id.Row]
	d.sizeLater(id.Row)
	label := o.(*widget.Label)
	label.Importance = widget.MediumImportance
	label.Wrapping, label.Truncation = fyne.TextWrapOff, fyne.TextTruncateEllipsis
	var text string
	switch id.Col {
	case 0:
		text = fmt.Sprint(l.Line)
	case 1:
		text = importActionLabels[l.Action]
		switch l.Action {
		case core.ImportInvalid, core.ImportDuplicate:
			label.Importance = widget.DangerImportance
		case core.ImportNew:
			label.Importance = widget.SuccessImportance
		}
	case personCol:
		text = linePerson(l)
		label.Wrapping, label.Truncation = fyne.TextWrapWord, fyne.TextTruncateOff
	case detailsCol:
		text = lineDetails(l)
		label.Wrapping, label.Truncation = fyne.TextWrapWord, fyne.TextTruncateOff
	}
	label.SetText(text)
}

// showLine puts the selected line, whole, under the table; the dialog lays
// itself out again, as the text may take more or fewer lines.
func (d *ImportDialog) showLine(row int) {
	if d.content != nil {
		defer d.content.Refresh()
	}
	if row < 0 || row >= len(d.shown) {
		d.detail.SetText(d.detailHint)
		return
	}
	l := d.shown[row]
	head := fmt.Sprintf("%s %d · %s", d.word, l.Line, importActionLabels[l.Action])
	if p := linePerson(l); p != "" {
		head += " · " + p
	}
	if details := lineDetails(l); details != "" {
		head += "\n" + details
	}
	d.detail.SetText(head)
}
