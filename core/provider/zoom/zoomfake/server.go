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
	"net/url"
	"sort"
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
	Registrants  []*Registrant
	Instances    []*Instance // held instances, oldest first
}

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

func zoomTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func (s *Server) joinURL(r *http.Request, path string) string {
	return "http://" + r.Host + "/j/" + path
}

func (s *Server) meetingJSON(r *http.Request, m *Meeting, full bool) map[string]any {
	typ := 2
	switch {
	case m.Kind == core.KindWebinar && m.Recurring:
		typ = 9
	case m.Kind == core.KindWebinar:
		typ = 5
	case m.Recurring:
		typ = 8
	}
	out := map[string]any{
		"id": m.ID, "uuid": uuidFor(m.ID), "host_id": "sandbox-host", "topic": m.Topic, "type": typ,
		"start_time": zoomTime(m.Start), "duration": int(m.Duration / time.Minute), "timezone": m.TimeZone,
		"created_at": zoomTime(m.Start.Add(-30 * 24 * time.Hour)), "join_url": s.joinURL(r, strconv.FormatInt(m.ID, 10)),
	}
	if full {
		out["host_email"] = s.opts.HostEmail
		out["password"] = m.Password
		out["status"] = "waiting"
		out["settings"] = map[string]any{"approval_type": m.ApprovalType, "registration_type": 1}
		if m.Recurring {
			out["occurrences"] = []map[string]any{{"occurrence_id": strconv.FormatInt(m.Start.UnixMilli(), 10),
				"start_time": zoomTime(m.Start), "duration": int(m.Duration / time.Minute), "status": "available"}}
		}
	}
	return out
}

func uuidFor(id int64) string {
	return base64.StdEncoding.EncodeToString([]byte(fmt.Sprintf("sbx%013d", id)))
}

func (s *Server) getMeeting(w http.ResponseWriter, r *http.Request, now time.Time) {
	m, ok := s.meeting(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, s.meetingJSON(r, m, true))
}

// page slices a list by page_size and next_page_token; tokens expire.
func (s *Server) page(w http.ResponseWriter, r *http.Request, now time.Time, list string, n int) (from, to int, next string, ok bool) {
	size := 30
	if v := r.URL.Query().Get("page_size"); v != "" {
		if p, err := strconv.Atoi(v); err == nil && p > 0 {
			size = min(p, 300)
		}
	}
	if tok := r.URL.Query().Get("next_page_token"); tok != "" {
		pt, found := s.pageTokens[tok]
		if !found || pt.list != list || now.Sub(pt.created) > s.opts.PageTokenTTL {
			delete(s.pageTokens, tok)
			zerr(w, http.StatusBadRequest, 300, "The next page token is invalid or expired.")
			return 0, 0, "", false
		}
		delete(s.pageTokens, tok)
		from = pt.offset
	}
	to = min(from+size, n)
	if to < n {
		next = randomID(32)
		s.pageTokens[next] = pageToken{list: list, offset: to, created: now}
	}
	return from, to, next, true
}

func (s *Server) listMeetings(kind core.MeetingKind) func(http.ResponseWriter, *http.Request, time.Time) {
	return func(w http.ResponseWriter, r *http.Request, now time.Time) {
		var list []*Meeting
		for _, m := range s.meetings {
			if m.Kind != kind {
				continue
			}
			if kind == core.KindMeeting && r.URL.Query().Get("type") == "upcoming" && !m.Start.After(now) {
				continue
			}
			list = append(list, m)
		}
		sort.Slice(list, func(i, j int) bool {
			return list[i].Start.Before(list[j].Start) || list[i].Start.Equal(list[j].Start) && list[i].ID < list[j].ID
		})
		from, to, next, ok := s.page(w, r, now, "list:"+string(kind), len(list))
		if !ok {
			return
		}
		items := []map[string]any{}
		for _, m := range list[from:to] {
			items = append(items, s.meetingJSON(r, m, false))
		}
		out := map[string]any{"page_size": to - from, "total_records": len(list), "next_page_token": next}
		out[string(kind)+"s"] = items
		writeJSON(w, http.StatusOK, out)
	}
}

func (s *Server) addRegistrant(w http.ResponseWriter, r *http.Request, now time.Time) {
	m, ok := s.meeting(w, r)
	if !ok {
		return
	}
	s.stats.AddCalls++
	if d := s.opts.AddDelay; d > 0 {
		s.mu.Unlock()
		time.Sleep(d)
		s.mu.Lock()
	}
	var in struct {
		Email     string `json:"email"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Email == "" || in.FirstName == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"code": 300, "message": "Validation Failed.",
			"errors": []map[string]string{{"field": "email", "message": "Invalid field."}}})
		return
	}
	if m.ApprovalType == 2 {
		if m.Kind == core.KindWebinar {
			zerr(w, http.StatusBadRequest, 3000, fmt.Sprintf("Registration has not been enabled for this webinar: %d.", m.ID))
		} else {
			zerr(w, http.StatusBadRequest, 300, fmt.Sprintf("Registration has not been enabled for this meeting: %d.", m.ID))
		}
		return
	}
	if strings.EqualFold(in.Email, s.opts.HostEmail) {
		zerr(w, http.StatusBadRequest, 3027, "Host can not register")
		return
	}
	key := fmt.Sprintf("%d|%s|%s", m.ID, strings.ToLower(in.Email), day(now))
	if s.adds[key] >= s.opts.RegistrantAddsPerDay {
		s.stats.Daily429++
		w.Header().Set("X-RateLimit-Type", "Daily-limit")
		w.Header().Set("Retry-After", nextMidnight(now))
		word := "meeting"
		if m.Kind == core.KindWebinar {
			word = "webinar"
		}
		zerr(w, http.StatusTooManyRequests, 429, fmt.Sprintf("You have exceeded the daily rate limit (%d) of Add %s registrant API requests permitted for this particular registrant. You may resume these requests at GMT 00:00:00.", s.opts.RegistrantAddsPerDay, word))
		return
	}
	s.adds[key]++
	var reg *Registrant
	for _, x := range m.Registrants {
		if strings.EqualFold(x.Email, in.Email) {
			reg = x // Zoom answers a known address with the same registrant
			break
		}
	}
	if reg == nil {
		reg = &Registrant{ID: randomID(22), Email: in.Email, FirstName: in.FirstName, LastName: in.LastName,
			Status: "approved", Created: now}
		if m.ApprovalType == 1 {
			reg.Status = "pending"
		}
		reg.JoinURL = s.joinURL(r, strconv.FormatInt(m.ID, 10)+"?tk="+reg.ID)
		m.Registrants = append(m.Registrants, reg)
	}
	out := map[string]any{"id": m.ID, "registrant_id": reg.ID, "topic": m.Topic, "start_time": zoomTime(m.Start)}
	if reg.Status == "approved" {
		out["join_url"] = reg.JoinURL
	}
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) listRegistrants(w http.ResponseWriter, r *http.Request, now time.Time) {
	m, ok := s.meeting(w, r)
	if !ok {
		return
	}
	status := r.URL.Query().Get("status")
	if status == "" {
		status = "approved"
	}
	var list []*Registrant
	for _, x := range m.Registrants {
		if x.Status == status {
			list = append(list, x)
		}
	}
	from, to, next, ok := s.page(w, r, now, fmt.Sprintf("reg:%d:%s", m.ID, status), len(list))
	if !ok {
		return
	}
	items := []map[string]any{}
	for _, x := range list[from:to] {
		it := map[string]any{"id": x.ID, "email": x.Email, "first_name": x.FirstName, "last_name": x.LastName,
			"status": x.Status, "create_time": zoomTime(x.Created)}
		if x.Status == "approved" {
			it["join_url"] = x.JoinURL
		}
		items = append(items, it)
	}
	writeJSON(w, http.StatusOK, map[string]any{"page_size": to - from, "total_records": len(list),
		"next_page_token": next, "registrants": items})
}

func (s *Server) registrantStatus(w http.ResponseWriter, r *http.Request, now time.Time) {
	m, ok := s.meeting(w, r)
	if !ok {
		return
	}
	var in struct {
		Action      string `json:"action"`
		Registrants []struct {
			ID    string `json:"id"`
			Email string `json:"email"`
		} `json:"registrants"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || len(in.Registrants) > 30 {
		zerr(w, http.StatusBadRequest, 300, "Validation Failed.")
		return
	}
	status := map[string]string{"approve": "approved", "cancel": "denied", "deny": "denied"}[in.Action]
	if status == "" {
		zerr(w, http.StatusBadRequest, 300, "Invalid action.")
		return
	}
	for _, x := range in.Registrants {
		for _, reg := range m.Registrants {
			if reg.ID != x.ID {
				continue
			}
			k := reg.ID + "|" + day(now)
			if s.statusUpd[k] >= s.opts.StatusUpdatesPerDay {
				w.Header().Set("Retry-After", nextMidnight(now))
				zerr(w, http.StatusTooManyRequests, 429, "You have exceeded the daily rate limit (10) of Update registrant's status API requests for this registrant. You may resume these requests at GMT 00:00:00.")
				return
			}
			s.statusUpd[k]++
			reg.Status = status
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// instance resolves the path's id: a numeric ID means the latest
// instance, anything else a UUID. UUIDs that start with "/" or contain
// "//" only resolve when the client encoded them twice, as on Zoom.
func (s *Server) instance(w http.ResponseWriter, r *http.Request) (*Meeting, *Instance, bool) {
	raw := r.PathValue("id")
	if id, err := strconv.ParseInt(raw, 10, 64); err == nil {
		m, ok := s.meeting(w, r)
		if !ok {
			return nil, nil, false
		}
		if len(m.Instances) == 0 {
			zerr(w, http.StatusNotFound, 3001, fmt.Sprintf("Meeting does not exist: %d.", id))
			return nil, nil, false
		}
		return m, m.Instances[len(m.Instances)-1], true
	}
	uuid := raw
	if strings.Contains(raw, "%") {
		if u, err := url.PathUnescape(raw); err == nil {
			uuid = u
		}
	} else if strings.HasPrefix(raw, "/") || strings.Contains(raw, "//") {
		uuid = "" // encoded once: Zoom's router mangles it
	}
	for _, m := range s.meetings {
		for _, in := range m.Instances {
			if uuid != "" && in.UUID == uuid {
				return m, in, true
			}
		}
	}
	zerr(w, http.StatusNotFound, 3001, "Meeting does not exist: "+raw+".")
	return nil, nil, false
}

func (s *Server) participants(report bool) func(http.ResponseWriter, *http.Request, time.Time) {
	return func(w http.ResponseWriter, r *http.Request, now time.Time) {
		kind := r.PathValue("kind")
		if report && s.opts.ReportUnavailable {
			zerr(w, http.StatusBadRequest, 200, "Only available for Paid or ZMP account: "+s.opts.AccountID+".")
			return
		}
		if !report && kind != "past_meetings" && kind != "past_webinars" {
			zerr(w, http.StatusNotFound, 404, "Not found.")
			return
		}
		_, in, ok := s.instance(w, r)
		if !ok {
			return
		}
		from, to, next, ok := s.page(w, r, now, "part:"+kind+":"+in.UUID+":"+strconv.FormatBool(report), len(in.Joins))
		if !ok {
			return
		}
		withReg := !report || strings.Contains(r.URL.Query().Get("include_fields"), "registrant_id")
		items := make([]map[string]any, 0, to-from)
		for _, j := range in.Joins[from:to] {
			it := map[string]any{"id": j.UserID, "user_id": j.UserID, "name": j.Name, "user_email": j.Email,
				"join_time": zoomTime(j.Join), "leave_time": zoomTime(j.Leave), "duration": int(j.Leave.Sub(j.Join) / time.Second),
				"failover": false, "status": "in_meeting"}
			if withReg {
				it["registrant_id"] = j.RegistrantID
			}
			if report {
				it["participant_user_id"] = j.UserID
			} else {
				it["internal_user"] = false
			}
			items = append(items, it)
		}
		writeJSON(w, http.StatusOK, map[string]any{"page_size": to - from, "total_records": len(in.Joins),
			"next_page_token": next, "participants": items})
	}
}

func (s *Server) instances(w http.ResponseWriter, r *http.Request, now time.Time) {
	m, ok := s.meeting(w, r)
	if !ok {
		return
	}
	items := []map[string]any{}
	for _, in := range m.Instances {
		items = append(items, map[string]any{"uuid": in.UUID, "start_time": zoomTime(in.Start)})
	}
	key := "meetings"
	if m.Kind == core.KindWebinar {
		key = "webinars"
	}
	writeJSON(w, http.StatusOK, map[string]any{key: items})
}
