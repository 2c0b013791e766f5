package zoomfake

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

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
