package ui

import (
	"github.com/turnout-app/turnout/core"

	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

var importActionLabels = map[core.ImportAction]string{
	core.ImportNew: "New", core.ImportUpdate: "Update", core.ImportReactivate: "Re-register",
	core.ImportUnchanged: "Unchanged", core.ImportDuplicate: "Duplicate", core.ImportInvalid: "Invalid",
}

// ImportDialog previews an import from a CSV file or Excel workbook: how
// many lines are new, updated, duplicate or invalid, and each line with its
// number, the person on it and, in full, why it is skipped or what it
// changes, before anything is written. Apply writes it with a progress bar.
type ImportDialog struct {
	// The services this screen uses (and nothing else of the engine).
	registrants core.RegistrantService

	app    *App
	plan   *core.ImportPlan
	onDone func(*core.ImportPlan)

	newCount, updCount, reCount, sameCount, dupCount, badCount *statCard
	columns                                                    *widget.Label
	problemsOnly                                               *widget.Check
	lines                                                      *widget.Table
	detail                                                     *widget.Label
	content                                                    *fyne.Container
	applyBtn                                                   *widget.Button
	skipInvalid                                                *widget.Check
	cancelBtn                                                  *widget.Button
	dlg                                                        *dialog.CustomDialog

	shown      []core.ImportLine
	sizer      *lineSizer
	tallRows   map[int]bool // table rows given more than one line's height
	sized      map[int]bool // rows whose height is worked out
	pending    map[int]bool // rows to size once the table is drawn
	word       string       // "Line", or "Row" for a workbook
	detailHint string
	result     *core.ImportPlan // what Apply did
}

func newImportDialog(u *App, fileName string, plan *core.ImportPlan, onDone func(*core.ImportPlan)) *ImportDialog {
	d := &ImportDialog{app: u, registrants: u.svc.Registrants, plan: plan, onDone: onDone,
		sizer: newLineSizer(), tallRows: map[int]bool{}, sized: map[int]bool{}, pending: map[int]bool{}}
	word := plan.LineWord() // "line", or "row" in a workbook
	d.word = strings.ToUpper(word[:1]) + word[1:]
	d.newCount, d.updCount, d.reCount = newStatCard("New"), newStatCard("Updated"), newStatCard("Re-registered")
	d.sameCount, d.dupCount, d.badCount = newStatCard("Unchanged"), newStatCard("Duplicate "+word+"s"), newStatCard("Invalid "+word+"s")
	d.newCount.set(fmt.Sprint(plan.New))
	d.updCount.set(fmt.Sprint(plan.Updated))
	d.reCount.set(fmt.Sprint(plan.Reactivated))
	d.sameCount.set(fmt.Sprint(plan.Unchanged))
	d.dupCount.set(fmt.Sprint(len(plan.Duplicates)))
	d.badCount.set(fmt.Sprint(len(plan.Invalid)))

	var cols []string
	for f, h := range plan.Columns {
		cols = append(cols, fmt.Sprintf("%s ← %q", f, h))
	}
	sort.Strings(cols)
	colText := "Columns used: " + strings.Join(cols, ", ")
	if plan.Sheet != "" {
		colText = fmt.Sprintf("Read the sheet %q. %s", plan.Sheet, colText)
	}
	if len(plan.Ignored) > 0 {
		colText += ". Ignored: " + strings.Join(plan.Ignored, ", ")
	}
	d.columns = hint(colText + ".")

	d.lines = widget.NewTableWithHeaders(
		func() (int, int) { return len(d.shown), 4 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		d.updateLine)
	d.lines.ShowHeaderColumn = false
	d.lines.CreateHeader = boldHeader
	d.lines.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText([]string{d.word, "What happens", "Person", "Reason or change"}[id.Col])
		o.(*widget.Label).TextStyle.Bold = true
	}
	for i, w := range importColumnWidths {
		d.lines.SetColumnWidth(i, w)
	}
	d.lines.OnSelected = func(id widget.TableCellID) { d.showLine(id.Row) }
	d.detailHint = fmt.Sprintf("Select a %s to see it in full here.", word)
	d.detail = para(d.detailHint)
	d.problemsOnly = widget.NewCheck(fmt.Sprintf("Only skipped %ss and changes to people already registered", word), func(bool) { d.filter() })
	d.problemsOnly.Checked = len(plan.Duplicates)+len(plan.Invalid)+len(plan.Changed) > 0

	d.applyBtn = widget.NewButton(fmt.Sprintf("Import %s", plural(plan.Writes(), "registrant", "registrants")), d.onApply)
	d.applyBtn.Importance = widget.HighImportance
	// Lines that cannot be imported stop the import until staff choose
	// to skip them, having seen them listed.
	d.skipInvalid = widget.NewCheck(fmt.Sprintf("Skip the %s that cannot be imported (listed above) and import the rest",
		plan.CountLines(len(plan.Invalid))), func(on bool) { d.plan.SkipInvalid = on; d.updateApply() })
	d.skipInvalid.Hidden = len(plan.Invalid) == 0
	d.updateApply()
	d.cancelBtn = widget.NewButton("Cancel", func() { d.dlg.Hide() })
	d.filter()

	summary := para("Nothing has been written yet. " + plan.Summary())
	cards := container.NewGridWithColumns(6, d.newCount.content, d.updCount.content, d.reCount.content,
		d.sameCount.content, d.dupCount.content, d.badCount.content)
	top := container.NewVBox(cards, summary, d.columns, d.problemsOnly)
	bottom := container.NewVBox(d.detail, d.skipInvalid, container.NewHBox(layout.NewSpacer(), d.cancelBtn, d.applyBtn))
	content := container.NewBorder(top, bottom, nil, nil, d.lines)
	d.content = content
	d.dlg = dialog.NewCustomWithoutButtons("Import "+fileName, content, u.win)
	return d
}

func (d *ImportDialog) show() {
	d.dlg.Resize(fyne.NewSize(880, 620))
	d.dlg.Show()
}

// updateApply enables Import only when it can write something and no
// line that cannot be imported is left undecided.
func (d *ImportDialog) updateApply() {
	switch {
	case d.plan.Writes() == 0:
		d.applyBtn.SetText("Nothing to import")
		d.applyBtn.Disable()
	case d.plan.Refusal() != nil:
		d.applyBtn.SetText("Fix the file, or skip the invalid " + d.plan.LineWord() + "s")
		d.applyBtn.Disable()
	default:
		d.applyBtn.SetText(fmt.Sprintf("Import %s", plural(d.plan.Writes(), "registrant", "registrants")))
		d.applyBtn.Enable()
	}
}

// filter shows every line, or only those staff should look at: skipped
// lines and changes to people already registered.
func (d *ImportDialog) filter() {
	d.shown = d.shown[:0]
	for _, l := range d.plan.Lines {
		if d.problemsOnly.Checked && (l.Action == core.ImportNew || l.Action == core.ImportUnchanged) {
			continue
		}
		d.shown = append(d.shown, l)
	}
	d.lines.UnselectAll()
	d.sizeRows()
	d.lines.Refresh()
	d.showLine(-1)
}

// onApply writes the import with a progress bar and Cancel.
func (d *ImportDialog) onApply() {
	d.dlg.Hide()
	plan := d.plan
	d.app.runWithProgress("Importing registrants", "Importing…",
		func(ctx context.Context, p core.Progress) error {
			res, err := d.registrants.ApplyImport(ctx, plan, p)
			if err == nil {
				d.app.do(func() { d.result = res })
			}
			return err
		},
		func(err error) {
			if err != nil {
				d.app.showError(err)
				d.app.notify("Import failed", "Nothing was imported.")
				return
			}
			msg := "Done: " + d.result.Summary()
			dialog.ShowInformation("Import finished", msg, d.app.win)
			d.app.notify("Import finished", msg)
			if d.onDone != nil {
				d.onDone(d.result)
			}
		})
}
