package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// What staff do from the events list: new, edit, duplicate, delete, open.

// onNewEvent opens the editor on a new event with the office defaults.
func (s *EventsScreen) onNewEvent() {
	ed := newEventEditor(s.app, nil, s.onSaved)
	s.editor = ed
	s.app.background(func(ctx context.Context) error {
		ev, err := s.eventService.NewEvent(ctx)
		if err != nil {
			return err
		}
		s.app.do(func() { ed.fill(ev) })
		return nil
	})
	ed.show()
}

func (s *EventsScreen) onEdit() {
	if s.selected == nil {
		return
	}
	ev := s.selected.Event
	ed := newEventEditor(s.app, &ev, s.onSaved)
	ed.fill(ev)
	ed.show()
}

func (s *EventsScreen) onSaved(ev core.Event) {
	s.selected = &core.EventSummary{Event: ev}
	s.reload()
}

func (s *EventsScreen) onDuplicate() {
	if s.selected == nil {
		return
	}
	id := s.selected.ID
	s.app.background(func(ctx context.Context) error {
		ev, err := s.eventService.DuplicateEvent(ctx, id)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.onSaved(ev)
			ed := newEventEditor(s.app, &ev, s.onSaved)
			ed.fill(ev)
			ed.show()
		})
		return nil
	})
}

// onDelete asks before deleting the selected event, saying what goes with
// it, and offers to back the data up first: deleting cannot be undone.
func (s *EventsScreen) onDelete() {
	if s.selected == nil {
		return
	}
	e := *s.selected
	msg := fmt.Sprintf("Delete %q?\n\nThis removes the event with its %s (%d cancelled), their reminder and click history and %s. It cannot be undone; make a backup first if you may need them.",
		e.Title, plural(e.Registered, "registrant", "registrants"), e.Cancelled, plural(e.CheckedIn, "check-in", "check-ins"))
	s.askDelete(e, msg)
}

// askDelete shows the delete question with Keep, Back up first… and
// Delete.
func (s *EventsScreen) askDelete(e core.EventSummary, msg string) {
	var d *dialog.CustomDialog
	keep := widget.NewButton("Keep event", func() { d.Hide() })
	backup := widget.NewButtonWithIcon("Back up first…", theme.DocumentSaveIcon(), func() {
		d.Hide()
		s.backupThenAsk(e)
	})
	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		d.Hide()
		s.deleteEvent(e.ID)
	})
	del.Importance = widget.DangerImportance
	d = dialog.NewCustomWithoutButtons("Delete event", fixedWidth(460, para(msg)), s.app.win)
	d.SetButtons([]fyne.CanvasObject{keep, backup, del})
	d.Show()
}

// backupThenAsk saves a copy of the data file, then asks again, so the
// deletion stays a decision of its own.
func (s *EventsScreen) backupThenAsk(e core.EventSummary) {
	s.app.askSavePath("turnout-backup.db", nil, func(path string) { s.backupAndAsk(e, path) })
}

func (s *EventsScreen) backupAndAsk(e core.EventSummary, path string) {
	s.app.background(func(context.Context) error {
		if _, err := s.dataFile.BackupFile(path); err != nil {
			return err
		}
		s.app.do(func() {
			s.askDelete(e, fmt.Sprintf("A copy of all your data is in %s (Settings → Restore… brings it back).\n\nDelete %q and its %s now?",
				path, e.Title, plural(e.Registered, "registrant", "registrants")))
		})
		return nil
	})
}

func (s *EventsScreen) deleteEvent(id core.ID) {
	s.app.background(func(ctx context.Context) error {
		if err := s.eventService.DeleteEvent(ctx, id); err != nil {
			return err
		}
		s.app.do(func() {
			s.selected = nil
			s.reload()
		})
		return nil
	})
}

func (s *EventsScreen) onOpen(screen string) {
	if s.selected != nil {
		s.app.OpenEvent(s.selected.Event, screen)
	}
}

// openBusiest opens the event with the most registrants at screen, its
// first registrant selected (start scenes: start_scenes.go).
func (s *EventsScreen) openBusiest(screen string) {
	best := -1
	for i, e := range s.events {
		if best < 0 || e.Registered+e.Cancelled > s.events[best].Registered+s.events[best].Cancelled {
			best = i
		}
	}
	if best >= 0 {
		// Selecting the first registrant shows the actions on a person.
		s.app.OpenEvent(s.events[best].Event, screen).registrants.selectFirst = true
	}
}
