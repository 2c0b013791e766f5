package coretest

import (
	"os"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Clock is a clock tests set and move by hand; it is safe for the
// background loops that read it while a test moves it.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock stopped at t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Set stops the clock at t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Shift is the calendar shift of this run (core.ClockShiftEnv), zero when
// the variable is unset.
// A malformed value panics: a guard that silently runs unshifted would
// prove nothing.
func Shift() time.Duration {
	v := os.Getenv(core.ClockShiftEnv)
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		panic(core.ClockShiftEnv + ": " + err.Error())
	}
	return d
}

// Now is the time as code running on the real clock sees it in this run:
// the real time, moved by Shift. Tests that drive such code build their
// dates from it (Now().Add(48*time.Hour)), never from a literal.
func Now() time.Time { return time.Now().Add(Shift()) }
