package gotowebinar

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/turnout-app/turnout/core"
)

// ImportRange is how far back and ahead Meetings lists webinars.
const ImportRange = 365 * 24 * time.Hour

// pageSize is GoTo's largest page.
const pageSize = 200

type timeRange struct {
	Start time.Time `json:"startTime"`
	End   time.Time `json:"endTime"`
}

type webinarJSON struct {
	WebinarKey      key         `json:"webinarKey"`
	Subject         string      `json:"subject"`
	Description     string      `json:"description"`
	Times           []timeRange `json:"times"`
	TimeZone        string      `json:"timeZone"`
	RegistrationURL string      `json:"registrationUrl"`
	Type            string      `json:"type"`           // getWebinar
	RecurrenceType  string      `json:"recurrenceType"` // getWebinars
	OrganizerEmail  string      `json:"organizerEmail"`
	OrganizerName   string      `json:"organizerName"`
	// RecurrenceKey is shared by the webinars of one series.
	RecurrenceKey key `json:"recurrenceKey"`
}

func (w webinarJSON) kind() string {
	if w.Type != "" {
		return w.Type
	}
	return w.RecurrenceType
}

// external describes a webinar: its next time (or its first, when none
// is ahead); a sequence is one event whose sessions Sessions lists.
func (w webinarJSON) external(now time.Time) core.ExternalMeeting {
	x := core.ExternalMeeting{Kind: core.KindWebinar, ID: string(w.WebinarKey), Topic: w.Subject, TimeZone: w.TimeZone,
		JoinURL: w.RegistrationURL, RegistrationRequired: true, Recurring: w.kind() == "sequence",
		HostEmail: w.OrganizerEmail, Description: w.Description}
	if w.kind() == "series" {
		x.SeriesKey = string(w.RecurrenceKey)
	}
	if len(w.Times) > 0 {
		t := w.Times[0]
		if x.Recurring {
			for _, tt := range w.Times {
				if tt.End.After(now) {
					t = tt
					break
				}
			}
		}
		x.Start, x.Duration = t.Start, t.End.Sub(t.Start)
	}
	return x
}

func (c *Client) webinarURL(ctx context.Context, id string) (string, error) {
	wk, err := WebinarKey(id)
	if err != nil {
		return "", err
	}
	org, err := c.organizer(ctx)
	if err != nil {
		return "", err
	}
	return c.api + "/organizers/" + org + "/webinars/" + wk, nil
}

func (c *Client) webinar(ctx context.Context, id string) (webinarJSON, error) {
	var w webinarJSON
	u, err := c.webinarURL(ctx, id)
	if err == nil {
		err = c.do(ctx, http.MethodGet, u, nil, nil, &w)
	}
	return w, err
}

// Meeting reads one webinar. A sequence whose sessions are all held
// lists no times any more: its held sessions give the start.
func (c *Client) Meeting(ctx context.Context, _ core.MeetingKind, id string) (core.ExternalMeeting, error) {
	w, err := c.webinar(ctx, id)
	if err != nil {
		return core.ExternalMeeting{}, err
	}
	x := w.external(c.now())
	if len(w.Times) == 0 {
		held, err := c.heldSessions(ctx, id)
		if err != nil {
			return core.ExternalMeeting{}, err
		}
		if len(held) > 0 {
			x.Start, x.Duration = held[0].StartTime, held[0].EndTime.Sub(held[0].StartTime)
		}
	}
	return x, nil
}

type pageInfo struct {
	TotalPages int `json:"totalPages"`
	Number     int `json:"number"`
}

// Meetings lists every webinar of the organizer from a year back to a
// year ahead, page by page. Each webinar of a series is one meeting; a
// sequence is one.
func (c *Client) Meetings(ctx context.Context) ([]core.ExternalMeeting, error) {
	org, err := c.organizer(ctx)
	if err != nil {
		return nil, err
	}
	now := c.now().UTC().Truncate(time.Second)
	var out []core.ExternalMeeting
	seen := map[key]bool{}
	for page := 0; ; page++ {
		q := url.Values{"fromTime": {now.Add(-ImportRange).Format(time.RFC3339)}, "toTime": {now.Add(ImportRange).Format(time.RFC3339)},
			"page": {strconv.Itoa(page)}, "size": {strconv.Itoa(pageSize)}}
		var p struct {
			Embedded struct {
				Webinars []webinarJSON `json:"webinars"`
			} `json:"_embedded"`
			Page pageInfo `json:"page"`
		}
		if err := c.do(ctx, http.MethodGet, c.api+"/organizers/"+org+"/webinars", q, nil, &p); err != nil {
			return nil, err
		}
		for _, w := range p.Embedded.Webinars {
			if !seen[w.WebinarKey] { // a page boundary moved by a new webinar
				seen[w.WebinarKey] = true
				out = append(out, w.external(now))
			}
		}
		if len(p.Embedded.Webinars) == 0 || p.Page.Number+1 >= p.Page.TotalPages {
			return out, nil
		}
	}
}

type sessionJSON struct {
	SessionKey key       `json:"sessionKey"`
	StartTime  time.Time `json:"startTime"`
	EndTime    time.Time `json:"endTime"`
}

// heldSessions lists a webinar's held sessions, every page.
func (c *Client) heldSessions(ctx context.Context, id string) ([]sessionJSON, error) {
	u, err := c.webinarURL(ctx, id)
	if err != nil {
		return nil, err
	}
	var out []sessionJSON
	for page := 0; ; page++ {
		var p struct {
			Embedded struct {
				Sessions []sessionJSON `json:"sessionInfoResources"`
			} `json:"_embedded"`
			Page pageInfo `json:"page"`
		}
		q := url.Values{"page": {strconv.Itoa(page)}, "size": {strconv.Itoa(pageSize)}}
		if err := c.do(ctx, http.MethodGet, u+"/sessions", q, nil, &p); err != nil {
			return nil, err
		}
		out = append(out, p.Embedded.Sessions...)
		if len(p.Embedded.Sessions) == 0 || p.Page.Number+1 >= p.Page.TotalPages {
			return out, nil
		}
	}
}

// Sessions lists a webinar's sessions oldest first: the held ones (by
// session key) and the times still ahead (by their start, as GoTo gives
// them no key before they are held).
func (c *Client) Sessions(ctx context.Context, _ core.MeetingKind, id string) ([]core.Session, error) {
	w, err := c.webinar(ctx, id)
	if err != nil {
		return nil, err
	}
	held, err := c.heldSessions(ctx, id)
	if err != nil {
		return nil, err
	}
	now := c.now()
	var out []core.Session
	last := time.Time{}
	for _, s := range held {
		out = append(out, core.Session{ID: string(s.SessionKey), Start: s.StartTime, Duration: s.EndTime.Sub(s.StartTime), Past: true})
		last = s.StartTime
	}
	for _, t := range w.Times {
		if t.Start.After(last) && t.End.After(now) {
			out = append(out, core.Session{ID: t.Start.UTC().Format(time.RFC3339), Start: t.Start, Duration: t.End.Sub(t.Start)})
		}
	}
	return out, nil
}

// Staff lists the organizer, the co-organizers and the panelists.
func (c *Client) Staff(ctx context.Context, _ core.MeetingKind, id string) ([]core.StaffMember, error) {
	w, err := c.webinar(ctx, id)
	if err != nil {
		return nil, err
	}
	u, _ := c.webinarURL(ctx, id)
	var out []core.StaffMember
	if w.OrganizerEmail != "" {
		out = append(out, core.StaffMember{Role: core.RoleOrganizer, Name: w.OrganizerName, Email: w.OrganizerEmail})
	}
	var co []struct {
		Email     string `json:"email"`
		GivenName string `json:"givenName"`
		Surname   string `json:"surname"`
	}
	if err := c.do(ctx, http.MethodGet, u+"/coorganizers", nil, nil, &co); err != nil {
		return nil, err
	}
	for _, p := range co {
		out = append(out, core.StaffMember{Role: core.RoleCoHost, Name: joinName(p.GivenName, p.Surname), Email: p.Email})
	}
	var pan []struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	if err := c.do(ctx, http.MethodGet, u+"/panelists", nil, nil, &pan); err != nil {
		return nil, err
	}
	for _, p := range pan {
		out = append(out, core.StaffMember{Role: core.RolePanelist, Name: p.Name, Email: p.Email})
	}
	return out, nil
}

func joinName(first, last string) string {
	switch {
	case first == "":
		return last
	case last == "":
		return first
	}
	return first + " " + last
}
