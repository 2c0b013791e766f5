package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// staffList is the headcount's Staff tab: hosts, panelists and the
// office's own people, apart from attendees and walk-ins, with their
// minutes.
type staffList struct {
	people []core.Participant
	table  *widget.Table
	cols   *columnFit
}

var staffHeaders = []string{"Name", "Email", "Role", "Minutes"}

func newStaffList() *staffList {
	l := &staffList{}
	l.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(l.people), len(staffHeaders) },
		func() fyne.CanvasObject { c := widget.NewLabel(""); c.Truncation = fyne.TextTruncateEllipsis; return c },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(l.people) {
				o.(*widget.Label).SetText(l.text(id.Row, id.Col))
			}
		})
	l.table.ShowHeaderColumn = false
	l.table.CreateHeader = boldHeader
	l.table.UpdateHeader = headerTitles(staffHeaders...)
	l.cols = newColumnFit(l.table, staffHeaders, 0, 1)
	return l
}

func (l *staffList) text(row, col int) string {
	p := l.people[row]
	switch col {
	case 0:
		return p.Name
	case 1:
		return p.Email
	case 2:
		return p.Role.Label()
	case 3:
		return fmt.Sprint(p.Minutes)
	}
	return ""
}

func (l *staffList) show(people []core.Participant) {
	l.people = people
	l.cols.measure(len(people), l.text)
	l.table.Refresh()
}
