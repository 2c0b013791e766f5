package engine

import (
	"context"
	"errors"
	"time"

	"github.com/turnout-app/turnout/core"
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
	// BatchSize is how many messages one SendQueuedMailWith sends before
	// its connections are closed and new ones opened (default 500).
	BatchSize int
	// Connections overrides the sending profile's number of connections
	// (1 to 3; 0 means the profile's).
	Connections int
	// Sleep waits d, or returns false when ctx ends first; tests with an
	// injected clock move the clock instead. Default: a timer.
	Sleep func(ctx context.Context, d time.Duration) bool
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
	if o.Sleep == nil {
		o.Sleep = sleep
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
		case !sum.PausedUntil.IsZero():
			// The day's limit is used up: look again now and then, so
			// a changed profile or a new day takes effect.
			wait = max(o.Poll, time.Minute)
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

// SendQueuedMail sends the due messages of the mail outbox now, with the
// default options (see SendQueuedMailWith).
func (e *Engine) SendQueuedMail(ctx context.Context) (MailSummary, error) {
	return e.SendQueuedMailWith(ctx, MailOptions{})
}

// SendQueuedMailWith sends the due messages of the mail outbox (up to
// BatchSize) over the sending profile's connections, paced to its limits,
// then returns. Each connection has at most one message whose outcome is
// not yet written, so a crash can repeat at most one message per
// connection. A message found in flight at start (the process died while
// sending it) is sent again, unless the sent journal says the server had
// accepted it (mail_journal.go). While the day's limit holds the outbox,
// nothing is sent and the summary says until when.
func (e *Engine) SendQueuedMailWith(ctx context.Context, o MailOptions) (MailSummary, error) {
	ctx = withChangeKind(ctx, core.ChangeReminders)
	o = o.withDefaults()
	if o.Mailer == nil {
		o.Mailer = e.mailer
	}
	// One run at a time: the sent journal and the claims are the run's.
	e.sendMu.Lock()
	defer e.sendMu.Unlock()
	r := &sendRun{e: e, ctx: ctx, o: o, claimed: map[core.ID]bool{}, stopped: make(chan struct{})}
	if r.journal = e.openSentJournal(); r.journal != nil {
		defer r.journal.Close()
		if err := e.recoverSent(ctx, r.journal); err != nil {
			return r.sum, err
		}
	}
	if err := e.store.View(ctx, func(tx core.Tx) (err error) {
		if r.cfg, err = readMailConfig(tx); err != nil {
			return err
		}
		r.day, err = readMailDay(tx, e.clock.Now())
		return err
	}); err != nil {
		return r.sum, err
	}
	if err := e.readyToSend(&r.cfg); err != nil { // the mail waits until staff type the password or sign in again
		return r.sum, err
	}
	if !r.day.PausedUntil.IsZero() {
		r.sum.PausedUntil, r.sum.Paused = r.day.PausedUntil, pauseWords(r.day)
		return r.sum, e.store.View(ctx, func(tx core.Tx) error { return e.countRemaining(tx, &r.sum) })
	}
	if err := e.ensureTrackSecret(ctx); err != nil {
		return r.sum, err
	}
	r.prof = r.cfg.SendingProfile()
	conns := r.prof.Connections
	if o.Connections > 0 {
		conns = min(o.Connections, core.MaxMailConnections)
	}
	r.run(max(conns, 1))
	if err := r.finish(); err != nil {
		return r.sum, err
	}
	switch {
	case errors.Is(r.err, errNoMailServer):
		return r.sum, core.Errorf(core.EINVALID, "Reminders are waiting but the mail server is not set up. Enter it in the mail settings (or run \"turnout mail set\").")
	case r.err != nil:
		return r.sum, r.err
	case r.sum.Sent+r.sum.Failed+r.sum.Retry == 0 && ctx.Err() != nil:
		return r.sum, ctx.Err()
	}
	return r.sum, nil
}

var (
	errNoMailServer = errors.New("engine: no mail server")
	errStopScan     = errors.New("engine: stop scan")
)

func (e *Engine) countRemaining(tx core.Tx, sum *MailSummary) error {
	sum.Remaining = 0
	return tx.Jobs(core.QueueMail, func(core.Job) error { sum.Remaining++; return nil })
}
