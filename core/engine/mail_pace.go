package engine

import (
	"context"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// settingMailDay keeps the daily sending counter, so a restart neither
// forgets what the day's limit already holds nor a pause it caused.
const settingMailDay = "mail.day"

// mailDay is the current window of the service's daily limit: a rolling
// day from its first message.
type mailDay struct {
	Start       time.Time `json:"start,omitzero"`
	Sent        int       `json:"sent,omitempty"`
	PausedUntil time.Time `json:"paused_until,omitzero"`
	Why         string    `json:"why,omitempty"`
}

// roll opens a new window once the old one is over, and lifts a pause
// whose time has come.
func (d *mailDay) roll(now time.Time) {
	if !d.Start.IsZero() && !now.Before(d.Start.Add(core.MailDayWindow)) {
		d.Start, d.Sent = time.Time{}, 0
	}
	if !d.PausedUntil.IsZero() && !now.Before(d.PausedUntil) {
		d.PausedUntil, d.Why = time.Time{}, ""
	}
}

// end is when the window reopens (a day from now if nothing was sent).
func (d mailDay) end(now time.Time) time.Time {
	if d.Start.IsZero() {
		return now.Add(core.MailDayWindow)
	}
	return d.Start.Add(core.MailDayWindow)
}

func (d *mailDay) count(now time.Time) {
	if d.Start.IsZero() {
		d.Start = now
	}
	d.Sent++
}

func readMailDay(tx core.Tx, now time.Time) (mailDay, error) {
	var d mailDay
	_, err := getJSONSetting(tx, settingMailDay, &d)
	d.roll(now)
	return d, err
}

// mailPace spaces the messages of every connection of this process: one
// every minute/PerMinute, and never more than PerMinute in any minute,
// and nothing while the server asked to slow down. It lives as long as
// the engine, so one batch after another keeps the pace.
type mailPace struct {
	mu        sync.Mutex
	next      time.Time   // the earliest time the next message may leave
	recent    []time.Time // when the last PerMinute messages left
	holdUntil time.Time   // after a throttling answer
}

// take claims the next slot at now, or says how long to wait for it.
func (p *mailPace) take(now time.Time, prof core.MailProfile) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Before(p.holdUntil) {
		return p.holdUntil.Sub(now)
	}
	if prof.PerMinute <= 0 {
		return 0
	}
	if now.Before(p.next) {
		return p.next.Sub(now)
	}
	if n := len(p.recent); n >= prof.PerMinute {
		if oldest := p.recent[n-prof.PerMinute]; now.Before(oldest.Add(time.Minute)) {
			return oldest.Add(time.Minute).Sub(now)
		}
	}
	p.recent = append(p.recent, now)
	if len(p.recent) > prof.PerMinute {
		p.recent = p.recent[len(p.recent)-prof.PerMinute:]
	}
	p.next = now.Add(prof.Gap())
	return 0
}

// hold stops every connection until t.
func (p *mailPace) hold(t time.Time) {
	p.mu.Lock()
	if t.After(p.holdUntil) {
		p.holdUntil = t
	}
	p.mu.Unlock()
}

// wait blocks until the pace lets the next message leave.
func (e *Engine) waitForSlot(ctx context.Context, o MailOptions, prof core.MailProfile) bool {
	for {
		d := e.pace.take(e.clock.Now(), prof)
		if d <= 0 {
			return ctx.Err() == nil
		}
		if !o.Sleep(ctx, d) {
			return false
		}
	}
}
