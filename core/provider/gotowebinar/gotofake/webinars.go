package gotofake

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

// pageParams reads GoTo's 0-based page and its size (default def, max
// 200); a bad number is a 400.
func pageParams(w http.ResponseWriter, r *http.Request, sizeName string, def int) (page, size int, ok bool) {
	page, size = 0, def
	q := r.URL.Query()
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			apiErr(w, http.StatusBadRequest, "InvalidRequest", "page must be 0 or more")
			return 0, 0, false
		}
		page = n
	}
	if v := q.Get(sizeName); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 200 {
			apiErr(w, http.StatusBadRequest, "InvalidRequest", sizeName+" must be between 1 and 200")
			return 0, 0, false
		}
		size = n
	}
	return page, size, true
}

// pageOf cuts one page out of n items and describes it.
func pageOf(n, page, size int) (from, to int, info map[string]int) {
	from, to = min(page*size, n), min((page+1)*size, n)
	return from, to, map[string]int{"size": size, "totalElements": n, "totalPages": (n + size - 1) / size, "number": page}
}

func times(rs []Range) []map[string]string {
	out := make([]map[string]string, 0, len(rs))
	for _, t := range rs {
		out = append(out, map[string]string{"startTime": isoTime(t.Start), "endTime": isoTime(t.End)})
	}
	return out
}

// listWebinars is GET /organizers/{ok}/webinars?fromTime&toTime&page&size:
// the webinars with a time in the range, oldest first, keys as strings
// (the spec's Webinar schema types them so).
func (s *Server) listWebinars(w http.ResponseWriter, r *http.Request, _ time.Time) {
	from, err1 := time.Parse(time.RFC3339, r.URL.Query().Get("fromTime"))
	to, err2 := time.Parse(time.RFC3339, r.URL.Query().Get("toTime"))
	if err1 != nil || err2 != nil {
		apiErr(w, http.StatusBadRequest, "InvalidRequest", "fromTime and toTime are required, in ISO 8601 UTC")
		return
	}
	page, size, ok := pageParams(w, r, "size", 20)
	if !ok {
		return
	}
	var match []*Webinar
	for _, wb := range s.webinars {
		if wb.Cancelled {
			continue
		}
		if slices.ContainsFunc(wb.Times, func(t Range) bool { return !t.Start.Before(from) && t.Start.Before(to) }) {
			match = append(match, wb)
		}
	}
	slices.SortFunc(match, func(a, b *Webinar) int {
		if c := a.Times[0].Start.Compare(b.Times[0].Start); c != 0 {
			return c
		}
		return compareKeys(a.Key, b.Key)
	})
	lo, hi, info := pageOf(len(match), page, size)
	list := make([]map[string]any, 0, hi-lo)
	for _, wb := range match[lo:hi] {
		m := map[string]any{"webinarKey": keyString(wb.Key), "webinarID": wb.ID, "organizerKey": keyString(s.opts.OrganizerKey),
			"accountKey": keyString(s.opts.AccountKey), "subject": wb.Subject, "description": wb.Description,
			"times": times(wb.Times), "timeZone": wb.TimeZone, "locale": "en_US", "status": "NEW", "approvalType": "AUTOMATIC",
			"registrationUrl": "https://attendee.gotowebinar.com/register/" + keyString(wb.Key), "impromptu": false,
			"isPasswordProtected": false, "recurrenceType": wb.Type, "experienceType": "CLASSIC"}
		// The spec requires "webinarId" but names the property
		// "webinarID"; GoTo sends the latter, the emulator both.
		m["webinarId"] = wb.ID
		if wb.Type == "series" {
			m["recurrenceKey"] = keyString(wb.SeriesKey)
		}
		list = append(list, m)
	}
	writeJSON(w, http.StatusOK, map[string]any{"_embedded": map[string]any{"webinars": list}, "page": info})
}

func compareKeys(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// getWebinar is GET .../webinars/{wk}: a sequence lists only its future
// times (none once all are held), as the spec says.
func (s *Server) getWebinar(w http.ResponseWriter, r *http.Request, now time.Time) {
	wb, ok := s.webinar(w, r)
	if !ok {
		return
	}
	ts := wb.Times
	if wb.Type == "sequence" {
		ts = nil
		for _, t := range wb.Times {
			if t.Start.After(now) {
				ts = append(ts, t)
			}
		}
	}
	inSession := slices.ContainsFunc(wb.Times, func(t Range) bool { return !now.Before(t.Start) && now.Before(t.End) })
	active := 0
	for _, x := range wb.Registrants {
		if x.Status != "DENIED" {
			active++
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"webinarKey": wb.Key, "webinarID": wb.ID, "subject": wb.Subject,
		"description": wb.Description, "organizerKey": s.opts.OrganizerKey, "organizerEmail": s.opts.Email,
		"organizerName": s.opts.FirstName + " " + s.opts.LastName, "times": times(ts),
		"registrationUrl": "https://attendee.gotowebinar.com/register/" + keyString(wb.Key), "inSession": inSession,
		"impromptu": false, "type": wb.Type, "timeZone": wb.TimeZone, "numberOfRegistrants": active,
		"registrationLimit": 1000, "locale": "en_US", "accountKey": keyString(s.opts.AccountKey),
		"recurrencePeriod": wb.Type, "experienceType": "CLASSIC", "isPasswordProtected": false})
}

// sessions is GET .../webinars/{wk}/sessions: held sessions only.
func (s *Server) sessions(w http.ResponseWriter, r *http.Request, now time.Time) {
	wb, ok := s.webinar(w, r)
	if !ok {
		return
	}
	page, size, ok := pageParams(w, r, "size", 20)
	if !ok {
		return
	}
	var held []*Session
	for _, x := range wb.Sessions {
		if x.End.Before(now) {
			held = append(held, x)
		}
	}
	lo, hi, info := pageOf(len(held), page, size)
	list := make([]map[string]any, 0, hi-lo)
	name := s.opts.FirstName + " " + s.opts.LastName
	for _, x := range held[lo:hi] {
		list = append(list, map[string]any{"sessionKey": keyString(x.Key), "webinarKey": keyString(wb.Key),
			"webinarName": wb.Subject, "startTime": isoTime(x.Start), "endTime": isoTime(x.End),
			"registrantsAttended": len(x.Attendees), "registrantCount": len(wb.Registrants),
			"accountKey": keyString(s.opts.AccountKey), "creatingOrganizerKey": keyString(s.opts.OrganizerKey),
			"creatingOrganizerName": name, "startingOrganizerKey": keyString(s.opts.OrganizerKey),
			"startingOrganizerName": name, "totalPollCount": 0, "timeZone": wb.TimeZone,
			"experienceType": "CLASSIC", "webinarID": wb.ID})
	}
	writeJSON(w, http.StatusOK, map[string]any{"_embedded": map[string]any{"sessionInfoResources": list}, "page": info})
}

// attendees is GET .../sessions/{sk}/attendees: one entry per person with
// every join segment and the seconds attended.
func (s *Server) attendees(w http.ResponseWriter, r *http.Request, now time.Time) {
	wb, ok := s.webinar(w, r)
	if !ok {
		return
	}
	sk, err := strconv.ParseInt(r.PathValue("sk"), 10, 64)
	i := slices.IndexFunc(wb.Sessions, func(x *Session) bool { return x.Key == sk })
	if err != nil || i < 0 || !wb.Sessions[i].End.Before(now) {
		apiErr(w, http.StatusNotFound, "NotFound", "Session not found")
		return
	}
	x := wb.Sessions[i]
	out := make([]map[string]any, 0, len(x.Attendees))
	for _, a := range x.Attendees {
		secs := 0
		segs := make([]map[string]string, 0, len(a.Segments))
		for _, sg := range a.Segments {
			secs += int(sg.End.Sub(sg.Start) / time.Second)
			segs = append(segs, map[string]string{"joinTime": isoTime(sg.Start), "leaveTime": isoTime(sg.End)})
		}
		out = append(out, map[string]any{"registrantKey": a.RegistrantKey, "firstName": a.FirstName, "lastName": a.LastName,
			"email": a.Email, "attendanceTimeInSeconds": secs, "sessionKey": x.Key, "attendance": segs})
	}
	writeJSON(w, http.StatusOK, out)
}

// coorganizers is GET .../coorganizers (memberKey a string, per spec).
func (s *Server) coorganizers(w http.ResponseWriter, r *http.Request, _ time.Time) {
	wb, ok := s.webinar(w, r)
	if !ok {
		return
	}
	out := make([]map[string]any, 0, len(wb.CoOrganizers))
	for _, p := range wb.CoOrganizers {
		m := map[string]any{"joinLink": "https://global.gotowebinar.com/join/" + keyString(wb.Key) + "/" + keyString(p.Key),
			"email": p.Email, "memberKey": keyString(p.Key), "external": p.External, "givenName": p.GivenName, "surname": p.Surname}
		out = append(out, m)
	}
	writeJSON(w, http.StatusOK, out)
}

// panelists is GET .../panelists (panelistId an int64, per spec).
func (s *Server) panelists(w http.ResponseWriter, r *http.Request, _ time.Time) {
	wb, ok := s.webinar(w, r)
	if !ok {
		return
	}
	out := make([]map[string]any, 0, len(wb.Panelists))
	for _, p := range wb.Panelists {
		out = append(out, map[string]any{"joinLink": "https://global.gotowebinar.com/join/" + keyString(wb.Key) + "/" + keyString(p.Key),
			"email": p.Email, "name": p.GivenName + " " + p.Surname, "firstName": p.GivenName, "lastName": p.Surname,
			"panelistId": p.Key})
	}
	writeJSON(w, http.StatusOK, out)
}
