package ringcentral

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// pacer keeps one account's Heavy-group requests within RingCentral's
// limit without drawing a 429: one request at a time, and none while the
// last answer said the window is used up (X-Rate-Limit-Remaining 0) until
// that window has passed, or during a penalty (Retry-After). Interactive
// callers are served before bulk ones, so a check-in waits at most one
// window behind a long push, never behind the whole push.
type pacer struct {
	mu        sync.Mutex
	busy      bool
	queues    [2][]*turn // [0] interactive, [1] bulk
	until     time.Time  // no request before this
	windowEnd time.Time  // when the current window is over (our conservative estimate)
	timer     *time.Timer
	now       func() time.Time
	// Penalty429 is the wait after a 429 without Retry-After.
	penalty429 time.Duration
}

type turn struct {
	ch      chan struct{}
	granted bool
}

// margin is added to every wait for a window: the server's clock and ours
// need not agree to the millisecond.
func margin(window time.Duration) time.Duration { return window/100 + 5*time.Millisecond }

func newPacer(now func() time.Time) *pacer {
	return &pacer{now: now, penalty429: 30 * time.Second}
}

// acquire waits for this caller's turn to send one request.
func (p *pacer) acquire(ctx context.Context, bulk bool) error {
	q := 0
	if bulk {
		q = 1
	}
	t := &turn{ch: make(chan struct{})}
	p.mu.Lock()
	p.queues[q] = append(p.queues[q], t)
	p.dispatchLocked()
	p.mu.Unlock()
	select {
	case <-t.ch:
		return nil
	case <-ctx.Done():
		p.mu.Lock()
		if t.granted {
			p.mu.Unlock()
			p.release(nil, time.Time{})
			return ctx.Err()
		}
		for i, x := range p.queues[q] {
			if x == t {
				p.queues[q] = append(p.queues[q][:i], p.queues[q][i+1:]...)
				break
			}
		}
		p.mu.Unlock()
		return ctx.Err()
	}
}

// dispatchLocked hands the turn to the first interactive caller, else the
// first bulk one, when no request is in flight and the limit allows.
func (p *pacer) dispatchLocked() {
	if p.busy {
		return
	}
	q := 0
	if len(p.queues[0]) == 0 {
		q = 1
	}
	if len(p.queues[q]) == 0 {
		return
	}
	if wait := p.until.Sub(p.now()); wait > 0 {
		if p.timer == nil {
			p.timer = time.AfterFunc(wait, func() {
				p.mu.Lock()
				p.timer = nil
				p.dispatchLocked()
				p.mu.Unlock()
			})
		}
		return
	}
	t := p.queues[q][0]
	p.queues[q] = p.queues[q][1:]
	p.busy, t.granted = true, true
	close(t.ch)
}

// release ends a turn, learning from the answer's rate-limit headers
// (resp nil: nothing was sent or no answer came).
func (p *pacer) release(resp *http.Response, received time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.busy = false
	if resp != nil {
		p.learnLocked(resp, received)
	}
	p.dispatchLocked()
}

func (p *pacer) learnLocked(resp *http.Response, received time.Time) {
	h := resp.Header
	window := time.Duration(atoi(h.Get("X-Rate-Limit-Window"), 60)) * time.Second
	if resp.StatusCode == http.StatusTooManyRequests {
		wait := p.penalty429
		if ra := atoi(h.Get("Retry-After"), -1); ra >= 0 {
			wait = time.Duration(ra) * time.Second
		}
		p.until = received.Add(wait + margin(window))
		p.windowEnd = time.Time{}
		return
	}
	remaining, limit := atoi(h.Get("X-Rate-Limit-Remaining"), -1), atoi(h.Get("X-Rate-Limit-Limit"), -1)
	if remaining < 0 {
		return // no headers: nothing to learn
	}
	// A window starts with the first request after the last one ended;
	// the server received it no later than we saw its answer, so a window
	// counted from here ends no earlier than the server's.
	if remaining == limit-1 || !p.windowEnd.After(received) {
		p.windowEnd = received.Add(window)
	}
	if remaining == 0 {
		p.until = p.windowEnd.Add(margin(window))
	} else {
		p.until = time.Time{}
	}
}

func atoi(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}
