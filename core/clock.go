package core

import "time"

// Clock tells the time; tests give the engine a fixed one.
type Clock interface{ Now() time.Time }

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns the current time.
func (SystemClock) Now() time.Time { return time.Now() }

// ClockShiftEnv names the variable that moves the whole calendar of a run by
// a Go duration ("8784h" is a year ahead). It exists for the test suite:
// `make test` runs the command line a second time a year ahead, so a test
// that hides a literal date fails today instead of on that date.
const ClockShiftEnv = "TURNOUT_TEST_CLOCK_SHIFT"

// ShiftedClock is the real clock moved by a fixed offset (see ClockShiftEnv).
type ShiftedClock struct{ By time.Duration }

// Now returns the current time moved by the offset.
func (c ShiftedClock) Now() time.Time { return time.Now().Add(c.By) }
