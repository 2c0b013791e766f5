package gotofake

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// registrantJSON is the Registrant and RegistrantDetailed schemas: the
// key a JSON number (int64), exactly.
func registrantJSON(x *Registrant, tz string, detailed bool) map[string]any {
	m := map[string]any{"registrantKey": x.Key, "firstName": x.FirstName, "lastName": x.LastName, "email": x.Email,
		"registrationDate": isoTime(x.Date), "status": x.Status, "joinUrl": x.JoinURL, "timeZone": tz}
	if detailed {
		m["source"] = x.Source
	}
	return m
}

// addRegistrant is POST .../registrants: 201 {registrantKey, joinUrl}, or
// 409 when the address is registered already.
func (s *Server) addRegistrant(w http.ResponseWriter, r *http.Request, now time.Time) {
	s.stats.AddCalls++
	if d := s.opts.AddDelay; d > 0 {
		s.mu.Unlock()
		time.Sleep(d)
		s.mu.Lock()
	}
	wb, ok := s.webinar(w, r)
	if !ok {
		return
	}
	var body struct {
		FirstName string `json:"firstName"`
		LastName  string `json:"lastName"`
		Email     string `json:"email"`
		Source    string `json:"source"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		apiErr(w, http.StatusBadRequest, "InvalidRequest", "The body is not JSON")
		return
	}
	if strings.TrimSpace(body.FirstName) == "" || strings.TrimSpace(body.LastName) == "" || !strings.Contains(body.Email, "@") {
		apiErr(w, http.StatusBadRequest, "InvalidRequest", "firstName, lastName and a valid email are required")
		return
	}
	if !slices.ContainsFunc(wb.Times, func(t Range) bool { return t.End.After(now) }) {
		apiErr(w, http.StatusBadRequest, "InvalidRequest", "The webinar is over; registration is closed")
		return
	}
	if slices.ContainsFunc(wb.Registrants, func(x *Registrant) bool { return strings.EqualFold(x.Email, body.Email) }) {
		s.stats.Conflicts++
		writeJSON(w, http.StatusConflict, map[string]string{"errorCode": "Conflict", "description": "The user is already registered"})
		return
	}
	x := &Registrant{Key: s.key(), FirstName: body.FirstName, LastName: body.LastName, Email: body.Email,
		Source: body.Source, Status: "APPROVED", Date: now}
	x.JoinURL = "https://global.gotowebinar.com/join/" + keyString(wb.Key) + "/" + keyString(x.Key)
	wb.Registrants = append(wb.Registrants, x)
	s.stats.Created++
	writeJSON(w, http.StatusCreated, map[string]any{"registrantKey": x.Key, "joinUrl": x.JoinURL, "status": x.Status})
}

// listRegistrants is GET .../registrants: a bare array; with page or
// limit (not in the spec, but GoTo answers it) the paged shape.
func (s *Server) listRegistrants(w http.ResponseWriter, r *http.Request, _ time.Time) {
	wb, ok := s.webinar(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	if q.Get("page") == "" && q.Get("limit") == "" {
		out := make([]map[string]any, 0, len(wb.Registrants))
		for _, x := range wb.Registrants {
			out = append(out, registrantJSON(x, wb.TimeZone, false))
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	page, limit, ok := pageParams(w, r, "limit", 200)
	if !ok {
		return
	}
	lo, hi, _ := pageOf(len(wb.Registrants), page, limit)
	data := make([]map[string]any, 0, hi-lo)
	for _, x := range wb.Registrants[lo:hi] {
		data = append(data, registrantJSON(x, wb.TimeZone, false))
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": data, "total": len(wb.Registrants), "page": page,
		"limit": limit, "pageSize": len(data)})
}

// registrant finds the path's {rk}. Lock held.
func (s *Server) registrant(w http.ResponseWriter, r *http.Request) (*Webinar, int, bool) {
	wb, ok := s.webinar(w, r)
	if !ok {
		return nil, 0, false
	}
	rk, err := strconv.ParseInt(r.PathValue("rk"), 10, 64)
	i := slices.IndexFunc(wb.Registrants, func(x *Registrant) bool { return x.Key == rk })
	if err != nil || i < 0 {
		apiErr(w, http.StatusNotFound, "NotFound", "Registrant not found")
		return nil, 0, false
	}
	return wb, i, true
}

func (s *Server) getRegistrant(w http.ResponseWriter, r *http.Request, _ time.Time) {
	if wb, i, ok := s.registrant(w, r); ok {
		writeJSON(w, http.StatusOK, registrantJSON(wb.Registrants[i], wb.TimeZone, true))
	}
}

// deleteRegistrant is DELETE .../registrants/{rk}: 204 while the webinar
// is scheduled in the future; once a session has started GoTo keeps the
// registration and answers 400 (the spec: "The webinar must be a
// scheduled, future webinar"; its 403 is the token's).
func (s *Server) deleteRegistrant(w http.ResponseWriter, r *http.Request, now time.Time) {
	wb, i, ok := s.registrant(w, r)
	if !ok {
		return
	}
	if !slices.ContainsFunc(wb.Times, func(t Range) bool { return t.Start.After(now) }) {
		apiErr(w, http.StatusBadRequest, "InvalidRequest", "Registrants can only be deleted from scheduled, future webinars")
		return
	}
	wb.Registrants = slices.Delete(wb.Registrants, i, i+1)
	s.stats.Deletes++
	w.WriteHeader(http.StatusNoContent)
}
