package engine

import (
	"errors"
	"fmt"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
)

// outcome is the result of sending one job.
type outcome struct {
	job core.Job
	err error
	// dial: the connection could not be opened, so nothing was sent.
	dial bool
}

// apply records the result of sending a job, in the committer's
// transaction; r.mu is held.
func (r *sendRun) apply(tx core.Tx, oc outcome) error {
	j := oc.job
	now := r.e.clock.Now()
	r.reserved--
	reg, rerr := tx.Registrant(j.EventID, j.RegistrantID)
	if rerr != nil && core.ErrorCode(rerr) != core.ENOTFOUND {
		return rerr
	}
	// waitAgain puts the job back untouched: it was no failure of the
	// message (the server asked to wait, or staff must act first).
	waitAgain := func(notBefore time.Time, why string) error {
		j.InFlightAt, j.NotBefore, j.LastError = time.Time{}, notBefore, why
		j.Attempts = max(j.Attempts-1, 0)
		return tx.PutJob(j)
	}
	var se *mail.SendError
	errors.As(oc.err, &se)
	switch {
	case oc.err == nil:
		r.sum.Sent++
		r.day.count(now)
		if err := tx.DeleteJob(j.Queue, j.ID); err != nil {
			return err
		}
		reg.Reminder = core.ReminderState{Status: core.ReminderSent, SentAt: now}
	case se != nil && se.Throttled():
		r.sum.Retry++
		wait := r.o.Backoff(1)
		r.e.pace.hold(now.Add(wait))
		if err := waitAgain(now.Add(wait), ""); err != nil {
			return err
		}
		r.e.log.Info("the mail server asked to slow down", "server", se.ServerWords(), "wait", wait)
		return nil // the registrant's reminder stays queued, with no error
	case se != nil && se.QuotaReached():
		r.sum.Retry++
		until := r.day.end(now)
		if err := waitAgain(until, ""); err != nil {
			return err
		}
		r.pauseForDay(now, se.Error())
		return nil
	case se != nil && se.StopsBatch():
		r.sum.Retry++
		why := core.ErrorMessage(se.UserError())
		if err := waitAgain(time.Time{}, why); err != nil {
			return err
		}
		reg.Reminder.Error = why
		r.stopLocked(se.UserError())
	case se != nil && !se.Transient():
		r.sum.Failed++
		if err := tx.DeleteJob(j.Queue, j.ID); err != nil {
			return err
		}
		reg.Reminder = core.ReminderState{Status: core.ReminderFailed, Error: se.ServerWords()}
		r.e.log.Warn("reminder refused for an address", "event", j.EventID, "registrant", j.RegistrantID, "server", se.ServerWords())
	default:
		if !oc.dial {
			r.sum.Retry++
		}
		j.InFlightAt = time.Time{}
		j.NotBefore = now.Add(r.o.Backoff(j.Attempts))
		j.LastError = core.ErrorMessage(userMailError(oc.err))
		if err := tx.PutJob(j); err != nil {
			return err
		}
		reg.Reminder.Error = j.LastError
	}
	if rerr != nil {
		return nil
	}
	return tx.PutRegistrant(&reg)
}

// pauseForDay holds the outbox until the day's window reopens and stops
// the batch; r.mu is held.
func (r *sendRun) pauseForDay(now time.Time, why string) {
	r.day.PausedUntil = r.day.end(now)
	r.day.Why = why
	r.sum.PausedUntil, r.sum.Paused = r.day.PausedUntil, pauseWords(r.day)
	r.e.log.Warn("mail paused for the daily limit", "until", r.day.PausedUntil, "sent", r.day.Sent)
	r.stopLocked(nil)
}

// pauseWords tells staff when the reminders go on.
func pauseWords(d mailDay) string {
	return fmt.Sprintf("%s Reminders go on at %s.", d.Why, d.PausedUntil.Local().Format("15:04 on Mon 2 Jan"))
}

func dayLimitWords(p core.MailProfile) string {
	return fmt.Sprintf("The day's %d messages allowed by %s are sent.", p.PerDay, p.Preset.Label())
}

// checkJob reports whether a claimed job should still be sent, with the
// registrant and event it reads (the message is composed from them); a
// job nobody should get any more is dropped (registrant gone or
// cancelled, event over), in the caller's transaction.
func (e *Engine) checkJob(tx core.Tx, j core.Job, now time.Time, sum *MailSummary) (*sendItem, error) {
	drop := func(r *core.Registrant, st core.ReminderStatus, why string) (*sendItem, error) {
		sum.Skipped++
		if err := tx.DeleteJob(j.Queue, j.ID); err != nil {
			return nil, err
		}
		if r == nil {
			return nil, nil
		}
		r.Reminder = core.ReminderState{Status: st, Error: why}
		return nil, tx.PutRegistrant(r)
	}
	if j.Kind != jobReminder {
		return drop(nil, "", "")
	}
	r, err := tx.Registrant(j.EventID, j.RegistrantID)
	if core.ErrorCode(err) == core.ENOTFOUND {
		return drop(nil, "", "")
	} else if err != nil {
		return nil, err
	}
	if !r.Active() {
		return drop(&r, core.ReminderSkipped, "Cancelled before the reminder was sent.")
	}
	ev, err := tx.Event(j.EventID)
	if core.ErrorCode(err) == core.ENOTFOUND {
		return drop(nil, "", "")
	} else if err != nil {
		return nil, err
	}
	if !now.Before(ev.End()) {
		return drop(&r, core.ReminderMissed, "The event was over before the reminder could be sent.")
	}
	return &sendItem{job: j, reg: r, ev: ev}, nil
}
