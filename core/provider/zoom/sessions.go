package zoom

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Sessions lists a meeting's or webinar's times: the occurrences of a
// recurring one (their occurrence IDs register people for that time), or
// the one start of a single-time event (ID "": no occurrence to name).
func (c *Client) Sessions(ctx context.Context, kind core.MeetingKind, id string) ([]core.Session, error) {
	mid, err := MeetingID(id)
	if err != nil {
		return nil, err
	}
	var m meetingJSON
	q := map[string][]string{"show_previous_occurrences": {"true"}}
	if err := c.do(ctx, Light, http.MethodGet, "/"+plural(kind)+"/"+mid, q, nil, &m); err != nil {
		return nil, err
	}
	now := c.now()
	var out []core.Session
	for _, o := range m.Occurrences {
		if o.Status == "deleted" {
			continue
		}
		start, err := time.Parse(time.RFC3339, o.StartTime)
		if err != nil {
			continue
		}
		d := time.Duration(o.Duration) * time.Minute
		out = append(out, core.Session{ID: o.OccurrenceID, Start: start, Duration: d, Past: start.Add(d).Before(now)})
	}
	if len(out) == 0 {
		x := m.external(kind)
		out = append(out, core.Session{Start: x.Start, Duration: x.Duration, Past: x.Start.Add(x.Duration).Before(now)})
	}
	return out, nil
}

// Staff lists the host, the alternative hosts and, for webinars, the
// panelists: Zoom reports them among the participants, and check-in must
// not count them as attendees.
func (c *Client) Staff(ctx context.Context, kind core.MeetingKind, id string) ([]core.StaffMember, error) {
	mid, err := MeetingID(id)
	if err != nil {
		return nil, err
	}
	var m meetingJSON
	if err := c.do(ctx, Light, http.MethodGet, "/"+plural(kind)+"/"+mid, nil, nil, &m); err != nil {
		return nil, err
	}
	var out []core.StaffMember
	if m.HostEmail != "" {
		out = append(out, core.StaffMember{Role: core.RoleHost, Email: m.HostEmail})
	}
	for _, alt := range strings.FieldsFunc(m.Settings.AlternativeHosts, func(r rune) bool { return r == ';' || r == ',' }) {
		if alt = strings.TrimSpace(alt); alt != "" {
			out = append(out, core.StaffMember{Role: core.RoleCoHost, Email: alt})
		}
	}
	if kind != core.KindWebinar {
		return out, nil
	}
	var p struct {
		Panelists []struct {
			Name  string `json:"name"`
			Email string `json:"email"`
		} `json:"panelists"`
	}
	if err := c.do(ctx, Medium, http.MethodGet, "/webinars/"+mid+"/panelists", nil, nil, &p); err != nil {
		return nil, err
	}
	for _, x := range p.Panelists {
		out = append(out, core.StaffMember{Role: core.RolePanelist, Name: x.Name, Email: x.Email})
	}
	return out, nil
}

// occurrenceQuery names the occurrence a registration is for, if any.
func occurrenceQuery(session string) map[string][]string {
	if session == "" {
		return nil
	}
	if _, err := strconv.ParseInt(session, 10, 64); err != nil {
		return nil // not an occurrence ID Zoom could know
	}
	return map[string][]string{"occurrence_ids": {session}}
}
