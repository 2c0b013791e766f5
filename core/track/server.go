package track

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// ErrCancelled is what Backend.Destination returns for a registrant who
// cancelled: the link shows that instead of leading to the event, and
// the click is not counted.
var ErrCancelled = errors.New("registration cancelled")

// Backend is what the endpoint needs from the engine.
type Backend interface {
	// Destination returns where a registrant joins, read from the store.
	// An error with core.ENOTFOUND (or an empty URL) gives a 404;
	// ErrCancelled gives the "registration was cancelled" page.
	Destination(ctx context.Context, eventID, registrantID core.ID) (string, error)
	// RecordClicks stores clicks in one transaction.
	RecordClicks(ctx context.Context, clicks []core.Click) error
}

// Config tunes the endpoint. Zero values take the defaults.
type Config struct {
	// Rate and Burst limit bad requests (links that are not Turnout's)
	// per client address, a token bucket; TokenRate and TokenBurst limit
	// requests per link. A real link is never held back by its address,
	// so a crowd behind one proxy all gets through (limit.go). Rate < 0
	// turns both limits off (load tests).
	Rate       float64
	Burst      int
	TokenRate  float64
	TokenBurst int
	// TrustedProxies are the reverse proxies staff named: a request from
	// one of them is attributed to the address in X-Forwarded-For.
	TrustedProxies []netip.Prefix
	// MaxBatch bounds how many clicks one transaction records.
	MaxBatch int
	Now      func() time.Time
	Log      *slog.Logger
	// InstanceID is served at /turnout-id so Turnout can prove its
	// public address leads back to itself. It identifies the data
	// file; it is not a secret.
	InstanceID string
}

// InstancePath is where the endpoint answers with Config.InstanceID.
const InstancePath = "/turnout-id"

// Defaults of Config and of the HTTP server.
const (
	DefaultRate       = 5.0 // bad requests per second per address
	DefaultBurst      = 20
	DefaultTokenRate  = 1.0 // requests per second per link
	DefaultTokenBurst = 10
	DefaultMaxBatch   = 1000
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 10 * time.Second
	WriteTimeout      = 10 * time.Second
	IdleTimeout       = 60 * time.Second
	MaxHeaderBytes    = 8 << 10
	maxUserAgent      = 512
)

// Server is the click endpoint.
type Server struct {
	signer  *Signer
	backend Backend
	cfg     Config
	// badByAddr limits bad requests per client address, byToken
	// requests per link (nil: no limits).
	badByAddr *limiter
	byToken   *limiter
	clicks    chan pendingClick
	wg        sync.WaitGroup
	once      sync.Once
	stop      chan struct{}
}

// pendingClick is a click waiting for the writer, or (with done set) a
// Flush waiting for every click queued before it.
type pendingClick struct {
	click core.Click
	done  chan error
}

// New returns an endpoint; call Close (or let ListenAndServe return) to
// stop its click writer.
func New(signer *Signer, backend Backend, cfg Config) *Server {
	if cfg.Rate == 0 {
		cfg.Rate = DefaultRate
	}
	if cfg.Burst <= 0 {
		cfg.Burst = DefaultBurst
	}
	if cfg.TokenRate == 0 {
		cfg.TokenRate = DefaultTokenRate
	}
	if cfg.TokenBurst <= 0 {
		cfg.TokenBurst = DefaultTokenBurst
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = DefaultMaxBatch
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{signer: signer, backend: backend, cfg: cfg, clicks: make(chan pendingClick, 4*cfg.MaxBatch), stop: make(chan struct{})}
	if cfg.Rate > 0 {
		s.badByAddr = newLimiter(cfg.Rate, cfg.Burst, cfg.Now)
		s.byToken = newLimiter(cfg.TokenRate, cfg.TokenBurst, cfg.Now)
	}
	s.wg.Add(1)
	go s.writeClicks()
	return s
}

// Close stops the click writer after it has recorded every click it was
// given. Handlers must have returned (http.Server.Shutdown) before.
func (s *Server) Close() {
	s.once.Do(func() { close(s.stop) })
	s.wg.Wait()
}

// writeClicks records clicks in group commits: it takes every click that
// waits, up to MaxBatch, and records them in one transaction. While one
// commit runs the next batch gathers.
func (s *Server) writeClicks() {
	defer s.wg.Done()
	batch := make([]pendingClick, 0, s.cfg.MaxBatch)
	clicks := make([]core.Click, 0, s.cfg.MaxBatch)
	for {
		var first pendingClick
		select {
		case first = <-s.clicks:
		case <-s.stop:
			// Drain what is left, then stop.
			for {
				select {
				case first = <-s.clicks:
					s.commit([]pendingClick{first}, clicksOf(nil, first))
					continue
				default:
				}
				return
			}
		}
		batch, clicks = append(batch[:0], first), clicksOf(clicks[:0], first)
	gather:
		for len(batch) < s.cfg.MaxBatch {
			select {
			case p := <-s.clicks:
				batch, clicks = append(batch, p), clicksOf(clicks, p)
			default:
				break gather
			}
		}
		s.commit(batch, clicks)
	}
}

// clicksOf appends p's click, unless p is a Flush.
func clicksOf(clicks []core.Click, p pendingClick) []core.Click {
	if p.done != nil {
		return clicks
	}
	return append(clicks, p.click)
}

func (s *Server) commit(batch []pendingClick, clicks []core.Click) {
	var err error
	if len(clicks) > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err = s.backend.RecordClicks(ctx, clicks)
		cancel()
		if err != nil {
			s.cfg.Log.Error("recording clicks", "clicks", len(clicks), "err", err)
		}
	}
	for _, p := range batch {
		if p.done != nil {
			p.done <- err
		}
	}
}

// record queues a click for the writer. The person is redirected without
// waiting for the disk: the writer stores the click within milliseconds,
// and Close stores every queued click, so only a crash in those
// milliseconds can lose one. A full queue (the disk cannot keep up) makes
// requests wait rather than drop clicks.
func (s *Server) record(ctx context.Context, c core.Click) error {
	select {
	case s.clicks <- pendingClick{click: c}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Flush waits until every click queued before it is stored, and returns
// the error of the last commit it waited for.
func (s *Server) Flush(ctx context.Context) error {
	p := pendingClick{done: make(chan error, 1)}
	select {
	case s.clicks <- p:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-p.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Handler serves /j/TOKEN, /healthz, /turnout-id and a 404 for
// everything else.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		plain(w, http.StatusMethodNotAllowed, "Method not allowed.")
		return
	}
	path := r.URL.EscapedPath()
	if path == "/healthz" {
		plain(w, http.StatusOK, "ok")
		return
	}
	if path == InstancePath && s.cfg.InstanceID != "" {
		plain(w, http.StatusOK, s.cfg.InstanceID)
		return
	}
	token, ok := strings.CutPrefix(path, "/j/")
	if !ok {
		s.badRequest(w, r)
		return
	}
	eventID, registrantID, err := s.signer.Parse(token)
	if err != nil {
		s.badRequest(w, r)
		return
	}
	if s.byToken != nil && !s.byToken.allow(token) {
		tooMany(w)
		return
	}
	dest, err := s.backend.Destination(r.Context(), eventID, registrantID)
	if errors.Is(err, ErrCancelled) {
		plain(w, http.StatusGone, "Your registration for this event was cancelled, so this link no longer leads to it. "+
			"If you would like to attend, please contact the organiser.")
		return
	}
	if err != nil || !webURL(dest) {
		if err != nil && core.ErrorCode(err) != core.ENOTFOUND {
			s.cfg.Log.Error("click: reading the join link", "event", eventID, "registrant", registrantID, "err", err)
		}
		s.badRequest(w, r)
		return
	}
	if r.Method == http.MethodGet {
		// Link checkers use HEAD; only a GET is a person clicking.
		ua := r.UserAgent()
		if len(ua) > maxUserAgent {
			ua = ua[:maxUserAgent]
		}
		c := core.Click{EventID: eventID, RegistrantID: registrantID, At: s.cfg.Now().UTC(), UserAgent: ua}
		if err := s.record(r.Context(), c); err != nil {
			// The person still gets to the event; the log says what failed.
			s.cfg.Log.Error("click: recording", "event", eventID, "registrant", registrantID, "err", err)
		}
	}
	h.Set("Location", dest)
	w.WriteHeader(http.StatusFound)
}

// webURL reports whether u is an absolute http(s) address.
func webURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != ""
}

func plain(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	_, _ = io.WriteString(w, msg+"\n")
}

func notFound(w http.ResponseWriter) {
	plain(w, http.StatusNotFound, "This link is not valid. Please use the link from your most recent email, or contact the organiser.")
}

// HTTPServer returns an http.Server for the endpoint with Turnout's
// timeouts and header limit.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(s.cfg.Log.Handler(), slog.LevelDebug),
	}
}

// Serve serves on ln until ctx is cancelled, then shuts down gracefully
// (waiting for requests in progress and their clicks) and closes the
// click writer.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	var err error
	select {
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = hs.Shutdown(sctx)
		cancel()
		<-errc
	case err = <-errc:
	}
	s.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
