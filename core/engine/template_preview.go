package engine

import (
	"context"
	"errors"
	"slices"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
)

// PreviewReminderTemplates renders templates that are still being edited
// (placeholders or code) into the real reminder of a sample registrant:
// the first active registrant of the next event, or a made-up one when
// there is none. Nothing is stored; a mistake comes back as the error.
func (e *Engine) PreviewReminderTemplates(ctx context.Context, t core.MailTemplates) (core.TemplatePreview, error) {
	var in mail.Input
	var real bool
	err := e.store.View(ctx, func(tx core.Tx) (err error) { in, real, err = e.sampleReminderInput(tx); return err })
	if err != nil {
		return core.TemplatePreview{}, err
	}
	p := core.TemplatePreview{For: in.Registrant.Name() + ", registered for “" + in.Event.Title + "”"}
	if !real {
		p.For = "a made-up registrant (add registrants to an event to see one of yours)"
	}
	p.Message, err = mail.Compose(t, in)
	return p, err
}

var errFound = errors.New("found")

// sampleReminderInput is the reminder input of a sample registrant; real
// is false when the registrant is made up.
func (e *Engine) sampleReminderInput(tx core.Tx) (in mail.Input, real bool, err error) {
	office, err := tx.Office()
	if err != nil {
		return mail.Input{}, false, err
	}
	cfg, err := readMailConfig(tx)
	if err != nil {
		return mail.Input{}, false, err
	}
	events, err := tx.Events()
	if err != nil {
		return mail.Input{}, false, err
	}
	// Upcoming events first (soonest first), then past ones (latest first).
	now := e.clock.Now()
	var order []core.Event
	for _, ev := range events {
		if ev.End().After(now) {
			order = append(order, ev)
		}
	}
	for _, ev := range slices.Backward(events) {
		if !ev.End().After(now) {
			order = append(order, ev)
		}
	}
	for _, ev := range order {
		var r core.Registrant
		err := tx.Registrants(ev.ID, func(x core.Registrant) error {
			if x.Active() {
				r = x
				return errFound
			}
			return nil
		})
		if err != nil && !errors.Is(err, errFound) {
			return mail.Input{}, false, err
		}
		if r.ID == 0 {
			continue
		}
		ts, err := readTrackSettings(tx)
		if err != nil {
			return mail.Input{}, false, err
		}
		l, err := link(tx, ts, ev, r, false)
		if err != nil {
			return mail.Input{}, false, err
		}
		return mail.Input{Office: office, Event: ev, Registrant: r, Link: l, From: cfg.From, ReplyTo: cfg.ReplyTo, Now: now}, true, nil
	}
	in = mail.SampleInput(office)
	in.From, in.ReplyTo = cfg.From, cfg.ReplyTo
	return in, false, nil
}
