package ui

import (
	"context"
	"fmt"

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

func (s *EventsScreen) onDelete() {
	if s.selected == nil {
		return
	}
	e := *s.selected
	msg := fmt.Sprintf("Delete %q?\n\nThis removes the event with its %s (%d cancelled), their reminder and click history and %d check-ins. It cannot be undone; make a backup first if you may need them.",
		e.Title, plural(e.Registered, "registrant", "registrants"), e.Cancelled, e.CheckedIn)
	s.app.confirm("Delete event", msg, "Delete", widget.DangerImportance, func() { s.deleteEvent(e.ID) })
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
