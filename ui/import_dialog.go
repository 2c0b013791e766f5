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

// ImportDialog previews a CSV import: how many lines are new, updated,
// duplicate or invalid, each line with its number and reason, before
// anything is written. Apply writes it with a progress bar.
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
	lineCols                                                   *columnFit // table_columns.go
	applyBtn                                                   *widget.Button
	cancelBtn                                                  *widget.Button
	dlg                                                        *dialog.CustomDialog

	shown  []core.ImportLine
	result *core.ImportPlan // what Apply did
}

func newImportDialog(u *App, fileName string, plan *core.ImportPlan, onDone func(*core.ImportPlan)) *ImportDialog {
	d := &ImportDialog{app: u, registrants: u.svc.Registrants, plan: plan, onDone: onDone}
	d.newCount, d.updCount, d.reCount = newStatCard("New"), newStatCard("Updated"), newStatCard("Re-registered")
	d.sameCount, d.dupCount, d.badCount = newStatCard("Unchanged"), newStatCard("Duplicate lines"), newStatCard("Invalid lines")
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
	if len(plan.Ignored) > 0 {
		colText += ". Ignored: " + strings.Join(plan.Ignored, ", ")
	}
	d.columns = hint(colText + ".")

	d.lines = widget.NewTableWithHeaders(
		func() (int, int) { return len(d.shown), 4 },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord // long reasons take more lines (fitRows)
			return l
		},
		d.updateLine)
	d.lines.ShowHeaderColumn = false
	d.lines.CreateHeader = boldHeader
	d.lines.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		o.(*widget.Label).SetText([]string{"Line", "What happens", "Person", "Reason"}[id.Col])
		o.(*widget.Label).TextStyle.Bold = true
	}
	d.lineCols = newColumnFit(d.lines, []string{"Line", "What happens", "Person", "Reason"}, 2, 3)
	d.lineCols.onLaid = d.fitRows
	d.problemsOnly = widget.NewCheck("Only lines that will be skipped", func(bool) { d.filter() })
	d.problemsOnly.Checked = len(plan.Duplicates)+len(plan.Invalid) > 0

	d.applyBtn = widget.NewButton(fmt.Sprintf("Import %s", plural(plan.Writes(), "registrant", "registrants")), d.onApply)
	d.applyBtn.Importance = widget.HighImportance
	if plan.Writes() == 0 {
		d.applyBtn.SetText("Nothing to import")
		d.applyBtn.Disable()
	}
	d.cancelBtn = widget.NewButton("Cancel", func() { d.dlg.Hide() })
	d.filter()

	summary := para("Nothing has been written yet. " + plan.Summary())
	cards := container.NewGridWithColumns(6, d.newCount.content, d.updCount.content, d.reCount.content,
		d.sameCount.content, d.dupCount.content, d.badCount.content)
	top := container.NewVBox(cards, summary, d.columns, d.problemsOnly)
	bottom := container.NewHBox(layout.NewSpacer(), d.cancelBtn, d.applyBtn)
	content := container.NewBorder(top, bottom, nil, nil, d.lineCols.content())
	d.dlg = dialog.NewCustomWithoutButtons("Import "+fileName, content, u.win)
	return d
}

func (d *ImportDialog) show() {
	d.dlg.Resize(fyne.NewSize(880, 620))
	d.dlg.Show()
}

func (d *ImportDialog) filter() {
	d.shown = d.shown[:0]
	for _, l := range d.plan.Lines {
		if d.problemsOnly.Checked && l.Action != core.ImportDuplicate && l.Action != core.ImportInvalid {
			continue
		}
		d.shown = append(d.shown, l)
	}
	d.lineCols.measure(len(d.shown), func(row, col int) string { text, _ := d.lineText(row, col); return text })
	d.lines.Refresh()
}

func (d *ImportDialog) updateLine(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row >= len(d.shown) {
		return
	}
	label := o.(*widget.Label)
	label.Text, label.Importance = d.lineText(id.Row, id.Col)
	label.Refresh()
}

func (d *ImportDialog) lineText(row, col int) (string, widget.Importance) {
	l := d.shown[row]
	switch col {
	case 0:
		return fmt.Sprint(l.Line), widget.MediumImportance
	case 1:
		switch l.Action {
		case core.ImportInvalid, core.ImportDuplicate:
			return importActionLabels[l.Action], widget.DangerImportance
		case core.ImportNew:
			return importActionLabels[l.Action], widget.SuccessImportance
		}
		return importActionLabels[l.Action], widget.MediumImportance
	case 2:
		text := l.Name
		if l.Email != "" && l.Email != l.Name {
			text += " <" + l.Email + ">"
		}
		return text, widget.MediumImportance
	case 3:
		return l.Reason, widget.MediumImportance
	}
	return "", widget.MediumImportance
}

// fitRows makes each line as tall as its longest wrapped text at the
// columns' widths.
func (d *ImportDialog) fitRows(widths []float32) {
	measure := widget.NewLabel("")
	measure.Wrapping = fyne.TextWrapWord
	for row := range d.shown {
		h := measure.MinSize().Height
		for col, w := range widths {
			measure.Text, _ = d.lineText(row, col)
			measure.Resize(fyne.NewSize(w, h))
			measure.Refresh()
			h = fyne.Max(h, measure.MinSize().Height)
		}
		d.lines.SetRowHeight(row, h)
	}
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
