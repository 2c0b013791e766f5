package engine

import (
	"errors"
	"sync/atomic"
)

// pipe hands items to a second goroutine, in order and in batches, so that
// reading the store and writing a file use both cores of an office PC: a
// 100,000-row export spends about as long decoding as formatting.
type pipe[T any] struct {
	batches chan []T
	batch   []T
	done    chan error
	failed  atomic.Bool
}

const pipeBatch = 512

var errPipeStopped = errors.New("engine: pipe writer stopped")

// startPipe starts the goroutine that calls write for every item sent.
// After the first error it stops calling write and only drains.
func startPipe[T any](write func(T) error) *pipe[T] {
	p := &pipe[T]{batches: make(chan []T, 8), batch: make([]T, 0, pipeBatch), done: make(chan error, 1)}
	go func() {
		var err error
		for b := range p.batches {
			for _, item := range b {
				if err == nil {
					if err = write(item); err != nil {
						p.failed.Store(true)
					}
				}
			}
		}
		p.done <- err
	}()
	return p
}

// send queues an item. It fails once the writer has failed, so the reader
// can stop early; close returns the writer's error.
func (p *pipe[T]) send(item T) error {
	if p.failed.Load() {
		return errPipeStopped
	}
	p.batch = append(p.batch, item)
	if len(p.batch) == pipeBatch {
		p.batches <- p.batch
		p.batch = make([]T, 0, pipeBatch)
	}
	return nil
}

// close waits for the writer and returns its first error. The reader's
// own error, if any, takes precedence over errPipeStopped.
func (p *pipe[T]) close(readErr error) error {
	if len(p.batch) > 0 && readErr == nil {
		p.batches <- p.batch
	}
	close(p.batches)
	writeErr := <-p.done
	if readErr != nil && !errors.Is(readErr, errPipeStopped) {
		return readErr
	}
	return writeErr
}
