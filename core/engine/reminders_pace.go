package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/turnout-app/turnout/core"
)

// startMargin is added to a paced batch's span, for the polls of the
// scheduler and the outbox and for opening connections, so the last
// reminder leaves by the due time rather than on it.
const startMargin = time.Minute

// reminderStart is when an event's reminders start to leave: the due
// time (start − reminder lead), earlier by the time the sending profile
// needs for all of them, so the last one leaves by the due time.
func reminderStart(tx core.Tx, ev core.Event, prof core.MailProfile) (time.Time, int, error) {
	due := ev.ReminderAt()
	c, err := tx.RegistrantCounts(ev.ID)
	if err != nil {
		return due, 0, err
	}
	n := max(c.Active()-c.Reminded, 0)
	if span := prof.Span(n); span > 0 {
		return due.Add(-span - startMargin), n, nil
	}
	return due, n, nil
}

// sendingProfile reads the profile the outbox paces to.
func sendingProfile(tx core.Tx) (core.MailProfile, error) {
	cfg, err := readMailConfig(tx)
	return cfg.SendingProfile(), err
}

// ReminderPace says when an event's reminders leave and warns when the
// mail service's daily limit cannot carry them (the event view and
// "turnout remind" show it).
func (e *Engine) ReminderPace(ctx context.Context, eventID core.ID) (core.ReminderPace, error) {
	var p core.ReminderPace
	err := e.store.View(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(eventID)
		if err != nil {
			return err
		}
		p, err = e.reminderPace(tx, ev, 0)
		return err
	})
	return p, err
}

// reminderPace works out an event's pace; extra are registrants about
// to be added (an import's preview).
func (e *Engine) reminderPace(tx core.Tx, ev core.Event, extra int) (core.ReminderPace, error) {
	var p core.ReminderPace
	var err error
	if p.Profile, err = sendingProfile(tx); err != nil {
		return p, err
	}
	now := e.clock.Now()
	day, err := readMailDay(tx, now)
	if err != nil {
		return p, err
	}
	p.SentInWindow, p.PausedUntil = day.Sent, day.PausedUntil
	if !day.PausedUntil.IsZero() {
		p.PauseWhy = pauseWords(day)
		p.Warnings = append(p.Warnings, p.PauseWhy)
	}
	if ev.ReminderLead <= 0 || !now.Before(ev.End()) {
		return p, nil
	}
	p.DueAt = ev.ReminderAt()
	if p.StartAt, p.ToSend, err = reminderStart(tx, ev, p.Profile); err != nil {
		return p, err
	}
	p.ToSend += extra
	p.StartAt = p.DueAt.Add(-spanWithMargin(p.Profile, p.ToSend))
	office, err := tx.Office()
	if err != nil {
		return p, err
	}
	if p.SameDay, err = e.remindersOnDay(tx, ev, office.Location(), extra); err != nil {
		return p, err
	}
	limit := p.Profile.PerDay
	when := p.DueAt.In(office.Location()).Format("Mon 2 Jan")
	switch {
	case limit > 0 && p.ToSend > limit:
		p.Warnings = append(p.Warnings, fmt.Sprintf("%q has %d reminders to send, more than the %d a day %s allows: %d would leave a day later, after the event. Raise the limit in Settings → Mail if your plan allows more.",
			ev.Title, p.ToSend, limit, p.Profile.Preset.Label(), p.ToSend-limit))
	case limit > 0 && p.SameDay > limit:
		p.Warnings = append(p.Warnings, fmt.Sprintf("The reminders due on %s add up to %d across events, more than the %d a day %s allows: some would leave late. Move an event's reminder time, or raise the limit in Settings → Mail if your plan allows more.",
			when, p.SameDay, limit, p.Profile.Preset.Label()))
	}
	return p, nil
}

func spanWithMargin(prof core.MailProfile, n int) time.Duration {
	if span := prof.Span(n); span > 0 {
		return span + startMargin
	}
	return 0
}

// remindersOnDay counts the reminders still to send of every event whose
// reminders are due on the same day as ev's, in the office's time zone.
func (e *Engine) remindersOnDay(tx core.Tx, ev core.Event, loc *time.Location, extra int) (int, error) {
	y, m, d := ev.ReminderAt().In(loc).Date()
	evs, err := tx.Events()
	if err != nil {
		return 0, err
	}
	total := extra
	for _, o := range evs {
		if o.ReminderLead <= 0 {
			continue
		}
		if oy, om, od := o.ReminderAt().In(loc).Date(); oy != y || om != m || od != d {
			continue
		}
		c, err := tx.RegistrantCounts(o.ID)
		if err != nil {
			return 0, err
		}
		total += max(c.Active()-c.Reminded, 0)
	}
	return total, nil
}

// maxSpan bounds how early any batch can start: a day's worth of
// messages at the profile's pace (a day's limit or, without one, 100,000
// registrants). Events further off are not counted at every poll.
func maxSpan(prof core.MailProfile) time.Duration {
	n := prof.PerDay
	if n <= 0 {
		n = 100000
	}
	return spanWithMargin(prof, n)
}

// warnAboutMailLimits adds to an import's plan the warnings its
// registrants bring (extra: those not yet written, in a preview): more
// reminders than the mail service's daily limit.
func (e *Engine) warnAboutMailLimits(tx core.Tx, ev core.Event, plan *ImportPlan, extra int) error {
	p, err := e.reminderPace(tx, ev, extra)
	if err != nil {
		return err
	}
	for _, w := range p.Warnings {
		if w != p.PauseWhy {
			plan.Warnings = append(plan.Warnings, w)
		}
	}
	return nil
}
