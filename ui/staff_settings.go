package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// StaffSettings is the Settings card for the office's staff list:
// addresses and whole domains whose people check-in counts as staff,
// never as attendees or walk-ins.
type StaffSettings struct {
	// The services this card uses (and nothing else of the engine).
	staff core.StaffService

	app *App

	entry   *widget.Entry
	addBtn  *widget.Button
	rows    *fyne.Container // one line per entry, with its Remove button
	list    []string
	content fyne.CanvasObject
}

func newStaffSettings(u *App) *StaffSettings {
	s := &StaffSettings{app: u, staff: u.svc.Staff}
	s.entry = widget.NewEntry()
	s.entry.SetPlaceHolder("name@your-office.org or @your-office.org")
	s.entry.OnSubmitted = func(string) { s.onAdd() }
	s.addBtn = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), s.onAdd)
	s.rows = container.NewVBox()
	s.content = widget.NewCard("Staff", "", container.NewVBox(
		hint("Hosts and panelists are found by themselves. Add your own people here, one by one or a whole domain: "+
			"check-ins count them as staff, not as attendees or walk-ins."),
		container.NewBorder(nil, nil, nil, s.addBtn, s.entry),
		s.rows))
	return s
}

// load reads the staff list from the engine.
func (s *StaffSettings) load() {
	s.app.background(func(ctx context.Context) error {
		list, err := s.staff.ListStaff(ctx)
		if err != nil {
			return err
		}
		s.app.do(func() { s.show(list) })
		return nil
	})
}

func (s *StaffSettings) show(list []string) {
	s.list = list
	s.rows.RemoveAll()
	if len(list) == 0 {
		s.rows.Add(hint("Nobody is on the staff list yet."))
	}
	for _, e := range list {
		e := e
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { s.onRemove(e) })
		l := widget.NewLabel(e)
		l.Truncation = fyne.TextTruncateEllipsis
		s.rows.Add(container.NewBorder(nil, nil, nil, remove, l))
	}
	s.rows.Refresh()
}

func (s *StaffSettings) onAdd() {
	entry := s.entry.Text
	s.change(func(ctx context.Context) ([]string, error) { return s.staff.AddStaff(ctx, entry) }, func() { s.entry.SetText("") })
}

func (s *StaffSettings) onRemove(entry string) {
	s.change(func(ctx context.Context) ([]string, error) { return s.staff.RemoveStaff(ctx, entry) }, nil)
}

// change runs one change of the list and shows the list it left.
func (s *StaffSettings) change(do func(ctx context.Context) ([]string, error), done func()) {
	s.app.background(func(ctx context.Context) error {
		list, err := do(ctx)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.show(list)
			if done != nil {
				done()
			}
		})
		return nil
	})
}
