package rcfake

import (
	"net/http"
	"slices"
	"time"
)

// listParticipants is the session's history: one record per device, with
// its earliest join and latest leave, filtered by role when asked.
func (s *Server) listParticipants(w http.ResponseWriter, r *http.Request, _ time.Time) {
	ss, ok := s.session(w, r)
	if !ok {
		return
	}
	roles, orig := r.URL.Query()["role"], r.URL.Query()["originalRole"]
	var list []Participant
	for _, p := range ss.Participants {
		if (len(roles) == 0 || slices.Contains(roles, p.Role)) && (len(orig) == 0 || slices.Contains(orig, p.OriginalRole)) {
			list = append(list, p)
		}
	}
	page(w, r, len(list), func(i int) any {
		p := list[i]
		m := map[string]any{"id": p.ID, "firstName": p.FirstName, "lastName": p.LastName, "role": p.Role,
			"originalRole": p.OriginalRole, "type": "User", "joinTime": stamp(p.Join), "leaveTime": stamp(p.Leave),
			"wasEjected": false, "uniqueUserHash": "h" + p.ID}
		for k, v := range map[string]string{"email": p.Email, "registrantId": p.RegistrantID, "inviteeId": p.InviteeID} {
			if v != "" {
				m[k] = v
			}
		}
		return m
	})
}
