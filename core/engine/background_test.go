package engine

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

func TestServeRunsEveryLoopUntilCancelled(t *testing.T) {
	e := New(nil)
	var running, stopped atomic.Int32
	for _, name := range []string{"a", "b"} {
		e.addLoop(name, func(ctx context.Context) {
			running.Add(1)
			<-ctx.Done()
			stopped.Add(1)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { e.Serve(ctx); close(done) }()
	for running.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	if stopped.Load() != 2 {
		t.Fatalf("Serve returned with %d of 2 loops stopped", stopped.Load())
	}
}
