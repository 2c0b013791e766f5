package engine

import (
	"context"
	"sync"
)

// loop is background work that runs while the app (or "turnout serve")
// runs: queue workers, schedulers, the click endpoint.
type loop struct {
	name string
	run  func(ctx context.Context)
}

// addLoop registers background work. Options call it when they give the
// engine something to drive (a mailer, providers, a tracking server).
func (e *Engine) addLoop(name string, run func(ctx context.Context)) {
	e.loops = append(e.loops, loop{name, run})
}

// Serve runs every registered background loop until ctx is cancelled and
// returns once all of them have stopped, so the store can be closed
// safely afterwards. Work in a persistent queue that a loop did not finish
// is picked up by the next Serve.
func (e *Engine) Serve(ctx context.Context) {
	var wg sync.WaitGroup
	for _, l := range e.loops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.log.Info("background work started", "loop", l.name)
			l.run(ctx)
			e.log.Info("background work stopped", "loop", l.name)
		}()
	}
	wg.Wait()
}
