package zoomfake

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

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
		out["settings"] = map[string]any{"approval_type": m.ApprovalType, "registration_type": 1,
			"alternative_hosts": strings.Join(m.AltHosts, ";")}
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

// panelists lists a webinar's panelists (meetings have none: Zoom answers
// 404 for them).
func (s *Server) panelists(w http.ResponseWriter, r *http.Request, now time.Time) {
	m, ok := s.meeting(w, r)
	if !ok {
		return
	}
	if m.Kind != core.KindWebinar {
		zerr(w, http.StatusNotFound, 3001, fmt.Sprintf("Webinar does not exist: %d.", m.ID))
		return
	}
	list := make([]map[string]any, 0, len(m.Panelists))
	for i, p := range m.Panelists {
		list = append(list, map[string]any{"id": strconv.Itoa(i + 1), "name": p.Name, "email": p.Email})
	}
	writeJSON(w, http.StatusOK, map[string]any{"total_records": len(list), "panelists": list})
}
