// Package rcfake is an emulator of the parts of the RingCentral Webinar
// API that Turnout uses (providers.md §3, rc-public-openapi.yml): OAuth
// (JWT bearer, authorization code with PKCE, refresh rotation, revoke),
// webinars and their sessions, invitees, the registration session
// (open or closed), registrants, and the history of who took part. Every
// webinar endpoint is in RingCentral's Heavy rate-limit group, with its
// headers and penalty; the window is an option so that tests run in
// seconds. Tests run it with httptest; the app runs it in-process as the
// RingCentral Sandbox. Every answer carries "X-Emulator: Turnout Sandbox".
package rcfake

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Name is how the emulator introduces itself.
const Name = "Turnout Sandbox"

// Options shape the emulated account; zero values take the defaults in
// brackets.
type Options struct {
	ClientID, ClientSecret string // [sandbox-rc-client, sandbox-rc-secret]
	JWT                    string // the JWT credential the token endpoint accepts [sandbox-rc-jwt.…]
	UserEmail              string // the JWT's service user and the host [host@sandbox.turnout.invalid]
	TokenTTL               time.Duration
	// HeavyLimit requests per Window per user in the Heavy group [10 per
	// 60 s]; a request beyond it draws a 429 and a Penalty [the Window]
	// that starts again with every request made during it.
	HeavyLimit int
	Window     time.Duration
	Penalty    time.Duration
	// AddDelay slows every registrant creation (crash tests).
	AddDelay time.Duration
	Now      func() time.Time // [time.Now]
}

// Server is the emulator. Its methods script the account (webinars,
// sessions, what happened in them) and read back what clients did.
type Server struct {
	opts Options

	mu       sync.Mutex
	seq      int
	webinars map[string]*Webinar
	sessions map[string]*Session
	tokens   map[string]token  // access token → owner and expiry
	limits   map[string]*limit // user → Heavy window
	stats    Stats
	oauth    oauthState
}

type token struct {
	user    string
	expires time.Time
}

type limit struct {
	start        time.Time
	n            int
	penaltyUntil time.Time
}

// Stats counts what clients did.
type Stats struct {
	Requests     int // webinar API requests
	Creates      int // POST …/registrants
	Deletes      int
	TooMany      int // 429 answers
	Unauthorized int
	TokenGrants  int
	JWTGrants    int
	Exchanges    int // authorization codes exchanged
	Refreshes    int
	Revocations  int
	Pages        int // authorize pages shown
}

// Webinar is an emulated webinar.
type Webinar struct {
	ID       string
	Title    string
	Sessions []*Session
}

// Session is one run of a webinar. Registration is per session.
type Session struct {
	ID, WebinarID    string
	Title            string
	Start            time.Time
	Duration         time.Duration
	TimeZone         string
	Status           string // Scheduled, Active, Finished
	RegistrationOpen bool
	Invitees         []Invitee
	Registrants      []*Registrant
	Participants     []Participant
}

// Invitee is a host, co-host or panelist of a session.
type Invitee struct {
	ID, Role, FirstName, LastName, Email string
}

// Registrant is a person registered for a session.
type Registrant struct {
	ID, FirstName, LastName, Email string
	ExternalID, Source             string
	JoinURI, CancellationURI       string
	ParticipantID                  string
	Created                        time.Time
}

// Participant is one device record of the session's history: earliest
// join and latest leave of that device.
type Participant struct {
	ID, FirstName, LastName, Email string
	Role, OriginalRole             string // Host, CoHost, Panelist, Attendee
	RegistrantID, InviteeID        string
	Join, Leave                    time.Time
}

// New returns an emulator.
func New(o Options) *Server {
	if o.ClientID == "" {
		o.ClientID, o.ClientSecret = "sandbox-rc-client", "sandbox-rc-secret"
	}
	if o.JWT == "" {
		o.JWT = "sandbox-rc-jwt.eyJzdWIiOiJzYW5kYm94In0.c2lnbmF0dXJl"
	}
	if o.UserEmail == "" {
		o.UserEmail = "host@sandbox.turnout.invalid"
	}
	if o.TokenTTL == 0 {
		o.TokenTTL = time.Hour
	}
	if o.HeavyLimit == 0 {
		o.HeavyLimit = 10
	}
	if o.Window == 0 {
		o.Window = time.Minute
	}
	if o.Penalty == 0 {
		o.Penalty = o.Window
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Server{opts: o, webinars: map[string]*Webinar{}, sessions: map[string]*Session{},
		tokens: map[string]token{}, limits: map[string]*limit{}}
}

// ClientID, ClientSecret and JWT are the credentials the emulator accepts.
func (s *Server) ClientID() string     { return s.opts.ClientID }
func (s *Server) ClientSecret() string { return s.opts.ClientSecret }
func (s *Server) JWT() string          { return s.opts.JWT }

// UserEmail is the emulated user (the host).
func (s *Server) UserEmail() string { return s.opts.UserEmail }

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Handler serves the emulated API.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.landing)
	mux.HandleFunc("GET /join/{rest...}", s.landing)
	s.oauthRoutes(mux)
	const cfg, reg = "/webinar/configuration/v1", "/webinar/registration/v1"
	mux.HandleFunc("GET "+cfg+"/webinars/{webinarId}", s.heavy(s.getWebinar))
	mux.HandleFunc("GET "+cfg+"/webinars/{webinarId}/sessions/{sessionId}", s.heavy(s.getSession))
	mux.HandleFunc("GET "+cfg+"/sessions", s.heavy(s.listSessions))
	mux.HandleFunc("GET "+cfg+"/webinars/{webinarId}/sessions/{sessionId}/invitees", s.heavy(s.listInvitees))
	mux.HandleFunc("GET "+reg+"/sessions/{sessionId}", s.heavy(s.getRegSession))
	mux.HandleFunc("PATCH "+reg+"/sessions/{sessionId}", s.heavy(s.patchRegSession))
	mux.HandleFunc("POST "+reg+"/sessions/{sessionId}/registrants", s.heavy(s.createRegistrant))
	mux.HandleFunc("GET "+reg+"/sessions/{sessionId}/registrants", s.heavy(s.listRegistrants))
	mux.HandleFunc("GET "+reg+"/sessions/{sessionId}/registrants/{registrantId}", s.heavy(s.getRegistrant))
	mux.HandleFunc("DELETE "+reg+"/sessions/{sessionId}/registrants/{registrantId}", s.heavy(s.deleteRegistrant))
	mux.HandleFunc("GET /webinar/history/v1/webinars/{webinarId}/sessions/{sessionId}/participants", s.heavy(s.listParticipants))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Emulator", Name)
		mux.ServeHTTP(w, r)
	})
}

func (s *Server) landing(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, Name+": a local emulator of the RingCentral Webinar API for tests and demos.")
	fmt.Fprintln(w, "It is not RingCentral and contacts nobody. Nobody can join a webinar here.")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// apiErr writes the Webinar API's error body.
func apiErr(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, map[string]any{"errors": []map[string]string{{"errorCode": code, "message": msg}}})
}

func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

// nextID hands out RingCentral-style numeric string IDs. Lock held.
func (s *Server) nextID() string {
	s.seq++
	return strconv.Itoa(700000000 + s.seq)
}

func seconds(d time.Duration) string { return strconv.Itoa(int(math.Ceil(d.Seconds()))) }

// heavy wraps a webinar endpoint with the bearer token check and the
// Heavy group's limit; the endpoint runs with the lock held.
func (s *Server) heavy(h func(w http.ResponseWriter, r *http.Request, now time.Time)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.stats.Requests++
		now := s.opts.Now()
		bearer, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		tok, ok := s.tokens[bearer]
		if !ok || !now.Before(tok.expires) {
			s.stats.Unauthorized++
			apiErr(w, http.StatusUnauthorized, "OAU-128", "Access token expired")
			return
		}
		lim := s.limits[tok.user]
		if lim == nil {
			lim = &limit{}
			s.limits[tok.user] = lim
		}
		hd := w.Header()
		hd.Set("X-Rate-Limit-Group", "heavy")
		hd.Set("X-Rate-Limit-Limit", strconv.Itoa(s.opts.HeavyLimit))
		hd.Set("X-Rate-Limit-Window", seconds(s.opts.Window))
		if now.Before(lim.penaltyUntil) || lim.n >= s.opts.HeavyLimit && now.Sub(lim.start) < s.opts.Window {
			// Over the limit, or asking again during the penalty: the
			// penalty starts over.
			lim.penaltyUntil = now.Add(s.opts.Penalty)
			s.stats.TooMany++
			hd.Set("X-Rate-Limit-Remaining", "0")
			hd.Set("Retry-After", seconds(s.opts.Penalty))
			apiErr(w, http.StatusTooManyRequests, "CMN-301", "Request rate exceeded")
			return
		}
		if now.Sub(lim.start) >= s.opts.Window || now.Before(lim.start) {
			lim.start, lim.n = now, 0
		}
		lim.n++
		hd.Set("X-Rate-Limit-Remaining", strconv.Itoa(s.opts.HeavyLimit-lim.n))
		h(w, r, now)
	}
}
