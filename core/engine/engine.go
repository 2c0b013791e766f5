// Package engine holds Turnout's use cases: what staff do with events,
// registrants and reports. Screens and the CLI call it; it reaches data only
// through core.Store, so everything it does is tested without a window.
package engine

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
)

// Engine runs the use cases. It is safe for concurrent use.
type Engine struct {
	store core.Store
	clock core.Clock
	log   *slog.Logger
	// mailer reaches the office's mail server (WithMailer).
	mailer core.Mailer
	loops  []loop
	prov   *providers  // set by WithProviders (accounts.go)
	oauth  *oauthState // set by WithOAuth (connect.go)
	// auto is set by WithAutoCheckIn (checkin_auto.go).
	auto *AutoCheckInOptions
	// changes tells subscribers what committed transactions wrote.
	changes *changeBus
	// trackCheck fetches the tracking address check (WithTrackCheckClient).
	trackCheck *http.Client
	// endpoint is the click endpoint's state while Serve runs it
	// (WithTracking); nil when this process runs none.
	endpoint *endpointState
	pace     mailPace // spaces outgoing mail to the sending profile (mail_pace.go)
	// sendMu lets one mail run at a time use the sent journal (mail_journal.go).
	sendMu sync.Mutex
	// mailAuth hands out the mail sign-in's tokens (mailsignin.go).
	mailAuth mailAuthState
}

// Option configures an Engine.
type Option func(*Engine)

// WithClock replaces the system clock (tests, demo data).
func WithClock(c core.Clock) Option { return func(e *Engine) { e.clock = c } }

// WithLogger sets where the engine logs. Logs never carry secrets.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithMailer replaces how the engine reaches the mail server (tests);
// the default is SMTP through core/mail.
func WithMailer(m core.Mailer) Option { return func(e *Engine) { e.mailer = m } }

// New returns an engine over a store.
func New(s core.Store, opts ...Option) *Engine {
	bus := newChangeBus(changeWindow)
	e := &Engine{store: changeStore{Store: s, bus: bus}, changes: bus, clock: core.SystemClock{},
		log: slog.New(slog.NewTextHandler(io.Discard, nil)), mailer: mail.SMTP}
	for _, o := range opts {
		o(e)
	}
	return e
}

// Now is the engine's idea of the current time.
func (e *Engine) Now() time.Time { return e.clock.Now() }

// Logger is where the engine logs; screens log to the same place.
func (e *Engine) Logger() *slog.Logger { return e.log }

// DataPath is where the data file lives.
func (e *Engine) DataPath() string { return e.store.Path() }

// Office returns the office settings.
func (e *Engine) Office(ctx context.Context) (o core.Office, err error) {
	err = e.store.View(ctx, func(tx core.Tx) error { o, err = tx.Office(); return err })
	return o, err
}

// SaveOffice validates and stores the office settings.
func (e *Engine) SaveOffice(ctx context.Context, o core.Office) (core.Office, error) {
	if err := o.Validate(); err != nil {
		return o, err
	}
	// The staff list changes only through AddStaff and RemoveStaff: a
	// settings form opened before an entry was added must not drop it.
	return o, e.store.Update(ctx, func(tx core.Tx) error {
		old, err := tx.Office()
		if err != nil {
			return err
		}
		o.Staff = old.Staff
		return tx.PutOffice(o)
	})
}
