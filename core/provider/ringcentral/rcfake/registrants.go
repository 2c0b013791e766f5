package rcfake

import (
	"encoding/json"
	"net/http"
	"net/mail"
	"strings"
	"time"
)

// The registration endpoints: the registration session (open or closed)
// and its registrants.

func (s *Server) regSessionJSON(ss *Session) map[string]any {
	status := "Closed"
	if ss.RegistrationOpen {
		status = "Open"
	}
	return map[string]any{"id": ss.ID, "registrationStatus": status, "registrantCount": len(ss.Registrants),
		"hasRealRegistrants": len(ss.Registrants) > 0, "registrationPageUri": "https://sandbox.turnout.invalid/join/register/" + ss.ID,
		"settings": map[string]any{"autoCloseLimit": 0, "suppressEmails": false}}
}

func (s *Server) getRegSession(w http.ResponseWriter, r *http.Request, _ time.Time) {
	if ss, ok := s.session(w, r); ok {
		writeJSON(w, http.StatusOK, s.regSessionJSON(ss))
	}
}

func (s *Server) patchRegSession(w http.ResponseWriter, r *http.Request, _ time.Time) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	var body struct {
		RegistrationStatus string `json:"registrationStatus"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		apiErr(w, http.StatusBadRequest, "CMN-100", "Request body is invalid")
		return
	}
	switch body.RegistrationStatus {
	case "Open", "Closed":
		ss.RegistrationOpen = body.RegistrationStatus == "Open"
	case "":
	default:
		apiErr(w, http.StatusBadRequest, "CMN-101", "Parameter [registrationStatus] value is invalid")
		return
	}
	writeJSON(w, http.StatusOK, s.regSessionJSON(ss))
}

func registrantJSON(x *Registrant) map[string]any {
	m := map[string]any{"id": x.ID, "creationTime": stamp(x.Created), "lastModifiedTime": stamp(x.Created),
		"firstName": x.FirstName, "lastName": x.LastName, "email": x.Email, "joinUri": x.JoinURI,
		"cancellationUri": x.CancellationURI, "registrationTime": stamp(x.Created), "registeredPostWebinar": false}
	for k, v := range map[string]string{"externalId": x.ExternalID, "source": x.Source, "participantId": x.ParticipantID} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}

func (s *Server) createRegistrant(w http.ResponseWriter, r *http.Request, now time.Time) {
	if d := s.opts.AddDelay; d > 0 {
		s.mu.Unlock()
		time.Sleep(d)
		s.mu.Lock()
	}
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	s.stats.Creates++
	var body struct {
		FirstName  *string `json:"firstName"`
		LastName   *string `json:"lastName"`
		Email      string  `json:"email"`
		ExternalID string  `json:"externalId"`
		Source     string  `json:"source"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		apiErr(w, http.StatusBadRequest, "CMN-100", "Request body is invalid")
		return
	}
	if _, err := mail.ParseAddress(body.Email); err != nil || len(body.Email) > 256 {
		apiErr(w, http.StatusBadRequest, "CMN-101", "Parameter [email] value is invalid")
		return
	}
	if body.FirstName == nil || body.LastName == nil {
		apiErr(w, http.StatusBadRequest, "CMN-102", "Parameters [firstName, lastName] are required")
		return
	}
	if !ss.RegistrationOpen || ss.Status == "Finished" {
		apiErr(w, http.StatusForbidden, "RWC-403", "Registration is closed for this session")
		return
	}
	for _, x := range ss.Registrants {
		if strings.EqualFold(x.Email, body.Email) {
			apiErr(w, http.StatusConflict, "RWC-409", "Registrant with this email already exists")
			return
		}
	}
	id := s.nextID()
	x := &Registrant{ID: id, FirstName: *body.FirstName, LastName: *body.LastName, Email: body.Email,
		ExternalID: body.ExternalID, Source: body.Source, Created: now,
		JoinURI:         "https://sandbox.turnout.invalid/join/" + ss.ID + "/r/" + id + "?t=" + randomID(12),
		CancellationURI: "https://sandbox.turnout.invalid/join/cancel/" + ss.ID + "/r/" + id + "?t=" + randomID(12)}
	ss.Registrants = append(ss.Registrants, x)
	out := registrantJSON(x)
	out["icalendarSequence"] = 0
	writeJSON(w, http.StatusCreated, out)
}

func (s *Server) listRegistrants(w http.ResponseWriter, r *http.Request, _ time.Time) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	list := ss.Registrants // kept in ID order: IDs only grow
	page(w, r, len(list), func(i int) any { return registrantJSON(list[i]) })
}

func (s *Server) registrant(w http.ResponseWriter, r *http.Request) (*Session, int, bool) {
	ss, ok := s.session(w, r)
	if !ok {
		return nil, 0, false
	}
	for i, x := range ss.Registrants {
		if x.ID == r.PathValue("registrantId") {
			return ss, i, true
		}
	}
	apiErr(w, http.StatusNotFound, "RWC-404", "Registrant not found")
	return nil, 0, false
}

func (s *Server) getRegistrant(w http.ResponseWriter, r *http.Request, _ time.Time) {
	if ss, i, ok := s.registrant(w, r); ok {
		writeJSON(w, http.StatusOK, registrantJSON(ss.Registrants[i]))
	}
}

// deleteRegistrant removes a registration, which RingCentral refuses once
// the session is over.
func (s *Server) deleteRegistrant(w http.ResponseWriter, r *http.Request, _ time.Time) {
	ss, i, ok := s.registrant(w, r)
	if !ok {
		return
	}
	if ss.Status == "Finished" {
		apiErr(w, http.StatusForbidden, "RWC-403", "Registrants of a finished session cannot be deleted")
		return
	}
	s.stats.Deletes++
	ss.Registrants = append(ss.Registrants[:i], ss.Registrants[i+1:]...)
	w.WriteHeader(http.StatusNoContent)
}
