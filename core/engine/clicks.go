package engine

import (
	"context"
	"net"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/track"
)

// TrackOptions tune the click endpoint.
type TrackOptions struct {
	// Listener, when set, is used instead of listening on the address in
	// the settings (tests).
	Listener net.Listener
	// Limits passed to the endpoint; zero values take track's defaults.
	Rate     float64
	Burst    int
	MaxBatch int
	// Retry is how long to wait before listening again when the address
	// is taken (default 30 s).
	Retry time.Duration
	// Started, when set, is told the address the endpoint listens on.
	Started func(addr string)
}

// WithTracking makes Serve run the click endpoint.
func WithTracking(o TrackOptions) Option {
	return func(e *Engine) {
		if o.Retry <= 0 {
			o.Retry = 30 * time.Second
		}
		e.endpoint = &endpointState{}
		e.addLoop("click endpoint", func(ctx context.Context) { e.runClickEndpoint(ctx, o) })
	}
}

func (e *Engine) runClickEndpoint(ctx context.Context, o TrackOptions) {
	for ctx.Err() == nil {
		err := e.ServeClicks(ctx, o)
		if err == nil || ctx.Err() != nil {
			return
		}
		e.endpoint.failed(err, o.Retry)
		e.log.Error("click endpoint stopped", "err", err)
		if !sleep(ctx, o.Retry) {
			return
		}
	}
}

// ServeClicks runs the click endpoint until ctx is cancelled.
func (e *Engine) ServeClicks(ctx context.Context, o TrackOptions) error {
	if err := e.ensureTrackSecret(ctx); err != nil {
		return err
	}
	id, err := e.InstanceID(ctx)
	if err != nil {
		return err
	}
	var (
		ts TrackSettings
		sg *track.Signer
	)
	if err := e.store.View(ctx, func(tx core.Tx) (err error) {
		if ts, err = readTrackSettings(tx); err != nil {
			return err
		}
		sg, err = signer(tx, false)
		return err
	}); err != nil {
		return err
	}
	ln := o.Listener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", ts.Listen); err != nil {
			return listenError(ts.Listen, err)
		}
	}
	if e.endpoint != nil {
		e.endpoint.listening()
	}
	if o.Started != nil {
		o.Started(ln.Addr().String())
	}
	e.log.Info("click endpoint listening", "addr", ln.Addr().String(), "base_url", ts.BaseURL)
	proxies, err := ts.ProxyPrefixes()
	if err != nil {
		return err
	}
	srv := track.New(sg, newClickBackend(e), track.Config{Rate: o.Rate, Burst: o.Burst, MaxBatch: o.MaxBatch,
		Now: e.clock.Now, Log: e.log, InstanceID: id, TrustedProxies: proxies})
	return srv.Serve(ctx, ln)
}

// ClickServer returns the endpoint on this engine (tests,
// benchmarks); Close the server when done.
func (e *Engine) ClickServer(ctx context.Context, cfg track.Config) (*track.Server, error) {
	if err := e.ensureTrackSecret(ctx); err != nil {
		return nil, err
	}
	var sg *track.Signer
	if err := e.store.View(ctx, func(tx core.Tx) (err error) { sg, err = signer(tx, false); return err }); err != nil {
		return nil, err
	}
	if cfg.InstanceID == "" {
		id, err := e.InstanceID(ctx)
		if err != nil {
			return nil, err
		}
		cfg.InstanceID = id
	}
	if cfg.Now == nil {
		cfg.Now = e.clock.Now
	}
	if cfg.Log == nil {
		cfg.Log = e.log
	}
	return track.New(sg, newClickBackend(e), cfg), nil
}

// TrackedLink returns a registrant's link as emails carry it: the
// tracked link, or the join link while the tracking address is not
// proven (TrackingStatus says why).
func (e *Engine) TrackedLink(ctx context.Context, eventID, registrantID core.ID) (string, error) {
	if err := e.ensureTrackSecret(ctx); err != nil {
		return "", err
	}
	var l string
	err := e.store.View(ctx, func(tx core.Tx) error {
		ts, err := readTrackSettings(tx)
		if err != nil {
			return err
		}
		ev, err := tx.Event(eventID)
		if err != nil {
			return err
		}
		r, err := tx.Registrant(eventID, registrantID)
		if err != nil {
			return err
		}
		l, err = link(tx, e.whileEndpointDown(ts), ev, r, false)
		return err
	})
	return l, err
}

// clickBackend gives the endpoint the store through the engine.
type clickBackend struct {
	e  *Engine
	mu sync.Mutex
	// events caches each event's join URL for eventCacheTTL: during a
	// burst of clicks only the registrant is read for each one.
	events map[core.ID]cachedEvent
}

type cachedEvent struct {
	loc core.Location
	at  time.Time
}

const eventCacheTTL = 2 * time.Second

func newClickBackend(e *Engine) *clickBackend {
	return &clickBackend{e: e, events: map[core.ID]cachedEvent{}}
}

// Destination is the registrant's join link, read from the store.
func (b *clickBackend) Destination(ctx context.Context, eventID, registrantID core.ID) (dest string, err error) {
	now := time.Now()
	b.mu.Lock()
	c, ok := b.events[eventID]
	b.mu.Unlock()
	fresh := ok && now.Sub(c.at) < eventCacheTTL
	err = b.e.store.View(ctx, func(tx core.Tx) error {
		r, err := tx.Registrant(eventID, registrantID)
		if err != nil {
			return err
		}
		if !r.Active() {
			return track.ErrCancelled
		}
		if !fresh {
			ev, err := tx.Event(eventID)
			if err != nil {
				return err
			}
			c = cachedEvent{loc: ev.Location, at: now}
		}
		dest = mail.JoinURL(core.Event{Location: c.loc}, r)
		return nil
	})
	if err == nil && !fresh {
		b.mu.Lock()
		if len(b.events) > 1000 {
			clear(b.events)
		}
		b.events[eventID] = c
		b.mu.Unlock()
	}
	return dest, err
}

// RecordClicks records clicks in one transaction.
func (b *clickBackend) RecordClicks(ctx context.Context, clicks []core.Click) error {
	return b.e.RecordClicks(ctx, clicks)
}

// RecordClicks stores a batch of clicks in one transaction: each goes to
// the click log, counts toward the registrant's clicks and, for a
// link-only event without a participant report (clicksImplyAttendance),
// is the implied check-in.
func (e *Engine) RecordClicks(ctx context.Context, clicks []core.Click) error {
	ctx = withChangeKind(ctx, core.ChangeCheckIn)
	return e.store.Update(ctx, func(tx core.Tx) error {
		events := map[core.ID]*core.Event{}
		implies := map[core.ID]bool{}
		for _, c := range clicks {
			ev, ok := events[c.EventID]
			if !ok {
				got, err := tx.Event(c.EventID)
				if core.ErrorCode(err) == core.ENOTFOUND {
					events[c.EventID] = nil
					continue
				} else if err != nil {
					return err
				}
				ev = &got
				events[c.EventID] = ev
				if implies[c.EventID], err = clicksImplyAttendance(tx, got); err != nil {
					return err
				}
			}
			if ev == nil {
				continue
			}
			r, err := tx.Registrant(c.EventID, c.RegistrantID)
			if core.ErrorCode(err) == core.ENOTFOUND {
				continue
			} else if err != nil {
				return err
			}
			if err := tx.AddClick(c); err != nil {
				return err
			}
			r.Clicks++
			if r.FirstClickAt.IsZero() || c.At.Before(r.FirstClickAt) {
				r.FirstClickAt = c.At
			}
			if r.CheckIn == nil && r.Active() && implies[c.EventID] && ev.ClickCountsAsAttendance(c.At) {
				r.CheckIn = &core.CheckIn{Source: core.SourceClick, At: c.At}
			}
			if err := tx.PutRegistrant(&r); err != nil {
				return err
			}
		}
		return nil
	})
}
