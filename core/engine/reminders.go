package engine

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
)

// Reminder jobs in core.QueueMail.
const (
	jobReminder = "reminder"
	// rescanEvery is how often the scheduler looks again at an event whose
	// reminders are already queued, for people who registered since.
	rescanEvery = time.Minute
)

func reminderKey(eventID, registrantID core.ID) string {
	return fmt.Sprintf("reminder/%d/%d", eventID, registrantID)
}

func sweptKey(eventID core.ID) string {
	return "reminders.swept." + strconv.FormatUint(uint64(eventID), 10)
}
func scheduledKey(eventID core.ID) string {
	return "reminders.scheduled." + strconv.FormatUint(uint64(eventID), 10)
}

// queueReminder marks a registrant's reminder queued and enqueues the job,
// in the caller's transaction. It reports whether a job was added (false
// when one was already waiting).
func queueReminder(tx core.Tx, r *core.Registrant, now time.Time) (bool, error) {
	added, err := tx.Enqueue(&core.Job{Queue: core.QueueMail, Kind: jobReminder, EventID: r.EventID,
		RegistrantID: r.ID, Key: reminderKey(r.EventID, r.ID), CreatedAt: now})
	if err != nil {
		return false, err
	}
	r.Reminder = core.ReminderState{Status: core.ReminderQueued}
	return added, tx.PutRegistrant(r)
}

// ScheduleReminders is one pass of the scheduler: for every event whose
// reminder time has come (early enough that the sending profile's pace
// gets the last reminder out by the due time) it queues the reminder of each active registrant
// who has none yet, if the event has not started; once it has started,
// those reminders are marked missed instead (the app was closed at the due
// time). Each event's decisions and their outbox jobs are written in one
// transaction. It returns how many reminders were queued and missed.
func (e *Engine) ScheduleReminders(ctx context.Context) (queued, missed int, err error) {
	ctx = withChangeKind(ctx, core.ChangeReminders)
	now := e.clock.Now()
	var due []core.Event
	err = e.store.View(ctx, func(tx core.Tx) error {
		evs, err := tx.Events()
		if err != nil {
			return err
		}
		prof, err := sendingProfile(tx)
		if err != nil {
			return err
		}
		for _, ev := range evs {
			if ev.ReminderLead <= 0 || now.Before(ev.ReminderAt().Add(-maxSpan(prof))) {
				continue
			}
			// A large batch starts early enough for the last reminder to
			// leave by the due time.
			if start, _, err := reminderStart(tx, ev, prof); err != nil {
				return err
			} else if now.Before(start) {
				continue
			}
			if done, err := tx.Setting(sweptKey(ev.ID)); err != nil {
				return err
			} else if done != nil {
				continue
			}
			if !now.After(ev.Start) {
				if last, err := tx.Setting(scheduledKey(ev.ID)); err != nil {
					return err
				} else if t, perr := time.Parse(time.RFC3339Nano, string(last)); perr == nil && now.Sub(t) < rescanEvery && !t.After(now) {
					continue
				}
			}
			due = append(due, ev)
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	for _, ev := range due {
		q, m, err := e.scheduleEvent(ctx, ev.ID, now)
		if err != nil {
			return queued, missed, err
		}
		queued, missed = queued+q, missed+m
	}
	return queued, missed, nil
}

func (e *Engine) scheduleEvent(ctx context.Context, eventID core.ID, now time.Time) (queued, missed int, err error) {
	err = e.store.Update(ctx, func(tx core.Tx) error {
		queued, missed = 0, 0
		ev, err := tx.Event(eventID)
		if err != nil {
			return err
		}
		started := !now.Before(ev.Start)
		var todo []core.Registrant
		if err := tx.Registrants(eventID, func(r core.Registrant) error {
			if r.Active() && r.Reminder.Status == core.ReminderNone {
				todo = append(todo, r)
			}
			return nil
		}); err != nil {
			return err
		}
		for i := range todo {
			r := &todo[i]
			if started {
				r.Reminder = core.ReminderState{Status: core.ReminderMissed, Error: "Turnout was not running when the reminder was due, and the event had started when it opened again."}
				if err := tx.PutRegistrant(r); err != nil {
					return err
				}
				missed++
				continue
			}
			if _, err := queueReminder(tx, r, now); err != nil {
				return err
			}
			queued++
		}
		if started {
			return tx.PutSetting(sweptKey(eventID), []byte(ev.Start.Format(time.RFC3339)))
		}
		return tx.PutSetting(scheduledKey(eventID), []byte(now.Format(time.RFC3339Nano)))
	})
	if err == nil && (queued > 0 || missed > 0) {
		e.log.Info("reminders scheduled", "event", eventID, "queued", queued, "missed", missed)
	}
	return queued, missed, err
}

// Remind queues reminders now rather than at the due time. With neither
// option it queues them for active registrants who have not had one
// (never sent, or missed). It returns how many were queued; a registrant
// whose reminder already waits in the outbox is not queued twice.
func (e *Engine) Remind(ctx context.Context, eventID core.ID, o RemindOptions) (int, error) {
	ctx = withChangeKind(ctx, core.ChangeReminders)
	if err := e.ensureTrackSecret(ctx); err != nil {
		return 0, err
	}
	if o.Email != "" {
		r, err := e.RegistrantByEmail(ctx, eventID, o.Email)
		if err != nil {
			return 0, err
		}
		if err := e.Resend(ctx, eventID, r.ID); err != nil {
			return 0, err
		}
		return 1, nil
	}
	n := 0
	err := e.store.Update(ctx, func(tx core.Tx) error {
		n = 0
		ev, err := tx.Event(eventID)
		if err != nil {
			return err
		}
		now := e.clock.Now()
		if err := e.remindersOpen(ev); err != nil {
			return err
		}
		var todo []core.Registrant
		if err := tx.Registrants(eventID, func(r core.Registrant) error {
			st := r.Reminder.Status
			if r.Active() && (o.All || st == core.ReminderNone || st == core.ReminderMissed) {
				todo = append(todo, r)
			}
			return nil
		}); err != nil {
			return err
		}
		for i := range todo {
			added, err := queueReminder(tx, &todo[i], now)
			if err != nil {
				return err
			}
			if added {
				n++
			}
		}
		return nil
	})
	if err == nil {
		e.log.Info("reminders queued by hand", "event", eventID, "count", n, "all", o.All)
	}
	return n, err
}

// Resend queues the reminder of one registrant again.
func (e *Engine) Resend(ctx context.Context, eventID, registrantID core.ID) error {
	ctx = withChangeKind(ctx, core.ChangeReminders)
	if err := e.ensureTrackSecret(ctx); err != nil {
		return err
	}
	return e.store.Update(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(eventID)
		if err != nil {
			return err
		}
		if err := e.remindersOpen(ev); err != nil {
			return err
		}
		r, err := tx.Registrant(eventID, registrantID)
		if err != nil {
			return err
		}
		if !r.Active() {
			return core.Errorf(core.EINVALID, "%s has cancelled; re-register them before sending a reminder.", r.Email)
		}
		_, err = queueReminder(tx, &r, e.clock.Now())
		return err
	})
}

// ResendAll queues the reminder again for every active registrant.
func (e *Engine) ResendAll(ctx context.Context, eventID core.ID) (int, error) {
	return e.Remind(ctx, eventID, RemindOptions{All: true})
}

// PreviewReminder composes the exact reminder a registrant gets (same
// templates, settings and tracked link), without sending it.
func (e *Engine) PreviewReminder(ctx context.Context, eventID, registrantID core.ID) (core.MailMessage, error) {
	if err := e.ensureTrackSecret(ctx); err != nil {
		return core.MailMessage{}, err
	}
	var m core.MailMessage
	err := e.store.View(ctx, func(tx core.Tx) error {
		r, err := tx.Registrant(eventID, registrantID)
		if err != nil {
			return err
		}
		m, err = e.composeReminder(tx, r, false)
		return err
	})
	return m, err
}

// reminderKit is what every reminder is composed from, read once per
// batch of messages.
type reminderKit struct {
	office    core.Office
	cfg       core.MailSettings
	track     TrackSettings
	templates core.MailTemplates
}

func readReminderKit(tx core.Tx) (k reminderKit, err error) {
	if k.office, err = tx.Office(); err != nil {
		return k, err
	}
	if k.cfg, err = readMailConfig(tx); err != nil {
		return k, err
	}
	if k.track, err = readTrackSettings(tx); err != nil {
		return k, err
	}
	k.templates, err = readTemplates(tx)
	return k, err
}

// composeReminder renders a registrant's reminder inside a transaction.
func (e *Engine) composeReminder(tx core.Tx, r core.Registrant, create bool) (core.MailMessage, error) {
	ev, err := tx.Event(r.EventID)
	if err != nil {
		return core.MailMessage{}, err
	}
	kit, err := readReminderKit(tx)
	if err != nil {
		return core.MailMessage{}, err
	}
	return e.composeWith(tx, kit, ev, r, create)
}

// composeWith renders a registrant's reminder from a kit already read.
func (e *Engine) composeWith(tx core.Tx, kit reminderKit, ev core.Event, r core.Registrant, create bool) (core.MailMessage, error) {
	l, err := link(tx, e.whileEndpointDown(kit.track), ev, r, create)
	if err != nil {
		return core.MailMessage{}, err
	}
	return mail.Compose(kit.templates, mail.Input{Office: kit.office, Event: ev, Registrant: r, Link: l,
		From: kit.cfg.From, ReplyTo: kit.cfg.ReplyTo, Now: e.clock.Now()})
}

// SendTestEmail sends a short message through the stored mail settings
// and returns the problem in office words when it fails.
func (e *Engine) SendTestEmail(ctx context.Context, to string) error {
	to, err := core.NormalizeEmail(to)
	if err != nil {
		return err
	}
	var cfg core.MailSettings
	var office core.Office
	if err := e.store.View(ctx, func(tx core.Tx) (err error) {
		if cfg, err = readMailConfig(tx); err != nil {
			return err
		}
		office, err = tx.Office()
		return err
	}); err != nil {
		return err
	}
	if !cfg.Configured() {
		return core.Errorf(core.EINVALID, "The mail server is not set up yet. Enter it in the mail settings (or run \"turnout mail set\").")
	}
	if err := e.readyToSend(&cfg); err != nil { // the mail waits until staff type the password or sign in again
		return err
	}
	s, err := e.mailer.Dial(ctx, cfg)
	if err != nil {
		return userMailError(err)
	}
	defer s.Close()
	m := core.MailMessage{To: to, Subject: "Turnout test email from " + office.Name,
		Text: "This is a test email from Turnout. Reminders for your events will be sent through this mail server.\n"}
	if err := s.Send(m); err != nil {
		return userMailError(err)
	}
	e.log.Info("test email sent", "mail", cfg)
	return nil
}

func userMailError(err error) error {
	var se *mail.SendError
	if errors.As(err, &se) {
		return se.UserError()
	}
	return err
}

// RemindersOpen reports whether reminders can still go out for an event:
// until its scheduled end (the join link helps latecomers), not after.
func (e *Engine) RemindersOpen(ev core.Event) bool { return e.clock.Now().Before(ev.End()) }

func (e *Engine) remindersOpen(ev core.Event) error {
	if !e.RemindersOpen(ev) {
		return core.Errorf(core.EINVALID, "%q is over, so no reminder can be sent. Send a follow-up from the headcount's export instead.", ev.Title)
	}
	return nil
}
