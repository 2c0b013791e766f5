package engine

import (
	"context"
	"errors"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
)

// MailOptions tune the reminder scheduler and the mail outbox worker.
type MailOptions struct {
	// Mailer connects to the mail server; nil means the engine's (see
	// WithMailer).
	Mailer core.Mailer
	// Poll is how often the scheduler and the worker look for work
	// (default 5 s: reminders leave within seconds of their due time).
	Poll time.Duration
	// Backoff is the wait before retry n (1, 2, …) of a message that
	// failed for a passing reason. Default: 30 s doubling up to 1 h.
	Backoff func(attempt int) time.Duration
	// BatchSize is how many messages one connection carries before it is
	// closed and a new one opened (default 500).
	BatchSize int
}

func (o MailOptions) withDefaults() MailOptions {
	if o.Poll <= 0 {
		o.Poll = 5 * time.Second
	}
	if o.Backoff == nil {
		o.Backoff = DefaultBackoff
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	return o
}

// DefaultBackoff waits 30 s before the first retry, doubling up to an hour.
func DefaultBackoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}

// WithMail makes Serve run the reminder scheduler and the mail outbox
// worker.
func WithMail(o MailOptions) Option {
	return func(e *Engine) {
		o := o.withDefaults()
		e.addLoop("reminder scheduler", func(ctx context.Context) { e.runScheduler(ctx, o) })
		e.addLoop("mail outbox", func(ctx context.Context) { e.runMailOutbox(ctx, o) })
	}
}

func (e *Engine) runScheduler(ctx context.Context, o MailOptions) {
	if err := e.ensureTrackSecret(ctx); err != nil && ctx.Err() == nil {
		e.log.Error("making the click-tracking secret", "err", err)
	}
	for {
		if _, _, err := e.ScheduleReminders(ctx); err != nil && ctx.Err() == nil {
			e.log.Error("scheduling reminders", "err", err)
		}
		if !sleep(ctx, o.Poll) {
			return
		}
	}
}

func (e *Engine) runMailOutbox(ctx context.Context, o MailOptions) {
	wait := o.Poll
	for {
		sum, err := e.SendQueuedMailWith(ctx, o)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			// The server is down or the settings are wrong: wait longer
			// each time, up to the backoff's cap.
			e.log.Warn("mail outbox: cannot send now", "err", core.ErrorMessage(err))
			wait = min(2*max(wait, o.Poll), o.Backoff(10))
		case sum.Sent+sum.Failed+sum.Retry > 0 && sum.Remaining > 0:
			wait = 0 // more work right away
		default:
			wait = o.Poll
		}
		if !e.sleepOrResume(ctx, wait) { // a new mail sign-in wakes it (mailsignin.go)
			return
		}
	}
}

func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// outcome is the result of sending one job, applied in the transaction
// that marks the next job in flight.
type outcome struct {
	job core.Job
	err error
}

// SendQueuedMail sends the due messages of the mail outbox now, with the
// default options (see SendQueuedMailWith).
func (e *Engine) SendQueuedMail(ctx context.Context) (MailSummary, error) {
	return e.SendQueuedMailWith(ctx, MailOptions{})
}

// SendQueuedMailWith sends the due messages of the mail outbox over one
// kept-alive connection (up to BatchSize), then returns. Exactly one
// message is in flight at a time: the transaction that records a
// message's outcome also marks the next one in flight, so a crash can
// repeat at most that one message. A message found in flight at start
// (the process died while sending it) is sent again.
func (e *Engine) SendQueuedMailWith(ctx context.Context, o MailOptions) (MailSummary, error) {
	ctx = withChangeKind(ctx, core.ChangeReminders)
	o = o.withDefaults()
	if o.Mailer == nil {
		o.Mailer = e.mailer
	}
	var sum MailSummary
	var cfg core.MailSettings
	if err := e.store.View(ctx, func(tx core.Tx) (err error) { cfg, err = readMailConfig(tx); return err }); err != nil {
		return sum, err
	}
	if err := e.readyToSend(&cfg); err != nil { // the mail waits until staff type the password or sign in again
		return sum, err
	}
	var sess core.MailSession
	defer func() {
		if sess != nil {
			_ = sess.Close()
		}
	}()
	var prev *outcome
	for {
		if ctx.Err() != nil && prev == nil {
			return sum, ctx.Err()
		}
		var (
			job  core.Job
			msg  core.MailMessage
			have bool
		)
		stop := ctx.Err() != nil || sum.Sent+sum.Failed+sum.Retry >= o.BatchSize
		err := e.store.Update(context.WithoutCancel(ctx), func(tx core.Tx) error {
			have = false
			if prev != nil {
				if err := e.applyOutcome(tx, *prev, o, &sum); err != nil {
					return err
				}
			}
			if stop {
				return e.countRemaining(tx, &sum)
			}
			now := e.clock.Now()
			sum.Remaining = 0
			err := tx.Jobs(core.QueueMail, func(j core.Job) error {
				if have {
					sum.Remaining++
					return errStopScan // one is enough; the count is "more"
				}
				if !j.Due(now) {
					sum.Remaining++
					return nil
				}
				m, ok, err := e.prepareJob(tx, j, now, &sum)
				if err != nil || !ok {
					return err
				}
				if !cfg.Configured() {
					sum.Remaining++
					return errNoMailServer
				}
				j.InFlightAt = now
				j.Attempts++
				if err := tx.PutJob(j); err != nil {
					return err
				}
				job, msg, have = j, m, true
				return nil
			})
			if errors.Is(err, errStopScan) {
				return nil
			}
			return err
		})
		prev = nil
		if errors.Is(err, errNoMailServer) {
			return sum, core.Errorf(core.EINVALID, "Reminders are waiting but the mail server is not set up. Enter it in the mail settings (or run \"turnout mail set\").")
		}
		if err != nil || !have {
			return sum, err
		}
		if sess == nil {
			s, derr := o.Mailer.Dial(ctx, cfg)
			if derr != nil {
				// Nothing was sent: take the job out of flight untouched
				// but for the error, and let the caller back off.
				prev = &outcome{job: job, err: derr}
				if err := e.store.Update(context.WithoutCancel(ctx), func(tx core.Tx) error {
					return e.applyOutcome(tx, *prev, o, &sum)
				}); err != nil {
					return sum, err
				}
				sum.Retry--
				return sum, userMailError(derr)
			}
			sess = s
		}
		serr := sess.Send(msg)
		prev = &outcome{job: job, err: serr}
		var se *mail.SendError
		if errors.As(serr, &se) && se.Broken {
			_ = sess.Close()
			sess = nil
		}
	}
}

var (
	errNoMailServer = errors.New("engine: no mail server")
	errStopScan     = errors.New("engine: stop scan")
)

func (e *Engine) countRemaining(tx core.Tx, sum *MailSummary) error {
	sum.Remaining = 0
	return tx.Jobs(core.QueueMail, func(core.Job) error { sum.Remaining++; return nil })
}

// prepareJob composes a job's message; ok is false when the job was
// dropped (registrant gone or cancelled, event started).
func (e *Engine) prepareJob(tx core.Tx, j core.Job, now time.Time, sum *MailSummary) (core.MailMessage, bool, error) {
	drop := func(r *core.Registrant, st core.ReminderStatus, why string) (core.MailMessage, bool, error) {
		sum.Skipped++
		if err := tx.DeleteJob(j.Queue, j.ID); err != nil {
			return core.MailMessage{}, false, err
		}
		if r == nil {
			return core.MailMessage{}, false, nil
		}
		r.Reminder = core.ReminderState{Status: st, Error: why}
		return core.MailMessage{}, false, tx.PutRegistrant(r)
	}
	if j.Kind != jobReminder {
		return drop(nil, "", "")
	}
	r, err := tx.Registrant(j.EventID, j.RegistrantID)
	if core.ErrorCode(err) == core.ENOTFOUND {
		return drop(nil, "", "")
	} else if err != nil {
		return core.MailMessage{}, false, err
	}
	if !r.Active() {
		return drop(&r, core.ReminderSkipped, "Cancelled before the reminder was sent.")
	}
	ev, err := tx.Event(j.EventID)
	if core.ErrorCode(err) == core.ENOTFOUND {
		return drop(nil, "", "")
	} else if err != nil {
		return core.MailMessage{}, false, err
	}
	if !now.Before(ev.End()) {
		return drop(&r, core.ReminderMissed, "The event was over before the reminder could be sent.")
	}
	m, err := e.composeReminder(tx, r, true)
	if err != nil {
		// A broken template fails every message alike: keep the job for
		// when staff fix it.
		return core.MailMessage{}, false, err
	}
	return m, true, nil
}

// applyOutcome records the result of sending a job.
func (e *Engine) applyOutcome(tx core.Tx, oc outcome, o MailOptions, sum *MailSummary) error {
	j := oc.job
	now := e.clock.Now()
	r, rerr := tx.Registrant(j.EventID, j.RegistrantID)
	if rerr != nil && core.ErrorCode(rerr) != core.ENOTFOUND {
		return rerr
	}
	var se *mail.SendError
	switch {
	case oc.err == nil:
		sum.Sent++
		if err := tx.DeleteJob(j.Queue, j.ID); err != nil {
			return err
		}
		r.Reminder = core.ReminderState{Status: core.ReminderSent, SentAt: now}
	case errors.As(oc.err, &se) && !se.Transient():
		sum.Failed++
		if err := tx.DeleteJob(j.Queue, j.ID); err != nil {
			return err
		}
		r.Reminder = core.ReminderState{Status: core.ReminderFailed, Error: se.ServerWords()}
		e.log.Warn("reminder refused for an address", "event", j.EventID, "registrant", j.RegistrantID, "server", se.ServerWords())
	default:
		sum.Retry++
		j.InFlightAt = time.Time{}
		j.NotBefore = now.Add(o.Backoff(j.Attempts))
		j.LastError = core.ErrorMessage(userMailError(oc.err))
		if err := tx.PutJob(j); err != nil {
			return err
		}
		r.Reminder.Error = j.LastError
	}
	if rerr != nil {
		return nil
	}
	return tx.PutRegistrant(&r)
}
