package rcfake

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"time"
)

// Scripting the account for tests and the Sandbox.

// AddWebinar adds a webinar with one scheduled session, registration
// open, and returns their IDs.
func (s *Server) AddWebinar(title string, start time.Time, d time.Duration) (webinarID, sessionID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wb := &Webinar{ID: s.nextID(), Title: title}
	s.webinars[wb.ID] = wb
	return wb.ID, s.addSessionLocked(wb, "", start, d)
}

// PutWebinar adds a webinar with a session under the given IDs (the
// Sandbox, for events staff link with made-up IDs), unless it exists.
func (s *Server) PutWebinar(webinarID, sessionID, title string, start time.Time, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wb := s.webinars[webinarID]
	if wb == nil {
		wb = &Webinar{ID: webinarID, Title: title}
		s.webinars[webinarID] = wb
	}
	if sessionID != "" && s.sessions[sessionID] == nil {
		s.addSessionLocked(wb, sessionID, start, d)
	}
}

// AddSession adds another session to a webinar.
func (s *Server) AddSession(webinarID string, start time.Time, d time.Duration) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addSessionLocked(s.webinars[webinarID], "", start, d)
}

func (s *Server) addSessionLocked(wb *Webinar, id string, start time.Time, d time.Duration) string {
	if id == "" {
		id = s.nextID()
	}
	ss := &Session{ID: id, WebinarID: wb.ID, Start: start.UTC(), Duration: d, TimeZone: "UTC", Status: "Scheduled",
		RegistrationOpen: true, Invitees: []Invitee{{ID: s.nextID(), Role: "Host", FirstName: "Sandbox", LastName: "Host", Email: s.opts.UserEmail}}}
	wb.Sessions = append(wb.Sessions, ss)
	sortSessions(wb.Sessions)
	s.sessions[ss.ID] = ss
	return ss.ID
}

func sortSessions(list []*Session) {
	slices.SortStableFunc(list, func(a, b *Session) int { return a.Start.Compare(b.Start) })
}

func (s *Server) with(sessionID string, f func(ss *Session)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss := s.sessions[sessionID]; ss != nil {
		f(ss)
	}
}

// SetRegistration opens or closes a session's registration.
func (s *Server) SetRegistration(sessionID string, open bool) {
	s.with(sessionID, func(ss *Session) { ss.RegistrationOpen = open })
}

// AddInvitee adds a host, co-host or panelist (role as RingCentral spells it).
func (s *Server) AddInvitee(sessionID, role, first, last, email string) {
	s.with(sessionID, func(ss *Session) {
		ss.Invitees = append(ss.Invitees, Invitee{ID: s.nextID(), Role: role, FirstName: first, LastName: last, Email: email})
	})
}

// Device is one device someone joined the session from.
type Device struct {
	Email, FirstName, LastName string
	Role                       string // "" means Attendee
	Join, Leave                time.Time
}

// Finish ends the session with these devices in its history: a
// registrant's devices carry their registrantId and give them a
// participantId; an invitee's carry their role.
func (s *Server) Finish(sessionID string, devices ...Device) {
	s.with(sessionID, func(ss *Session) {
		ss.Status = "Finished"
		for _, d := range devices {
			p := Participant{ID: s.nextID(), FirstName: d.FirstName, LastName: d.LastName, Email: d.Email,
				Role: d.Role, OriginalRole: d.Role, Join: d.Join.UTC(), Leave: d.Leave.UTC()}
			if p.Role == "" {
				p.Role, p.OriginalRole = "Attendee", "Attendee"
			}
			for _, in := range ss.Invitees {
				if strings.EqualFold(in.Email, d.Email) && d.Email != "" {
					p.InviteeID, p.Role, p.OriginalRole = in.ID, in.Role, in.Role
				}
			}
			for _, x := range ss.Registrants {
				if strings.EqualFold(x.Email, d.Email) && d.Email != "" && p.InviteeID == "" {
					p.RegistrantID = x.ID
					if x.ParticipantID == "" {
						x.ParticipantID = p.ID
					}
				}
			}
			ss.Participants = append(ss.Participants, p)
		}
	})
}

// SetParticipantID sets (or, given "", clears) the participantId of the
// registrant with this email, leaving the session's history as it is:
// RingCentral's registrant list and its history then disagree. It
// reports whether it found the registrant.
func (s *Server) SetParticipantID(sessionID, email, participantID string) bool {
	found := false
	s.with(sessionID, func(ss *Session) {
		for _, x := range ss.Registrants {
			if strings.EqualFold(x.Email, email) {
				x.ParticipantID, found = participantID, true
			}
		}
	})
	return found
}

// Registrants returns a copy of a session's registrants, in ID order.
func (s *Server) Registrants(sessionID string) []Registrant {
	var out []Registrant
	s.with(sessionID, func(ss *Session) {
		for _, x := range ss.Registrants {
			out = append(out, *x)
		}
	})
	return out
}

// ExpireTokens makes every access token invalid (as if an hour passed).
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// InProcess returns an http.Client whose requests the emulator answers
// directly, without a socket: the in-app Sandbox works with no network.
func (s *Server) InProcess() *http.Client {
	return &http.Client{Transport: handlerTransport{s.Handler()}, Timeout: 30 * time.Second}
}

type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	if r.Host == "" {
		r.Host = r.URL.Host
	}
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}
