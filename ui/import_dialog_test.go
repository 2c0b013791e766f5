package ui

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core/coretest"
)

func TestImportPreviewOfAWorkbookShowsPeopleWholeReasonsAndChanges(t *testing.T) {
	u, eng := newTestUI(t)
	u.win.Resize(smallWindow)
	ev := createEvent(t, eng, "Alumni webinar")
	addPerson(t, eng, ev, "Ann", "ann@example.org")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants

	shifted := "Called on Monday, wants the recording and the slides, " +
		"prefers email over phone, see notes from the spring fair"
	book := coretest.XLSX(t, coretest.Sheet{Name: "People", Rows: [][]any{
		{"First name", "Last name", "Email", "Source"},
		{"Ann", "Lee", "ann@example.org", "newsletter"}, // row 2: Ann changes
		{"Bob", "Ray", "bob@example.org"},               // row 3: new
		{"Cy", "Dee", shifted},                          // row 4: a note in the Email column
		{"Bobby", "Ray", "BOB@example.org"},             // row 5: repeats row 3
	}})
	rs.previewImport(io.NopCloser(bytes.NewReader(book)), "people.xlsx")
	u.wait()
	d := rs.importDialog
	if d == nil {
		t.Fatal("no preview dialog")
	}
	if d.dupCount.label.Text != "Duplicate rows" || !strings.HasPrefix(d.columns.Text, `Read the sheet "People".`) {
		t.Errorf("card %q, columns %q: a workbook has rows and the sheet is named", d.dupCount.label.Text, d.columns.Text)
	}

	// Listed first: the change to Ann and the two skipped rows.
	if len(d.shown) != 3 || d.shown[0].Line != 2 || d.shown[1].Line != 4 || d.shown[2].Line != 5 {
		t.Fatalf("rows shown = %+v", d.shown)
	}
	cell := func(row, col int) *widget.Label {
		l := widget.NewLabel("")
		d.updateLine(widget.TableCellID{Row: row, Col: col}, l)
		return l
	}
	if got := cell(0, detailsCol).Text; got != "Last name: Test → Lee; Source: – → newsletter" {
		t.Errorf("Ann's row says %q, want what changes", got)
	}
	if got, want := cell(1, personCol).Text, "Cy Dee <"+shifted+">"; got != want {
		t.Errorf("invalid row's person = %q, want %q", got, want)
	}
	reason := d.shown[1].Reason
	if !strings.Contains(reason, "check that the columns are not shifted") {
		t.Fatalf("reason = %q", reason)
	}
	if got := cell(1, detailsCol); got.Text != reason || got.Wrapping == 0 {
		t.Errorf("reason cell = %q (wrapping %v), want the whole reason wrapped", got.Text, got.Wrapping)
	}
	if got := cell(2, detailsCol).Text; got != "Repeats BOB@example.org from row 3; only the first is used." {
		t.Errorf("duplicate row says %q", got)
	}

	// On screen the reason and the person wrap in rows tall enough to read.
	top := u.win.Canvas().Overlays().Top()
	for _, prefix := range []string{`Email "Called on Monday`, "Cy Dee <Called"} {
		l := findLabel(top, prefix)
		if l == nil {
			t.Fatalf("no cell starting %q on screen", prefix)
		}
		if h, need := l.Size().Height, l.MinSize().Height; h < need-0.5 || need < 2*d.sizer.single-1 {
			t.Errorf("cell %q is %.0f px high, needs %.0f: it is cut off (or not wrapped)", prefix, h, need)
		}
	}

	// A selected row shows whole under the table too.
	d.lines.Select(widget.TableCellID{Row: 1, Col: 1})
	if want := "Row 4 · Invalid · Cy Dee <" + shifted + ">\n" + reason; d.detail.Text != want {
		t.Errorf("detail = %q\nwant     %q", d.detail.Text, want)
	}
	assertShown(t, u, "the selected row", d.detail)

	d.problemsOnly.SetChecked(false)
	if len(d.shown) != 4 || d.detail.Text != d.detailHint {
		t.Errorf("all rows: %d shown, detail %q", len(d.shown), d.detail.Text)
	}
}

func TestImportPreviewSizesRowsScrolledIntoView(t *testing.T) {
	u, eng := newTestUI(t)
	u.win.Resize(smallWindow)
	ev := createEvent(t, eng, "Alumni webinar")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants

	var csv strings.Builder
	csv.WriteString("Name,Email\n")
	for i := range 120 {
		// Each line's whole note landed in the Email column.
		fmt.Fprintf(&csv, "Person %d,\"note %d: called twice, wants the slides and the recording, prefers email, see the fair list\"\n", i, i)
	}
	rs.previewImport(io.NopCloser(strings.NewReader(csv.String())), "notes.csv")
	u.wait()
	d := rs.importDialog
	if len(d.shown) != 120 {
		t.Fatalf("%d lines shown, want 120", len(d.shown))
	}
	// Rows grow as they are drawn, which moves the row scrolled to: scroll
	// again, as a person would, once the rows around it have their height.
	for range 2 {
		d.lines.ScrollTo(widget.TableCellID{Row: 110, Col: detailsCol})
		u.wait()
	}
	if !d.tallRows[110] || d.tallRows[80] {
		t.Errorf("tall rows: 110 %v, 80 %v; want only rows drawn sized", d.tallRows[110], d.tallRows[80])
	}
	top := u.win.Canvas().Overlays().Top()
	l := findLabel(top, `Email "note 110: called twice`)
	if l == nil {
		t.Fatal("line 112 is not on screen after scrolling to it")
	}
	if h, need := l.Size().Height, l.MinSize().Height; h < need-0.5 || need < 2*d.sizer.single-1 {
		t.Errorf("the reason of line 112 is %.0f px high, needs %.0f: it is cut off", h, need)
	}
}
