// Package zoomfake is the Turnout Sandbox: an emulator of the parts of the
// Zoom Meetings API that Turnout uses, with Zoom's answers, limits and
// quirks (providers.md §1.7). Tests run it with httptest; the app runs it
// in-process as the "Sandbox" provider so demos work offline; "turnout
// sandbox" serves it on a port. It never claims to be Zoom: every answer
// carries "X-Emulator: Turnout Sandbox".
package zoomfake

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

	"github.com/turnout-app/turnout/core"
)

// Name is how the emulator introduces itself.
const Name = "Turnout Sandbox"

// Label is a Zoom rate-limit class.
type Label int

const (
	Light Label = iota
	Medium
	Heavy
	labels
)

var labelNames = [...]string{"Light", "Medium", "Heavy"}

// Options shape the emulated account. Zero values take the defaults in
// brackets. Limits count requests per Window, so tests can shrink the
// window to run fast with the same semantics.
type Options struct {
	AccountID, ClientID, ClientSecret string        // [sandbox-account, sandbox-client, sandbox-secret]
	HostEmail                         string        // [host@sandbox.turnout.invalid]
	TokenTTL                          time.Duration // [1h]
	PageTokenTTL                      time.Duration // [15m]
	// PerWindow[label] requests are allowed per Window (0: unlimited).
	PerWindow [labels]int
	Window    time.Duration // [1s]
	// Daily[label] requests per UTC day (0: unlimited).
	Daily [labels]int
	// RegistrantAddsPerDay limits adds of one email to one event [3].
	RegistrantAddsPerDay int
	// StatusUpdatesPerDay limits status changes of one registrant [10].
	StatusUpdatesPerDay int
	// AddDelay slows every add-registrant answer (crash tests).
	AddDelay time.Duration
	// ReportUnavailable makes the report API refuse (code 200, as on a
	// free plan), so clients fall back to past_meetings.
	ReportUnavailable bool
	Now               func() time.Time // [time.Now]
}

// ProLight are the Pro plan's per-second limits.
var ProLimits = [labels]int{30, 20, 10}

// Server is the emulator. Its methods script the account (meetings, what
// happened in them) and read back what clients did.
type Server struct {
	opts Options

	mu         sync.Mutex
	tokens     map[string]time.Time
	meetings   map[int64]*Meeting
	pageTokens map[string]pageToken
	windows    [labels]struct {
		start time.Time
		n     int
	}
	daily     map[string]int // label|day → count
	adds      map[string]int // meeting|email|day → add calls
	statusUpd map[string]int
	stats     Stats
	user      userOAuth // user OAuth state (oauth.go)
}

// Stats counts what clients did.
type Stats struct {
	Requests     int
	AddCalls     int // POST .../registrants
	TokenGrants  int
	QPS429       int
	Daily429     int
	Unauthorized int
}

// Meeting is an emulated meeting or webinar.
type Meeting struct {
	ID           int64
	Kind         core.MeetingKind
	Topic        string
	Start        time.Time
	TimeZone     string
	Duration     time.Duration
	Password     string
	ApprovalType int // 0 automatic, 1 manual, 2 no registration
	Recurring    bool
	Panelists    []Panelist // webinars: staff, listed apart from registrants
	AltHosts     []string   // alternative hosts' emails: staff who may start it
	Registrants  []*Registrant
	Instances    []*Instance // held instances, oldest first
}

// Panelist is a webinar panelist.
type Panelist struct{ Name, Email string }

// Registrant is a person registered on the emulator.
type Registrant struct {
	ID        string
	Email     string
	FirstName string
	LastName  string
	Status    string // approved, pending, denied
	JoinURL   string
	Created   time.Time
}

// Instance is one held occurrence with its joins.
type Instance struct {
	UUID  string
	Start time.Time
	Joins []Join
}

// Join is one join segment: a rejoin is a second Join.
type Join struct {
	UserID       string
	Name         string
	Email        string // "" for guests whose address Zoom hides
	RegistrantID string // "" for people who did not register
	Join, Leave  time.Time
}

type pageToken struct {
	list    string
	offset  int
	created time.Time
}

// New returns an emulator.
func New(o Options) *Server {
	if o.AccountID == "" {
		o.AccountID, o.ClientID, o.ClientSecret = "sandbox-account", "sandbox-client", "sandbox-secret"
	}
	if o.HostEmail == "" {
		o.HostEmail = "host@sandbox.turnout.invalid"
	}
	if o.TokenTTL == 0 {
		o.TokenTTL = time.Hour
	}
	if o.PageTokenTTL == 0 {
		o.PageTokenTTL = 15 * time.Minute
	}
	if o.Window == 0 {
		o.Window = time.Second
	}
	if o.RegistrantAddsPerDay == 0 {
		o.RegistrantAddsPerDay = 3
	}
	if o.StatusUpdatesPerDay == 0 {
		o.StatusUpdatesPerDay = 10
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Server{opts: o, tokens: map[string]time.Time{}, meetings: map[int64]*Meeting{},
		pageTokens: map[string]pageToken{}, daily: map[string]int{}, adds: map[string]int{}, statusUpd: map[string]int{}}
}

// Credentials are the ones the emulator accepts.
func (s *Server) Credentials() core.Credentials {
	return core.Credentials{AccountID: s.opts.AccountID, ClientID: s.opts.ClientID, ClientSecret: s.opts.ClientSecret}
}

// HostEmail is the emulated host, who cannot register.
func (s *Server) HostEmail() string { return s.opts.HostEmail }

// AddMeeting adds or replaces a meeting or webinar.
func (s *Server) AddMeeting(m Meeting) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m.Kind == "" {
		m.Kind = core.KindMeeting
	}
	if m.TimeZone == "" {
		m.TimeZone = "UTC"
	}
	if old := s.meetings[m.ID]; old != nil && m.Registrants == nil {
		m.Registrants, m.Instances = old.Registrants, old.Instances
	}
	s.meetings[m.ID] = &m
}

// Hold records that an instance of a meeting took place with these joins.
func (s *Server) Hold(id int64, in Instance) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.meetings[id]; m != nil {
		m.Instances = append(m.Instances, &in)
	}
}

// RegistrantList returns a copy of a meeting's registrants.
func (s *Server) RegistrantList(id int64) []Registrant {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Registrant
	if m := s.meetings[id]; m != nil {
		for _, r := range m.Registrants {
			out = append(out, *r)
		}
	}
	return out
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// ExpireTokens makes every access token invalid (as if an hour passed).
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// ExpirePageTokens makes every next_page_token invalid.
func (s *Server) ExpirePageTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.pageTokens)
}

// Handler serves the emulated API under /v2 and OAuth under /oauth.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.landing)
	mux.HandleFunc("GET /j/{rest...}", s.landing)
	mux.HandleFunc("POST /oauth/token", s.token)
	s.userOAuthRoutes(mux)
	mux.HandleFunc("GET /v2/users/{user}/meetings", s.api(Medium, s.listMeetings(core.KindMeeting)))
	mux.HandleFunc("GET /v2/users/{user}/webinars", s.api(Medium, s.listMeetings(core.KindWebinar)))
	mux.HandleFunc("GET /v2/{kind}/{id}", s.api(Light, s.getMeeting))
	mux.HandleFunc("POST /v2/{kind}/{id}/registrants", s.api(Light, s.addRegistrant))
	mux.HandleFunc("GET /v2/{kind}/{id}/registrants", s.api(Medium, s.listRegistrants))
	mux.HandleFunc("PUT /v2/{kind}/{id}/registrants/status", s.api(Medium, s.registrantStatus))
	mux.HandleFunc("GET /v2/report/{kind}/{id}/participants", s.api(Heavy, s.participants(true)))
	mux.HandleFunc("GET /v2/{kind}/{id}/participants", s.api(Medium, s.participants(false)))
	mux.HandleFunc("GET /v2/{kind}/{id}/instances", s.api(Medium, s.instances))
	mux.HandleFunc("GET /v2/{kind}/{id}/panelists", s.api(Medium, s.panelists))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Emulator", Name)
		mux.ServeHTTP(w, r)
	})
}

func (s *Server) landing(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, Name+": a local emulator of the Zoom meetings API for tests and demos.")
	fmt.Fprintln(w, "It is not Zoom and contacts nobody. Nobody can join a meeting here.")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// zerr writes Zoom's error body.
func zerr(w http.ResponseWriter, status, code int, msg string) {
	writeJSON(w, status, map[string]any{"code": code, "message": msg})
}

func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

func nextMidnight(t time.Time) string {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC).Format(time.RFC3339)
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if g := r.FormValue("grant_type"); g == "authorization_code" || g == "refresh_token" {
		s.userToken(w, r) // oauth.go
		return
	}
	id, secret, ok := r.BasicAuth()
	_ = r.ParseForm()
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case !ok || id != s.opts.ClientID || secret != s.opts.ClientSecret:
		writeJSON(w, http.StatusBadRequest, map[string]string{"reason": "Invalid client_id or client_secret", "error": "invalid_client"})
	case r.Form.Get("grant_type") != "account_credentials":
		writeJSON(w, http.StatusBadRequest, map[string]string{"reason": "unsupported grant type", "error": "unsupported_grant_type"})
	case r.Form.Get("account_id") != s.opts.AccountID:
		writeJSON(w, http.StatusBadRequest, map[string]string{"reason": "Invalid account_id", "error": "invalid_request"})
	default:
		tok := "sbx." + randomID(32)
		s.tokens[tok] = s.opts.Now().Add(s.opts.TokenTTL)
		s.stats.TokenGrants++
		writeJSON(w, http.StatusOK, map[string]any{"access_token": tok, "token_type": "bearer",
			"expires_in": int(s.opts.TokenTTL / time.Second), "scope": "meeting:read:admin meeting:write:admin report:read:admin webinar:read:admin webinar:write:admin"})
	}
}

// api wraps an endpoint with auth and the rate limits of its label; the
// endpoint runs with the lock held.
func (s *Server) api(label Label, h func(w http.ResponseWriter, r *http.Request, now time.Time)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.stats.Requests++
		now := s.opts.Now()
		tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if exp, ok := s.tokens[tok]; !ok || !now.Before(exp) {
			s.stats.Unauthorized++
			zerr(w, http.StatusUnauthorized, 124, "Invalid access token.")
			return
		}
		w.Header().Set("X-RateLimit-Category", labelNames[label])
		if lim := s.opts.Daily[label]; lim > 0 {
			k := labelNames[label] + "|" + day(now)
			if s.daily[k] >= lim {
				s.stats.Daily429++
				w.Header().Set("X-RateLimit-Type", "Daily-limit")
				w.Header().Set("X-RateLimit-Limit", strconv.Itoa(lim))
				w.Header().Set("X-RateLimit-Remaining", "0")
				w.Header().Set("Retry-After", nextMidnight(now))
				zerr(w, http.StatusTooManyRequests, 429, "You have reached the maximum daily rate limit for this API. Refer to the response header for details on when you can make another request.")
				return
			}
			s.daily[k]++
		}
		if lim := s.opts.PerWindow[label]; lim > 0 {
			win := &s.windows[label]
			if now.Sub(win.start) >= s.opts.Window || now.Before(win.start) {
				win.start, win.n = now, 0
			}
			if win.n >= lim {
				s.stats.QPS429++
				w.Header().Set("X-RateLimit-Type", "QPS")
				w.Header().Set("X-RateLimit-Limit", strconv.Itoa(lim))
				w.Header().Set("X-RateLimit-Remaining", "0")
				zerr(w, http.StatusTooManyRequests, 429, "You have reached the maximum per-second rate limit for this API. Try again later.")
				return
			}
			win.n++
		}
		h(w, r, now)
	}
}

// meeting finds the meeting of the path's {kind}/{id}.
func (s *Server) meeting(w http.ResponseWriter, r *http.Request) (*Meeting, bool) {
	kind := r.PathValue("kind")
	var want core.MeetingKind
	switch kind {
	case "meetings", "past_meetings":
		want = core.KindMeeting
	case "webinars", "past_webinars":
		want = core.KindWebinar
	default:
		zerr(w, http.StatusNotFound, 404, "Not found.")
		return nil, false
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	label := "Meeting"
	if want == core.KindWebinar {
		label = "Webinar"
	}
	if err != nil {
		zerr(w, http.StatusBadRequest, 300, "Invalid "+strings.ToLower(label)+" id.")
		return nil, false
	}
	m := s.meetings[id]
	if m == nil || m.Kind != want {
		zerr(w, http.StatusNotFound, 3001, fmt.Sprintf("%s does not exist: %d.", label, id))
		return nil, false
	}
	return m, true
}
