package rcfake

import (
	"net/http"
	"strconv"
	"time"
)

// The configuration endpoints: webinar, session, the host's sessions
// listing and a session's invitees.

const rfc3339ms = "2006-01-02T15:04:05.000Z07:00"

func stamp(t time.Time) string { return t.UTC().Format(rfc3339ms) }

// session finds the session of the path ({webinarId} too when the path
// has one). Lock held.
func (s *Server) session(w http.ResponseWriter, r *http.Request) (*Session, bool) {
	ss := s.sessions[r.PathValue("sessionId")]
	if wid := r.PathValue("webinarId"); ss != nil && wid != "" && ss.WebinarID != wid {
		ss = nil
	}
	if ss == nil {
		apiErr(w, http.StatusNotFound, "WCS-101", "Session not found")
		return nil, false
	}
	return ss, true
}

func (s *Server) getWebinar(w http.ResponseWriter, r *http.Request, _ time.Time) {
	wb := s.webinars[r.PathValue("webinarId")]
	if wb == nil {
		apiErr(w, http.StatusNotFound, "WCS-101", "Webinar not found")
		return
	}
	created := stamp(s.opts.Now().Add(-30 * 24 * time.Hour))
	writeJSON(w, http.StatusOK, map[string]any{"id": wb.ID, "title": wb.Title, "creationTime": created, "lastModifiedTime": created,
		"settings": map[string]any{"registrationEnabled": true},
		"host":     map[string]any{"userId": "1001", "accountId": "2001", "entitled": true}})
}

func (s *Server) sessionJSON(ss *Session) map[string]any {
	created := stamp(ss.Start.Add(-30 * 24 * time.Hour))
	return map[string]any{"id": ss.ID, "creationTime": created, "lastModifiedTime": created, "title": ss.Title,
		"scheduledStartTime": stamp(ss.Start), "scheduledDuration": int(ss.Duration / time.Second), "timeZone": ss.TimeZone,
		"status": ss.Status, "hostJoinUri": "https://sandbox.turnout.invalid/join/host/" + ss.ID,
		"attendeeJoinUri": "https://sandbox.turnout.invalid/join/" + ss.ID}
}

func (s *Server) getSession(w http.ResponseWriter, r *http.Request, _ time.Time) {
	if ss, ok := s.session(w, r); ok {
		writeJSON(w, http.StatusOK, s.sessionJSON(ss))
	}
}

// listSessions is the host's sessions across webinars ending after
// endTimeFrom (required), oldest first.
func (s *Server) listSessions(w http.ResponseWriter, r *http.Request, _ time.Time) {
	from, err := time.Parse(time.RFC3339, r.URL.Query().Get("endTimeFrom"))
	if err != nil {
		apiErr(w, http.StatusBadRequest, "CMN-101", "Parameter [endTimeFrom] value is invalid")
		return
	}
	var all []*Session
	for _, wb := range s.webinars {
		for _, ss := range wb.Sessions {
			if ss.Start.Add(ss.Duration).After(from) {
				all = append(all, ss)
			}
		}
	}
	sortSessions(all)
	page(w, r, len(all), func(i int) any {
		m := s.sessionJSON(all[i])
		m["webinar"] = map[string]any{"id": all[i].WebinarID, "title": s.webinars[all[i].WebinarID].Title}
		return m
	})
}

func (s *Server) listInvitees(w http.ResponseWriter, r *http.Request, _ time.Time) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	created := stamp(ss.Start.Add(-7 * 24 * time.Hour))
	page(w, r, len(ss.Invitees), func(i int) any {
		in := ss.Invitees[i]
		return map[string]any{"id": in.ID, "creationTime": created, "lastModifiedTime": created, "role": in.Role,
			"firstName": in.FirstName, "lastName": in.LastName, "email": in.Email, "type": "User", "sendInvite": true,
			"joinUri": "https://sandbox.turnout.invalid/join/" + ss.ID + "/i/" + in.ID}
	})
}

// page answers a listing with RingCentral's forward paging: perPage
// (default 100, at most 1000) and an opaque pageToken.
func page(w http.ResponseWriter, r *http.Request, n int, item func(i int) any) {
	q := r.URL.Query()
	per := 100
	if v := q.Get("perPage"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 {
			apiErr(w, http.StatusBadRequest, "CMN-101", "Parameter [perPage] value is invalid")
			return
		}
		per = min(p, 1000)
	}
	tok := q.Get("pageToken")
	off := 0
	if tok != "" {
		o, err := strconv.Atoi(tok[min(len(tok), 2):])
		if len(tok) < 3 || tok[:2] != "pt" || err != nil || o < 0 || o > n {
			apiErr(w, http.StatusBadRequest, "CMN-101", "Parameter [pageToken] value is invalid")
			return
		}
		off = o
	}
	records := []any{}
	for i := off; i < min(n, off+per); i++ {
		records = append(records, item(i))
	}
	paging := map[string]any{"perPage": per, "pageToken": tok}
	if off+per < n {
		paging["nextPageToken"] = "pt" + strconv.Itoa(off+per)
	}
	if off > 0 {
		paging["previousPageToken"] = "pt" + strconv.Itoa(max(0, off-per))
	}
	writeJSON(w, http.StatusOK, map[string]any{"records": records, "paging": paging})
}
