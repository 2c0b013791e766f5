package zoomfake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

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
