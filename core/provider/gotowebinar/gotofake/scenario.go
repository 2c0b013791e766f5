package gotofake

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core/oauthsandbox"
)

// AddWebinar adds a webinar (a fresh key above 2^53 when Key is 0) and
// returns its key. Type defaults to single_session, TimeZone to UTC.
func (s *Server) AddWebinar(wb Webinar) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if wb.Key == 0 {
		wb.Key = s.key()
	}
	if wb.ID == "" {
		wb.ID = fmt.Sprintf("%09d", wb.Key%1_000_000_000)
	}
	if wb.Type == "" {
		wb.Type = "single_session"
	}
	if wb.TimeZone == "" {
		wb.TimeZone = "UTC"
	}
	slices.SortFunc(wb.Times, func(a, b Range) int { return a.Start.Compare(b.Start) })
	s.webinars[wb.Key] = &wb
	return wb.Key
}

// AddSequence adds a webinar of several sessions that everyone attends.
func (s *Server) AddSequence(subject string, d time.Duration, starts ...time.Time) int64 {
	wb := Webinar{Subject: subject, Type: "sequence"}
	for _, t := range starts {
		wb.Times = append(wb.Times, Range{t, t.Add(d)})
	}
	return s.AddWebinar(wb)
}

// AddSeries adds a series: one webinar per start, sharing a series key;
// each attendee picks one.
func (s *Server) AddSeries(subject string, d time.Duration, starts ...time.Time) []int64 {
	s.mu.Lock()
	series := s.key()
	s.mu.Unlock()
	var keys []int64
	for _, t := range starts {
		keys = append(keys, s.AddWebinar(Webinar{Subject: subject, Type: "series", SeriesKey: series, Times: []Range{{t, t.Add(d)}}}))
	}
	return keys
}

// Cancel cancels a webinar: from then on GoTo answers 404 for it.
func (s *Server) Cancel(wk int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if wb := s.webinars[wk]; wb != nil {
		wb.Cancelled = true
	}
}

// AddStaff adds co-organizers and panelists to a webinar.
func (s *Server) AddStaff(wk int64, coOrganizers, panelists []Person) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wb := s.webinars[wk]
	if wb == nil {
		return
	}
	for _, p := range coOrganizers {
		if p.Key == 0 {
			p.Key = s.key()
		}
		wb.CoOrganizers = append(wb.CoOrganizers, p)
	}
	for _, p := range panelists {
		if p.Key == 0 {
			p.Key = s.key()
		}
		wb.Panelists = append(wb.Panelists, p)
	}
}

// Register registers someone directly, as GoTo's own registration page
// does, and returns the registrant key.
func (s *Server) Register(wk int64, first, last, email string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	wb := s.webinars[wk]
	if wb == nil {
		return 0
	}
	x := &Registrant{Key: s.key(), FirstName: first, LastName: last, Email: email, Status: "APPROVED",
		Date: s.opts.Now(), Source: "GoTo registration page"}
	x.JoinURL = "https://global.gotowebinar.com/join/" + keyString(wk) + "/" + keyString(x.Key)
	wb.Registrants = append(wb.Registrants, x)
	return x.Key
}

// Registrants returns a copy of a webinar's registrants.
func (s *Server) Registrants(wk int64) []Registrant {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Registrant
	if wb := s.webinars[wk]; wb != nil {
		for _, x := range wb.Registrants {
			out = append(out, *x)
		}
	}
	return out
}

// RegistrantKey returns the key of a registrant by email (any case), or 0.
func (s *Server) RegistrantKey(wk int64, email string) int64 {
	for _, x := range s.Registrants(wk) {
		if strings.EqualFold(x.Email, email) {
			return x.Key
		}
	}
	return 0
}

// Hold records that a session of a webinar took place with these
// attendees; it is listed once its end has passed. It returns the
// session key.
func (s *Server) Hold(wk int64, start, end time.Time, attendees ...Attendee) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	wb := s.webinars[wk]
	if wb == nil {
		return 0
	}
	x := &Session{Key: s.key(), Start: start, End: end, Attendees: attendees}
	wb.Sessions = append(wb.Sessions, x)
	slices.SortFunc(wb.Sessions, func(a, b *Session) int { return a.Start.Compare(b.Start) })
	return x.Key
}

// Attend is an attendee of a registrant, joined for one segment from
// join for d.
func (s *Server) Attend(wk int64, email string, join time.Time, d time.Duration) Attendee {
	for _, x := range s.Registrants(wk) {
		if strings.EqualFold(x.Email, email) {
			return Attendee{RegistrantKey: x.Key, FirstName: x.FirstName, LastName: x.LastName, Email: x.Email,
				Segments: []Range{{join, join.Add(d)}}}
		}
	}
	return Attendee{Email: email, Segments: []Range{{join, join.Add(d)}}}
}

// InProcess returns an http.Client whose requests the emulator answers
// directly, without a socket: the in-app Sandbox works with no network.
func (s *Server) InProcess() *http.Client {
	return &http.Client{Transport: handlerTransport{s.Handler()}, Timeout: 30 * time.Second}
}

type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

// Consent is the browser without JavaScript tests pass this emulator's
// authorize page with (oauthsandbox.Consent): decision is "allow" or "deny".
func Consent(decision string) func(authorizeURL string) error {
	return oauthsandbox.Consent(decision)
}

// Reschedule moves a webinar to new times, registrants kept (tests use
// it to let a webinar end without waiting for it).
func (s *Server) Reschedule(wk int64, times ...Range) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if wb := s.webinars[wk]; wb != nil {
		wb.Times = slices.Clone(times)
		slices.SortFunc(wb.Times, func(a, b Range) int { return a.Start.Compare(b.Start) })
	}
}
