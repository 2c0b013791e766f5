package engine

import (
	"context"
	"time"

	"github.com/turnout-app/turnout/core"
)

// AutoCheckInOptions tune the automatic check-in runs. Zero values take
// the defaults in brackets.
type AutoCheckInOptions struct {
	// After is how long after an event's scheduled end the first run
	// happens [30m].
	After time.Duration
	// Retry is the wait after a "not ready" or failed run; it doubles with
	// each further one up to MaxRetry [15m, 4h].
	Retry, MaxRetry time.Duration
	// Window is how far back runs (and the daily catch-up) look [7 days].
	Window time.Duration
	// DailyAt is the time of day (in the office zone, from midnight) of
	// the catch-up run over the last Window [3h].
	DailyAt time.Duration
	// Poll is how often the background loop looks for due runs [1m].
	Poll time.Duration
}

func (o *AutoCheckInOptions) defaults() {
	if o.After <= 0 {
		o.After = 30 * time.Minute
	}
	if o.Retry <= 0 {
		o.Retry = 15 * time.Minute
	}
	if o.MaxRetry <= 0 {
		o.MaxRetry = 4 * time.Hour
	}
	if o.Window <= 0 {
		o.Window = 7 * 24 * time.Hour
	}
	if o.DailyAt <= 0 {
		o.DailyAt = 3 * time.Hour
	}
	if o.Poll <= 0 {
		o.Poll = time.Minute
	}
}

// settingDailyCheckIn holds the day of the last daily catch-up.
const settingDailyCheckIn = "checkin.daily_last"

// WithAutoCheckIn makes Serve check events in automatically: after they
// end, again while the provider's report is not ready, on start-up for
// events that ended while Turnout was closed, and once a day for the last
// week (the provider may report more later).
func WithAutoCheckIn(o AutoCheckInOptions) Option {
	o.defaults()
	return func(e *Engine) {
		e.auto = &o
		e.addLoop("automatic check-in", e.runAutoCheckIn)
	}
}

func (e *Engine) runAutoCheckIn(ctx context.Context) {
	trigger := TriggerStartup
	t := time.NewTicker(e.auto.Poll)
	defer t.Stop()
	for {
		if n, err := e.runDueCheckIns(ctx, trigger); err != nil && ctx.Err() == nil {
			e.log.Warn("automatic check-in", "err", err)
		} else if n > 0 {
			e.log.Info("automatic check-in", "runs", n, "trigger", trigger)
		}
		trigger = TriggerAutomatic
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunDueCheckIns runs the automatic check-ins that are due now and
// returns how many ran: events that ended at least After ago (within
// Window) and have no complete run yet, unless their last "not ready"
// run is too recent; and, once a day after DailyAt, every event of the
// window again. The background loop calls it every Poll; without
// WithAutoCheckIn the defaults apply.
func (e *Engine) RunDueCheckIns(ctx context.Context) (int, error) {
	return e.runDueCheckIns(ctx, TriggerAutomatic)
}

func (e *Engine) runDueCheckIns(ctx context.Context, trigger string) (int, error) {
	o := AutoCheckInOptions{}
	if e.auto != nil {
		o = *e.auto
	}
	o.defaults()
	now := e.clock.Now()
	type due struct {
		id      core.ID
		trigger string
	}
	var todo []due
	daily := false
	var today string
	err := e.store.View(ctx, func(tx core.Tx) error {
		office, err := tx.Office()
		if err != nil {
			return err
		}
		local := now.In(office.Location())
		today = local.Format("2006-01-02")
		midnight := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, local.Location())
		last, err := tx.Setting(settingDailyCheckIn)
		if err != nil {
			return err
		}
		daily = string(last) != today && !local.Before(midnight.Add(o.DailyAt))
		events, err := tx.Events()
		if err != nil {
			return err
		}
		for _, ev := range events {
			if !ev.Location.Managed() || now.Before(ev.End().Add(o.After)) || ev.End().Before(now.Add(-o.Window)) {
				continue
			}
			if a, err := tx.Account(ev.Location.AccountID); err == nil && !a.Active {
				continue // an inactive account is never synced; its events wait until it is on again
			}
			var runs []core.CheckInRun
			if err := tx.CheckInRuns(ev.ID, func(r core.CheckInRun) error { runs = append(runs, r); return nil }); err != nil {
				return err
			}
			switch {
			case len(runs) == 0:
				todo = append(todo, due{ev.ID, trigger})
			case !runs[len(runs)-1].OK():
				failed := 0
				for i := len(runs) - 1; i >= 0 && !runs[i].OK(); i-- {
					failed++
				}
				wait := o.Retry << min(failed-1, 16)
				if wait > o.MaxRetry || wait <= 0 {
					wait = o.MaxRetry
				}
				if !now.Before(runs[len(runs)-1].At.Add(wait)) {
					todo = append(todo, due{ev.ID, trigger})
				}
			case daily:
				todo = append(todo, due{ev.ID, TriggerDaily})
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range todo {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		res, err := e.checkInEvent(ctx, d.id, d.trigger, nil)
		n++
		if err != nil {
			e.log.Warn("automatic check-in failed", "event", d.id, "err", err)
			continue
		}
		if res.NotReady {
			e.log.Info("participant report not ready; will retry", "event", d.id)
		}
	}
	if daily {
		err = e.store.Update(ctx, func(tx core.Tx) error { return tx.PutSetting(settingDailyCheckIn, []byte(today)) })
	}
	return n, err
}
