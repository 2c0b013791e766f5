package engine

import (
	"errors"
	"fmt"
	"sync"
	"syscall"
	"time"

	"github.com/turnout-app/turnout/core"
)

// endpointState remembers why the click endpoint is not running, so the
// window can say so instead of leaving it to a log line: a port still
// held by a Turnout that is closing is the usual cause.
type endpointState struct {
	mu      sync.Mutex
	trouble string // "" while listening or not tried yet
}

func (s *endpointState) failed(err error, retry time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trouble = fmt.Sprintf("%s Turnout tries again every %s.", core.ErrorMessage(err), plainDuration(retry))
}

func (s *endpointState) listening() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.trouble = ""
}

// problem is why the endpoint is not running, or "".
func (s *endpointState) problem() string {
	if s == nil {
		return ""
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.trouble
}

// listenError says in office words why the endpoint cannot listen.
func listenError(addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return core.Errorf(core.EUNAVAILABLE, "Reminder clicks can't be counted: another program is using %s "+
			"(often a Turnout that is still closing, or a second Turnout). Close it, or choose another address "+
			"in Settings → Click tracking.", addr)
	}
	return core.Errorf(core.EUNAVAILABLE, "Reminder clicks can't be counted: Turnout cannot listen on %s. "+
		"Choose another address in Settings → Click tracking.", addr)
}

// plainDuration is d in words ("30 seconds", "2 minutes").
func plainDuration(d time.Duration) string {
	switch {
	case d >= time.Minute && d%time.Minute == 0:
		if d == time.Minute {
			return "minute"
		}
		return fmt.Sprintf("%d minutes", d/time.Minute)
	case d < time.Second:
		return d.String()
	}
	return fmt.Sprintf("%d seconds", d/time.Second)
}

// whileEndpointDown is ts as emails should use it now: while this
// process's click endpoint cannot run, tracked links would open nothing,
// so emails carry the direct join link until it runs again.
func (e *Engine) whileEndpointDown(ts TrackSettings) TrackSettings {
	if e.endpoint.problem() != "" {
		ts.DirectLinks = true
	}
	return ts
}
