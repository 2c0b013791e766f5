package main

// The providers Turnout speaks. Each adapter registers itself with the
// provider registry (core.Register) in its package's init, the way
// database/sql drivers do; the engine, the command line and the window
// only read the registry. Adding GoTo Webinar or RingCentral is a new
// folder under core/provider and one line here. Link-only providers
// (Vimeo, Teams, any other link) need no adapter and live in core.
import (
	_ "github.com/turnout-app/turnout/core/provider/gotowebinar"          // GoTo Webinar
	_ "github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake" // GoTo Webinar's Sandbox emulator
	_ "github.com/turnout-app/turnout/core/provider/ringcentral"          // RingCentral Webinar
	_ "github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"   // RingCentral's Sandbox emulator
	_ "github.com/turnout-app/turnout/core/provider/zoom"                 // Zoom
	_ "github.com/turnout-app/turnout/core/provider/zoom/zoomfake"        // Zoom's Sandbox emulator
)
