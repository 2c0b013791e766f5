// Package coretest holds what tests across Turnout share: clocks tests move
// by hand, the "now" of tests that drive code running on the real clock, and
// Excel workbooks built for import tests (XLSX, WriteRegistrantsXLSX).
//
// The real-clock tests (the command line in a child process, the desktop
// app) read the time through Now, which honours core.ClockShiftEnv exactly as
// the turnout binary does: `make test` runs them a second time with the
// calendar a year ahead, so a test that hides a literal date fails today
// instead of on that date.
package coretest
