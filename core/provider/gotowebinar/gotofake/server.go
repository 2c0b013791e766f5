// Package gotofake is an emulator of the parts of the GoTo Webinar API v2
// that Turnout uses, written from the official OpenAPI spec and
// providers.md §2: OAuth (authorize, token with rotation), an organizer's
// webinars with time-range pages, registrants (201, 409, the DELETE rule
// for past webinars), held sessions and their attendees, co-organizers
// and panelists, GoTo's 403 for a bad token and its 429 over 10 requests
// a second without Retry-After. Keys are 64-bit and above 2^53; they are
// written exactly, as JSON numbers where the spec types them int64 and as
// strings where it types them string. Tests run it with httptest; the app
// runs it in-process as the GoTo Sandbox. Every answer carries
// "X-Emulator: Turnout Sandbox".
package gotofake

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Name is how the emulator introduces itself.
const Name = "Turnout Sandbox"

// Options shape the emulated organizer. Zero values take the defaults in
// brackets.
type Options struct {
	ClientID, ClientSecret string // [goto-sandbox-client, goto-sandbox-secret]
	// OrganizerKey and AccountKey are above 2^53 on purpose.
	OrganizerKey, AccountKey   int64         // [8439885694023999999, 7209878915730016262]
	Email, FirstName, LastName string        // [organizer@sandbox.turnout.invalid, Olivia, Organizer]
	TokenTTL                   time.Duration // [1h]
	CodeTTL                    time.Duration // [5m]
	// PerWindow requests are allowed in any Window (a sliding one) per
	// organizer: GoTo's 10 a second [10]; negative: unlimited.
	PerWindow int
	Window    time.Duration // [1s]
	// AddDelay slows every create-registrant answer (crash tests).
	AddDelay time.Duration
	Now      func() time.Time // [time.Now]
}

// Server is the emulator. Its methods script the organizer's webinars
// and read back what clients did.
type Server struct {
	opts Options

	mu       sync.Mutex
	webinars map[int64]*Webinar
	tokens   map[string]time.Time // access token → expiry
	codes    map[string]authCode
	refresh  map[string]bool
	recent   []time.Time // request times inside the rate window
	nextKey  int64
	auto     string // authorize page presses this button by itself
	stats    Stats
}

// Stats counts what clients did.
type Stats struct {
	Requests, AddCalls, Created, Conflicts, Deletes, TooMany, BadToken int
	Exchanges, Refreshes, InvalidGrants, Pages                         int
}

// Range is a start and end time.
type Range struct{ Start, End time.Time }

// Webinar is an emulated webinar. Type is single_session, series or
// sequence; a series is several Webinars sharing SeriesKey (GoTo gives
// each webinar of a series its own key), a sequence one Webinar with
// several Times.
type Webinar struct {
	Key          int64
	ID           string // the 9-digit webinar ID staff see
	Subject      string
	Description  string
	Type         string
	SeriesKey    int64
	Times        []Range
	TimeZone     string
	Cancelled    bool
	CoOrganizers []Person
	Panelists    []Person
	Registrants  []*Registrant
	Sessions     []*Session // held sessions, oldest first
}

// Person is a co-organizer or panelist.
type Person struct {
	Key                int64
	GivenName, Surname string
	Email              string
	External           bool
}

// Registrant is a person registered on the emulator.
type Registrant struct {
	Key                        int64
	FirstName, LastName, Email string
	Source                     string
	Status                     string // APPROVED, WAITING, DENIED
	JoinURL                    string
	Date                       time.Time
}

// Session is one held session of a webinar with its attendees.
type Session struct {
	Key       int64
	Start     time.Time
	End       time.Time
	Attendees []Attendee
}

// Attendee is someone who attended a session; every join is a Segment.
type Attendee struct {
	RegistrantKey              int64
	FirstName, LastName, Email string
	Segments                   []Range
}

// New returns an emulator.
func New(o Options) *Server {
	if o.ClientID == "" {
		o.ClientID, o.ClientSecret = "goto-sandbox-client", "goto-sandbox-secret"
	}
	if o.OrganizerKey == 0 {
		o.OrganizerKey = 8439885694023999999
	}
	if o.AccountKey == 0 {
		o.AccountKey = 7209878915730016262
	}
	if o.Email == "" {
		o.Email, o.FirstName, o.LastName = "organizer@sandbox.turnout.invalid", "Olivia", "Organizer"
	}
	if o.TokenTTL == 0 {
		o.TokenTTL = time.Hour
	}
	if o.CodeTTL == 0 {
		o.CodeTTL = 5 * time.Minute
	}
	if o.PerWindow == 0 {
		o.PerWindow = 10
	}
	if o.Window == 0 {
		o.Window = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Server{opts: o, webinars: map[int64]*Webinar{}, tokens: map[string]time.Time{},
		codes: map[string]authCode{}, refresh: map[string]bool{}, nextKey: 9007199254740993 * 500}
}

// ClientID and ClientSecret are the OAuth client the emulator accepts.
func (s *Server) ClientID() string     { return s.opts.ClientID }
func (s *Server) ClientSecret() string { return s.opts.ClientSecret }

// OrganizerKey is the emulated organizer's key.
func (s *Server) OrganizerKey() int64 { return s.opts.OrganizerKey }

// Email is the emulated organizer's address.
func (s *Server) Email() string { return s.opts.Email }

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// SetRate changes the rate limit: n requests per window (negative: none).
func (s *Server) SetRate(n int, window time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.opts.PerWindow, s.opts.Window, s.recent = n, window, nil
}

// ExpireTokens makes every access token invalid, as if an hour passed.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// Handler serves OAuth under /oauth, the API under /G2W/rest/v2 and the
// signed-in user under /identity/v1/Users/me.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.landing)
	mux.HandleFunc("GET /join/{rest...}", s.landing)
	mux.HandleFunc("GET /oauth/authorize", s.authorizePage)
	mux.HandleFunc("POST /oauth/authorize", s.authorizeDecision)
	mux.HandleFunc("POST /oauth/token", s.token)
	mux.HandleFunc("GET /identity/v1/Users/me", s.api(s.me))
	const org = "/G2W/rest/v2/organizers/{ok}"
	mux.HandleFunc("GET "+org+"/webinars", s.api(s.listWebinars))
	mux.HandleFunc("GET "+org+"/webinars/{wk}", s.api(s.getWebinar))
	mux.HandleFunc("GET "+org+"/webinars/{wk}/coorganizers", s.api(s.coorganizers))
	mux.HandleFunc("GET "+org+"/webinars/{wk}/panelists", s.api(s.panelists))
	mux.HandleFunc("POST "+org+"/webinars/{wk}/registrants", s.api(s.addRegistrant))
	mux.HandleFunc("GET "+org+"/webinars/{wk}/registrants", s.api(s.listRegistrants))
	mux.HandleFunc("GET "+org+"/webinars/{wk}/registrants/{rk}", s.api(s.getRegistrant))
	mux.HandleFunc("DELETE "+org+"/webinars/{wk}/registrants/{rk}", s.api(s.deleteRegistrant))
	mux.HandleFunc("GET "+org+"/webinars/{wk}/sessions", s.api(s.sessions))
	mux.HandleFunc("GET "+org+"/webinars/{wk}/sessions/{sk}/attendees", s.api(s.attendees))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Emulator", Name)
		mux.ServeHTTP(w, r)
	})
}

func (s *Server) landing(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, Name+": a local emulator of the GoTo Webinar API for tests and demos.")
	fmt.Fprintln(w, "It is not GoTo and contacts nobody. Nobody can join a webinar here.")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// apiErr writes GoTo's API error body (the spec documents none; this is
// the shape GoTo's gateway answers, providers.md §2.3).
func apiErr(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]string{"int_err_code": code, "msg": msg})
}

func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

// key hands out a fresh key above 2^53. Lock held.
func (s *Server) key() int64 {
	s.nextKey += 1_000_003
	return s.nextKey
}

// api wraps an endpoint with GoTo's token check (403, not 401) and its
// per-organizer rate limit (429 without Retry-After); the endpoint runs
// with the lock held.
func (s *Server) api(h func(w http.ResponseWriter, r *http.Request, now time.Time)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.stats.Requests++
		now := s.opts.Now()
		tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if exp, ok := s.tokens[tok]; !ok || !now.Before(exp) {
			s.stats.BadToken++
			apiErr(w, http.StatusForbidden, "InvalidToken", "Invalid token passed")
			return
		}
		if ok := r.PathValue("ok"); ok != "" && ok != strconv.FormatInt(s.opts.OrganizerKey, 10) {
			apiErr(w, http.StatusForbidden, "AccessDenied", "The organizer key does not belong to this token")
			return
		}
		if s.opts.PerWindow > 0 {
			keep := s.recent[:0]
			for _, t := range s.recent {
				if now.Sub(t) < s.opts.Window && !now.Before(t) {
					keep = append(keep, t)
				}
			}
			s.recent = keep
			if len(s.recent) >= s.opts.PerWindow {
				s.stats.TooMany++
				apiErr(w, http.StatusTooManyRequests, "TooManyRequests", "Too many requests")
				return
			}
			s.recent = append(s.recent, now)
		}
		h(w, r, now)
	}
}

// webinar finds the path's {wk}; a cancelled webinar is not found, as at
// GoTo. Lock held.
func (s *Server) webinar(w http.ResponseWriter, r *http.Request) (*Webinar, bool) {
	k, err := strconv.ParseInt(r.PathValue("wk"), 10, 64)
	if err != nil {
		apiErr(w, http.StatusBadRequest, "InvalidRequest", "The webinar key is not a number")
		return nil, false
	}
	wb := s.webinars[k]
	if wb == nil || wb.Cancelled {
		apiErr(w, http.StatusNotFound, "NotFound", "Webinar not found")
		return nil, false
	}
	return wb, true
}

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

func keyString(k int64) string { return strconv.FormatInt(k, 10) }
