package engine

import (
	"context"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// The change bus: after a transaction commits, the engine tells whoever
// subscribed (the window) what it changed, so screens show the mail
// outbox's and provider sync's progress without being reopened.

// changeWindow is how long a subscriber gathers changes before it is
// called: a burst (an outbox batch, an import) arrives as one call, and a
// screen still shows each change well within a second.
const changeWindow = 150 * time.Millisecond

// changeBus fans changes out to subscribers. Publishing only merges into
// each subscriber's pending set under a short lock: a slow subscriber
// never holds up the mail worker or the sync worker.
type changeBus struct {
	window time.Duration
	mu     sync.Mutex
	subs   map[*subscriber]struct{}
}

func newChangeBus(window time.Duration) *changeBus {
	return &changeBus{window: window, subs: map[*subscriber]struct{}{}}
}

// subscriber is one Subscribe call: its pending changes and the goroutine
// that delivers them.
type subscriber struct {
	fn      func([]core.Change)
	mu      sync.Mutex
	pending []core.Change // at most one per event, in the order first seen
	wake    chan struct{} // capacity 1: "something is pending"
	done    chan struct{}
}

// Subscribe calls fn with batches of changes saved from now on, until
// the returned function is called (see core.ChangeService).
func (e *Engine) Subscribe(fn func([]core.Change)) (unsubscribe func()) {
	return e.changes.subscribe(fn)
}

func (b *changeBus) subscribe(fn func([]core.Change)) func() {
	s := &subscriber{fn: fn, wake: make(chan struct{}, 1), done: make(chan struct{})}
	b.mu.Lock()
	b.subs[s] = struct{}{}
	b.mu.Unlock()
	go s.run(b.window)
	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			delete(b.subs, s)
			b.mu.Unlock()
			close(s.done)
		})
	}
}

// publish hands committed changes to every subscriber without waiting.
func (b *changeBus) publish(cs []core.Change) {
	if len(cs) == 0 {
		return
	}
	b.mu.Lock()
	subs := make([]*subscriber, 0, len(b.subs))
	for s := range b.subs {
		subs = append(subs, s)
	}
	b.mu.Unlock()
	for _, s := range subs {
		s.add(cs)
	}
}

func (s *subscriber) add(cs []core.Change) {
	s.mu.Lock()
	for _, c := range cs {
		s.merge(c)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default: // already woken; the pending set carries this too
	}
}

// merge folds c into the pending change of its event. IDs are copied:
// the published slice is shared by every subscriber.
func (s *subscriber) merge(c core.Change) {
	for i := range s.pending {
		if s.pending[i].EventID == c.EventID {
			s.pending[i].Merge(c)
			return
		}
	}
	own := c
	own.RegistrantIDs = append([]core.ID(nil), c.RegistrantIDs...)
	s.pending = append(s.pending, own)
}

func (s *subscriber) run(window time.Duration) {
	t := time.NewTimer(window)
	t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-s.wake:
		}
		// Gather what else arrives in the window, then deliver it all.
		t.Reset(window)
		select {
		case <-s.done:
			t.Stop()
			return
		case <-t.C:
		}
		s.mu.Lock()
		batch := s.pending
		s.pending = nil
		s.mu.Unlock()
		if len(batch) > 0 {
			s.fn(batch)
		}
	}
}

// changeKindKey marks a context with the kind of change its writes make
// (the mail worker's are reminder changes, the sync worker's sync ones).
type changeKindKey struct{}

func withChangeKind(ctx context.Context, k core.ChangeKind) context.Context {
	return context.WithValue(ctx, changeKindKey{}, k)
}

func changeKindOf(ctx context.Context) core.ChangeKind {
	k, _ := ctx.Value(changeKindKey{}).(core.ChangeKind)
	return k
}
