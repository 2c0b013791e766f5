package engine

import (
	"context"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

// NewEvent returns an event with the defaults staff expect: tomorrow at
// 14:00 office time, one hour, reminder two hours before.
func (e *Engine) NewEvent(ctx context.Context) (core.Event, error) {
	o, err := e.Office(ctx)
	if err != nil {
		return core.Event{}, err
	}
	loc := o.Location()
	now := e.clock.Now().In(loc)
	start := time.Date(now.Year(), now.Month(), now.Day()+1, 14, 0, 0, 0, loc)
	return core.Event{
		Start: start, Duration: time.Hour, TimeZone: loc.String(),
		ReminderLead: core.DefaultReminderLead,
		Location:     core.Location{Provider: core.ProviderLink},
	}, nil
}

// CreateEvent validates and stores a new event.
func (e *Engine) CreateEvent(ctx context.Context, ev core.Event) (core.Event, error) {
	ev.ID = 0
	if ev.ReminderLead == 0 {
		ev.ReminderLead = core.DefaultReminderLead
	}
	if err := ev.Validate(); err != nil {
		return ev, err
	}
	now := e.clock.Now()
	ev.CreatedAt, ev.UpdatedAt = now, now
	err := e.store.Update(ctx, func(tx core.Tx) error { return tx.PutEvent(&ev) })
	if err == nil {
		e.log.Info("event created", "event", ev.ID)
	}
	return ev, err
}

// UpdateEvent validates and saves changes to an existing event.
func (e *Engine) UpdateEvent(ctx context.Context, ev core.Event) (core.Event, error) {
	if err := ev.Validate(); err != nil {
		return ev, err
	}
	err := e.store.Update(ctx, func(tx core.Tx) error {
		old, err := tx.Event(ev.ID)
		if err != nil {
			return err
		}
		ev.CreatedAt, ev.UpdatedAt = old.CreatedAt, e.clock.Now()
		return tx.PutEvent(&ev)
	})
	return ev, err
}

// DuplicateEvent copies an event's settings (not its registrants) to a new
// event a week later, titled "Copy of …".
func (e *Engine) DuplicateEvent(ctx context.Context, id core.ID) (core.Event, error) {
	ev, err := e.Event(ctx, id)
	if err != nil {
		return ev, err
	}
	ev.Title = "Copy of " + ev.Title
	ev.Start = ev.Start.AddDate(0, 0, 7)
	return e.CreateEvent(ctx, ev)
}

// DeleteEvent removes an event with everything recorded for it.
func (e *Engine) DeleteEvent(ctx context.Context, id core.ID) error {
	err := e.store.Update(ctx, func(tx core.Tx) error {
		if _, err := tx.Event(id); err != nil {
			return err
		}
		return tx.DeleteEvent(id)
	})
	if err == nil {
		e.log.Info("event deleted", "event", id)
	}
	return err
}

// Event returns one event.
func (e *Engine) Event(ctx context.Context, id core.ID) (ev core.Event, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error { ev, err = tx.Event(id); return err })
	return ev, err
}

// ListEvents returns every event whose title or description contains query
// (any case; "" lists all), soonest first, with its numbers.
func (e *Engine) ListEvents(ctx context.Context, query string) ([]EventSummary, error) {
	query = strings.ToLower(strings.TrimSpace(query))
	now := e.clock.Now()
	var out []EventSummary
	err := e.store.View(ctx, func(tx core.Tx) error {
		events, err := tx.Events()
		if err != nil {
			return err
		}
		accounts, err := tx.Accounts()
		if err != nil {
			return err
		}
		sandbox := map[core.ID]bool{}
		for _, a := range accounts {
			sandbox[a.ID] = a.Sandbox
		}
		for _, ev := range events {
			if query != "" && !strings.Contains(strings.ToLower(ev.Title+"\n"+ev.Description), query) {
				continue
			}
			c, err := tx.RegistrantCounts(ev.ID)
			if err != nil {
				return err
			}
			out = append(out, EventSummary{Event: ev, Past: !ev.End().After(now), Registered: c.Active(),
				Cancelled: c.Cancelled, Reminded: c.Reminded, CheckedIn: c.Attended(),
				Sandbox: ev.Location.Managed() && sandbox[ev.Location.AccountID]})
		}
		return nil
	})
	return out, err
}
