package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// The registrants table: its cells and what each column shows.

// tableSize: the columns with something to show (table_columns.go).
func (s *RegistrantsScreen) tableSize() (int, int) { return len(s.view), s.columns.count() }

func (s *RegistrantsScreen) createCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewStack(bg, l)
}

func (s *RegistrantsScreen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(s.view) {
		return
	}
	r := &s.list.All[s.view[id.Row]]
	c := o.(*fyne.Container)
	bg := c.Objects[0].(*canvas.Rectangle)
	l := c.Objects[1].(*widget.Label)
	var fill color.Color = color.Transparent
	if r.ID == s.selected {
		fill = theme.Color(theme.ColorNameSelection)
	}
	if bg.FillColor != fill {
		bg.FillColor = fill
		bg.Refresh()
	}
	text, imp := cellText(r, s.columns.column(id.Col), s.providerName())
	if l.Text != text || l.Importance != imp {
		l.Text, l.Importance = text, imp
		l.Refresh()
	}
}

// cellText is what one column shows for a registrant; provider names the
// service a managed event pushes to.
func cellText(r *core.Registrant, col int, provider string) (string, widget.Importance) {
	switch col {
	case 0:
		return strings.TrimSpace(r.FirstName + " " + r.LastName), widget.MediumImportance
	case 1:
		return r.Email, widget.MediumImportance
	case 2:
		if !r.Active() {
			return "Cancelled", widget.DangerImportance
		}
		return "Registered", widget.MediumImportance
	case 3:
		switch r.Sync.State {
		case core.SyncPending:
			return "Waiting to register in " + provider, widget.WarningImportance
		case core.SyncPushed:
			return "Registered in " + provider, widget.SuccessImportance
		case core.SyncFailed:
			return "Couldn't register in " + provider + " — Try again", widget.DangerImportance
		case core.SyncCancelled:
			return "Cancelled in " + provider, widget.MediumImportance
		}
		return "—", widget.LowImportance
	case 4:
		return reminderCell(r.Reminder.Status)
	case 5:
		if r.Clicks == 0 {
			return "—", widget.LowImportance
		}
		return fmt.Sprint(r.Clicks), widget.MediumImportance
	case 6:
		if r.CheckIn == nil {
			return "—", widget.LowImportance
		}
		switch r.CheckIn.Source {
		case core.SourceManual:
			return "Yes (manual)", widget.SuccessImportance
		case core.SourceClick:
			return "Yes (clicked)", widget.SuccessImportance
		}
		return "Yes", widget.SuccessImportance
	case 7:
		if r.CheckIn == nil || r.CheckIn.Minutes == 0 {
			return "", widget.LowImportance
		}
		return fmt.Sprint(r.CheckIn.Minutes), widget.MediumImportance
	}
	return "", widget.MediumImportance
}

// reminderCell is the reminder column in office words.
func reminderCell(st core.ReminderStatus) (string, widget.Importance) {
	switch st {
	case core.ReminderQueued:
		return "Waiting to send", widget.MediumImportance
	case core.ReminderSent:
		return "Reminder sent", widget.MediumImportance
	case core.ReminderFailed:
		return "Couldn't send", widget.DangerImportance
	case core.ReminderMissed:
		return "Not sent in time", widget.DangerImportance
	case core.ReminderSkipped:
		return "Not sent", widget.LowImportance
	}
	return "—", widget.LowImportance
}
