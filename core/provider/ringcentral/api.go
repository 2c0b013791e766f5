package ringcentral

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

const (
	cfgPath  = "/webinar/configuration/v1"
	regPath  = "/webinar/registration/v1"
	histPath = "/webinar/history/v1"
)

// Ref splits an event's provider ID, "WEBINAR/SESSION" (core.Location
// ProviderID), into the webinar ID and the session ID.
func Ref(id string) (webinar, session string, err error) {
	webinar, session, _ = strings.Cut(strings.TrimSpace(id), "/")
	webinar, session = strings.TrimSpace(webinar), strings.TrimSpace(session)
	if webinar == "" || session == "" || len(webinar) > 20 || len(session) > 20 {
		return "", "", core.Errorf(core.EINVALID, "RingCentral needs the webinar ID and the session ID (%q); copy both from the webinar's page in RingCentral Webinar.", id)
	}
	return webinar, session, nil
}

// Capabilities: what a connected RingCentral account does.
func (c *Client) Capabilities() core.Capabilities { return Capabilities }

// TestConnection gets a token and lists one of the user's sessions.
func (c *Client) TestConnection(ctx context.Context) error {
	q := url.Values{"endTimeFrom": {c.now().UTC().Format(time.RFC3339)}, "perPage": {"1"}}
	return c.do(ctx, http.MethodGet, cfgPath+"/sessions", q, nil, nil)
}

type sessionJSON struct {
	ID                 string `json:"id"`
	Title              string `json:"title"`
	ScheduledStartTime string `json:"scheduledStartTime"`
	ScheduledDuration  int    `json:"scheduledDuration"` // seconds
	TimeZone           string `json:"timeZone"`
	Status             string `json:"status"`
	AttendeeJoinURI    string `json:"attendeeJoinUri"`
	Webinar            struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	} `json:"webinar"`
}

func (s sessionJSON) session(now time.Time) core.Session {
	start, _ := time.Parse(time.RFC3339, s.ScheduledStartTime)
	d := time.Duration(s.ScheduledDuration) * time.Second
	return core.Session{ID: s.ID, Start: start, Duration: d, Past: s.Status == "Finished" || start.Add(d).Before(now)}
}

// Meeting reads the webinar's title and the session's times, join page
// and registration status (RegistrationRequired: registration is open).
func (c *Client) Meeting(ctx context.Context, kind core.MeetingKind, id string) (core.ExternalMeeting, error) {
	wid, sid, err := Ref(id)
	if err != nil {
		return core.ExternalMeeting{}, err
	}
	var wb struct {
		Title string `json:"title"`
	}
	if err := c.do(ctx, http.MethodGet, cfgPath+"/webinars/"+url.PathEscape(wid), nil, nil, &wb); err != nil {
		return core.ExternalMeeting{}, err
	}
	var ss sessionJSON
	if err := c.do(ctx, http.MethodGet, cfgPath+"/webinars/"+url.PathEscape(wid)+"/sessions/"+url.PathEscape(sid), nil, nil, &ss); err != nil {
		return core.ExternalMeeting{}, err
	}
	reg, err := c.registration(ctx, sid)
	if err != nil {
		return core.ExternalMeeting{}, err
	}
	x := core.ExternalMeeting{Kind: core.KindWebinar, ID: wid + "/" + sid, Topic: wb.Title, TimeZone: ss.TimeZone,
		JoinURL: reg.RegistrationPageURI, RegistrationRequired: reg.RegistrationStatus == "Open"}
	if !x.RegistrationRequired {
		x.RegistrationNote = msgRegistrationClosed
	}
	if ss.Title != "" && ss.Title != wb.Title {
		x.Topic = wb.Title + " — " + ss.Title
	}
	s := ss.session(c.now())
	x.Start, x.Duration = s.Start, s.Duration
	if x.JoinURL == "" {
		x.JoinURL = ss.AttendeeJoinURI
	}
	return x, nil
}

type regSession struct {
	RegistrationStatus  string `json:"registrationStatus"`
	RegistrationPageURI string `json:"registrationPageUri"`
}

func (c *Client) registration(ctx context.Context, sid string) (regSession, error) {
	var r regSession
	err := c.do(ctx, http.MethodGet, regPath+"/sessions/"+url.PathEscape(sid), nil, nil, &r)
	return r, err
}

// Meetings is not offered: RingCentral webinars are linked one session at
// a time (Capabilities.Import is off).
func (c *Client) Meetings(context.Context) ([]core.ExternalMeeting, error) { return nil, nil }

// page is one page of any listing.
type page[T any] struct {
	Records []T `json:"records"`
	Paging  struct {
		NextPageToken string `json:"nextPageToken"`
	} `json:"paging"`
}

// pages walks a listing with perPage/pageToken, handing each page's
// records to take.
func pages[T any](ctx context.Context, c *Client, path string, q url.Values, take func([]T)) error {
	if q == nil {
		q = url.Values{}
	}
	q.Set("perPage", "1000")
	for {
		var p page[T]
		if err := c.do(ctx, http.MethodGet, path, q, nil, &p); err != nil {
			return err
		}
		take(p.Records)
		if p.Paging.NextPageToken == "" {
			return nil
		}
		q.Set("pageToken", p.Paging.NextPageToken)
	}
}

// Sessions lists the webinar's sessions, oldest first, from the user's
// sessions listing (those that end from a year ago on).
func (c *Client) Sessions(ctx context.Context, kind core.MeetingKind, id string) ([]core.Session, error) {
	wid, _, _ := strings.Cut(strings.TrimSpace(id), "/")
	if wid == "" {
		return nil, core.Errorf(core.EINVALID, "Give the RingCentral webinar ID to list its sessions.")
	}
	now := c.now()
	var out []core.Session
	q := url.Values{"endTimeFrom": {now.AddDate(-1, 0, 0).UTC().Format(time.RFC3339)}}
	err := pages(ctx, c, cfgPath+"/sessions", q, func(list []sessionJSON) {
		for _, s := range list {
			if s.Webinar.ID == wid {
				out = append(out, s.session(now))
			}
		}
	})
	return out, err
}

// Staff lists the session's invitees: host, co-hosts and panelists.
func (c *Client) Staff(ctx context.Context, kind core.MeetingKind, id string) ([]core.StaffMember, error) {
	wid, sid, err := Ref(id)
	if err != nil {
		return nil, err
	}
	var out []core.StaffMember
	path := cfgPath + "/webinars/" + url.PathEscape(wid) + "/sessions/" + url.PathEscape(sid) + "/invitees"
	err = pages(ctx, c, path, nil, func(list []inviteeJSON) {
		for _, in := range list {
			if role := staffRole(in.Role); role != "" {
				out = append(out, core.StaffMember{Role: role, Name: strings.TrimSpace(in.FirstName + " " + in.LastName), Email: in.Email})
			}
		}
	})
	return out, err
}

// staffRole maps RingCentral's roles; an attendee is nobody's staff.
func staffRole(role string) core.StaffRole {
	switch role {
	case "Host":
		return core.RoleHost
	case "CoHost":
		return core.RoleCoHost
	case "Panelist":
		return core.RolePanelist
	}
	return ""
}

// Participants returns the session's history: one row per device, with
// its earliest join and latest leave (the engine unions a person's
// devices), registrantId, and staff roles from role/originalRole.
func (c *Client) Participants(ctx context.Context, kind core.MeetingKind, id string) ([]core.JoinRow, error) {
	wid, sid, err := Ref(id)
	if err != nil {
		return nil, err
	}
	var rows []core.JoinRow
	path := histPath + "/webinars/" + url.PathEscape(wid) + "/sessions/" + url.PathEscape(sid) + "/participants"
	err = pages(ctx, c, path, nil, func(list []participantJSON) {
		for _, x := range list {
			r := core.JoinRow{Instance: sid, ParticipantID: x.ID, Name: strings.TrimSpace(x.FirstName + " " + x.LastName),
				Email: x.Email, RegistrantID: x.RegistrantID, Role: staffRole(x.Role)}
			if r.Role == "" {
				r.Role = staffRole(x.OriginalRole)
			}
			r.JoinTime, _ = time.Parse(time.RFC3339, x.JoinTime)
			r.LeaveTime, _ = time.Parse(time.RFC3339, x.LeaveTime)
			if r.LeaveTime.After(r.JoinTime) {
				r.Duration = r.LeaveTime.Sub(r.JoinTime)
			}
			rows = append(rows, r)
		}
	})
	return rows, err
}

type inviteeJSON struct {
	Role      string `json:"role"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
	Email     string `json:"email"`
}

type participantJSON struct {
	ID           string `json:"id"`
	FirstName    string `json:"firstName"`
	LastName     string `json:"lastName"`
	Email        string `json:"email"`
	Role         string `json:"role"`
	OriginalRole string `json:"originalRole"`
	JoinTime     string `json:"joinTime"`
	LeaveTime    string `json:"leaveTime"`
	RegistrantID string `json:"registrantId"`
}
