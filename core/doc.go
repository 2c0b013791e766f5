// Package core is Turnout's domain: the types staff work with (Office,
// Account, Event, Registrant, Participant, CheckIn, Reminder…), the small
// interfaces the engine needs from the outside (Store, Provider, Mailer,
// Clock), the services the screens and the command line use (one per
// area: events, registrants, check-in, reminders and mail, accounts and
// providers, settings, reports and exports), and user-safe errors
// (core.Error with a code and a message in office words).
//
// core uses the standard library only. The engine (core/engine)
// implements the services; adapters (core/mail, core/track, core/oauth,
// core/export, core/provider/...) implement the outside interfaces; the
// store package implements Store.
package core
