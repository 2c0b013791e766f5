package zoom

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

// MeetingID normalises a meeting ID as staff type it ("915 3384 2071",
// "915-3384-2071") to Zoom's digits.
func MeetingID(s string) (string, error) {
	d := strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(strings.TrimSpace(s))
	if _, err := strconv.ParseInt(d, 10, 64); err != nil || d == "" {
		return "", core.Errorf(core.EINVALID, "Zoom ID %q is not a number; copy the meeting or webinar ID from Zoom (e.g. 915 3384 2071).", s)
	}
	return d, nil
}

func plural(kind core.MeetingKind) string {
	if kind == core.KindWebinar {
		return "webinars"
	}
	return "meetings"
}

// EncodeUUID escapes a meeting UUID for a path. Zoom wants UUIDs that start
// with "/" or contain "//" encoded twice; others once.
func EncodeUUID(u string) string {
	if strings.HasPrefix(u, "/") || strings.Contains(u, "//") {
		return url.QueryEscape(url.QueryEscape(u))
	}
	return url.PathEscape(u)
}

type meetingJSON struct {
	ID          int64  `json:"id"`
	UUID        string `json:"uuid"`
	Topic       string `json:"topic"`
	Type        int    `json:"type"`
	StartTime   string `json:"start_time"`
	Timezone    string `json:"timezone"`
	Duration    int    `json:"duration"`
	JoinURL     string `json:"join_url"`
	Password    string `json:"password"`
	HostEmail   string `json:"host_email"`
	Occurrences []struct {
		OccurrenceID string `json:"occurrence_id"`
		StartTime    string `json:"start_time"`
		Duration     int    `json:"duration"`
		Status       string `json:"status"`
	} `json:"occurrences"`
	Settings struct {
		ApprovalType *int `json:"approval_type"`
		// AlternativeHosts are emails separated by ";" (or "," in older
		// answers): staff who may start the meeting.
		AlternativeHosts string `json:"alternative_hosts"`
	} `json:"settings"`
}

func (m meetingJSON) external(kind core.MeetingKind) core.ExternalMeeting {
	x := core.ExternalMeeting{Kind: kind, ID: strconv.FormatInt(m.ID, 10), Topic: m.Topic, TimeZone: m.Timezone,
		Duration: time.Duration(m.Duration) * time.Minute, JoinURL: m.JoinURL, Password: m.Password,
		HostEmail: m.HostEmail, Recurring: m.Type == 3 || m.Type == 8 || m.Type == 6 || m.Type == 9,
		RegistrationRequired: m.Settings.ApprovalType != nil && *m.Settings.ApprovalType != 2}
	x.Start, _ = time.Parse(time.RFC3339, m.StartTime)
	if len(m.Occurrences) > 0 {
		// A recurring event: the next occurrence is the one to link.
		for _, o := range m.Occurrences {
			if o.Status == "deleted" {
				continue
			}
			if t, err := time.Parse(time.RFC3339, o.StartTime); err == nil {
				x.Start = t
				if o.Duration > 0 {
					x.Duration = time.Duration(o.Duration) * time.Minute
				}
				break
			}
		}
	}
	return x
}

// Meeting reads one meeting or webinar.
func (c *Client) Meeting(ctx context.Context, kind core.MeetingKind, id string) (core.ExternalMeeting, error) {
	mid, err := MeetingID(id)
	if err != nil {
		return core.ExternalMeeting{}, err
	}
	var m meetingJSON
	if err := c.do(ctx, Light, http.MethodGet, "/"+plural(kind)+"/"+mid, nil, nil, &m); err != nil {
		return core.ExternalMeeting{}, err
	}
	return m.external(kind), nil
}

type pageJSON struct {
	PageSize      int    `json:"page_size"`
	TotalRecords  int    `json:"total_records"`
	NextPageToken string `json:"next_page_token"`
}

// pageSize is Zoom's largest page.
const pageSize = 300

// maxRestarts bounds how often a listing starts over after its page token
// expired (tokens live 15 minutes).
const maxRestarts = 3

// pages fetches every page of a listing into fresh state: reset is called
// before the first page and again whenever Zoom says the page token has
// expired, so a restart never keeps rows twice.
func (c *Client) pages(ctx context.Context, label Label, path string, q url.Values, reset func(), page func() (any, func() string)) error {
	for restart := 0; ; restart++ {
		reset()
		token := ""
		var err error
		for {
			qq := url.Values{}
			for k, v := range q {
				qq[k] = v
			}
			qq.Set("page_size", strconv.Itoa(pageSize))
			if token != "" {
				qq.Set("next_page_token", token)
			}
			out, next := page()
			if err = c.do(ctx, label, http.MethodGet, path, qq, nil, out); err != nil {
				break
			}
			if token = next(); token == "" {
				return nil
			}
		}
		if !errors.Is(err, errPageTokenExpired) || restart >= maxRestarts {
			return err
		}
	}
}

// Meetings lists upcoming meetings and the account's webinars.
func (c *Client) Meetings(ctx context.Context) ([]core.ExternalMeeting, error) {
	var out []core.ExternalMeeting
	for _, kind := range []core.MeetingKind{core.KindMeeting, core.KindWebinar} {
		var list []core.ExternalMeeting
		q := url.Values{}
		if kind == core.KindMeeting {
			q.Set("type", "upcoming")
		}
		err := c.pages(ctx, Medium, "/users/"+url.PathEscape(c.user)+"/"+plural(kind), q, func() { list = list[:0] },
			func() (any, func() string) {
				var p struct {
					pageJSON
					Meetings []meetingJSON `json:"meetings"`
					Webinars []meetingJSON `json:"webinars"`
				}
				return &p, func() string {
					for _, m := range append(p.Meetings, p.Webinars...) {
						list = append(list, m.external(kind))
					}
					return p.NextPageToken
				}
			})
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	return out, nil
}

type registrantJSON struct {
	ID      string `json:"id"`
	Email   string `json:"email"`
	JoinURL string `json:"join_url"`
	Status  string `json:"status"`
}

func (r registrantJSON) external() core.ExternalRegistrant {
	return core.ExternalRegistrant{ID: r.ID, Email: r.Email, JoinURL: r.JoinURL, Status: r.Status}
}

// AddRegistrant registers a person; Zoom answers an address it already has
// with that same registrant.
func (c *Client) AddRegistrant(ctx context.Context, kind core.MeetingKind, id string, p core.Person) (core.ExternalRegistrant, error) {
	mid, err := MeetingID(id)
	if err != nil {
		return core.ExternalRegistrant{}, err
	}
	first := p.FirstName
	if first == "" { // Zoom requires a first name
		first, _, _ = strings.Cut(p.Email, "@")
	}
	body := map[string]string{"email": p.Email, "first_name": trunc(first, 64)}
	if p.LastName != "" {
		body["last_name"] = trunc(p.LastName, 64)
	}
	var r struct { // "id" here is the meeting's
		RegistrantID string `json:"registrant_id"`
		JoinURL      string `json:"join_url"`
	}
	if err := c.do(ctx, Light, http.MethodPost, "/"+plural(kind)+"/"+mid+"/registrants", occurrenceQuery(p.Session), body, &r); err != nil {
		return core.ExternalRegistrant{}, err
	}
	return core.ExternalRegistrant{ID: r.RegistrantID, JoinURL: r.JoinURL, Email: p.Email, Session: p.Session}, nil
}

func trunc(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// FindRegistrant looks an address up among approved and pending
// registrants.
func (c *Client) FindRegistrant(ctx context.Context, kind core.MeetingKind, id, email string) (core.ExternalRegistrant, bool, error) {
	mid, err := MeetingID(id)
	if err != nil {
		return core.ExternalRegistrant{}, false, err
	}
	key := core.EmailKey(email)
	for _, status := range []string{"approved", "pending"} {
		var found *core.ExternalRegistrant
		err := c.pages(ctx, Medium, "/"+plural(kind)+"/"+mid+"/registrants", url.Values{"status": {status}},
			func() { found = nil },
			func() (any, func() string) {
				var p struct {
					pageJSON
					Registrants []registrantJSON `json:"registrants"`
				}
				return &p, func() string {
					for _, r := range p.Registrants {
						if core.EmailKey(r.Email) == key && found == nil {
							x := r.external()
							found = &x
						}
					}
					if found != nil {
						return ""
					}
					return p.NextPageToken
				}
			})
		if err != nil {
			return core.ExternalRegistrant{}, false, err
		}
		if found != nil {
			return *found, true, nil
		}
	}
	return core.ExternalRegistrant{}, false, nil
}

func (c *Client) setStatus(ctx context.Context, kind core.MeetingKind, id, action string, r core.ExternalRegistrant) error {
	mid, err := MeetingID(id)
	if err != nil {
		return err
	}
	one := map[string]string{"id": r.ID}
	if r.Email != "" && kind == core.KindMeeting {
		one["email"] = r.Email
	}
	body := map[string]any{"action": action, "registrants": []map[string]string{one}}
	return c.do(ctx, Medium, http.MethodPut, "/"+plural(kind)+"/"+mid+"/registrants/status", nil, body, nil)
}

// CancelRegistrant cancels a registration.
func (c *Client) CancelRegistrant(ctx context.Context, kind core.MeetingKind, id string, r core.ExternalRegistrant) error {
	return c.setStatus(ctx, kind, id, "cancel", r)
}

// ApproveRegistrant approves a registration again.
func (c *Client) ApproveRegistrant(ctx context.Context, kind core.MeetingKind, id string, r core.ExternalRegistrant) error {
	return c.setStatus(ctx, kind, id, "approve", r)
}

type participantJSON struct {
	ID           string `json:"id"`
	UserID       string `json:"user_id"`
	Name         string `json:"name"`
	UserEmail    string `json:"user_email"`
	JoinTime     string `json:"join_time"`
	LeaveTime    string `json:"leave_time"`
	Duration     int    `json:"duration"`
	RegistrantID string `json:"registrant_id"`
}

// Instances returns the UUIDs of an event's held instances, oldest first.
// An event never held, or not recurring, gives its numeric ID alone.
func (c *Client) Instances(ctx context.Context, kind core.MeetingKind, id string) ([]string, error) {
	mid, err := MeetingID(id)
	if err != nil {
		return nil, err
	}
	var out struct {
		Meetings []struct {
			UUID      string `json:"uuid"`
			StartTime string `json:"start_time"`
		} `json:"meetings"`
		Webinars []struct {
			UUID      string `json:"uuid"`
			StartTime string `json:"start_time"`
		} `json:"webinars"`
	}
	err = c.do(ctx, Medium, http.MethodGet, "/past_"+plural(kind)+"/"+mid+"/instances", nil, nil, &out)
	var perr *core.ProviderError
	if errors.As(err, &perr) && perr.Kind == core.PErrNotFound {
		return []string{mid}, nil
	} else if err != nil {
		return nil, err
	}
	var uuids []string
	for _, m := range append(out.Meetings, out.Webinars...) {
		uuids = append(uuids, m.UUID)
	}
	if len(uuids) == 0 {
		return []string{mid}, nil
	}
	return uuids, nil
}

// Participants returns every join of every held instance: the report API
// first (it carries registrant IDs), the past-participants API when the
// report is not ready or not allowed.
func (c *Client) Participants(ctx context.Context, kind core.MeetingKind, id string) ([]core.JoinRow, error) {
	instances, err := c.Instances(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	var rows []core.JoinRow
	for _, inst := range instances {
		got, err := c.instanceParticipants(ctx, kind, inst)
		if err != nil {
			return nil, err
		}
		rows = append(rows, got...)
	}
	return rows, nil
}

func (c *Client) instanceParticipants(ctx context.Context, kind core.MeetingKind, inst string) ([]core.JoinRow, error) {
	var rows []core.JoinRow
	collect := func() { rows = rows[:0] }
	page := func() (any, func() string) {
		var p struct {
			pageJSON
			Participants []participantJSON `json:"participants"`
		}
		return &p, func() string {
			for _, r := range p.Participants {
				rows = append(rows, r.row(inst))
			}
			return p.NextPageToken
		}
	}
	enc := EncodeUUID(inst)
	q := url.Values{"include_fields": {"registrant_id"}}
	err := c.pages(ctx, Heavy, "/report/"+plural(kind)+"/"+enc+"/participants", q, collect, page)
	var perr *core.ProviderError
	if errors.As(err, &perr) && fallbackFromReport(perr) {
		err = c.pages(ctx, Medium, "/past_"+plural(kind)+"/"+enc+"/participants", nil, collect, page)
	}
	if err != nil {
		return nil, fmt.Errorf("participants of %s: %w", inst, err)
	}
	return rows, nil
}

// fallbackFromReport: report not allowed on this plan (200), not ready or
// not found (3001, 404), too old (12702), forbidden.
func fallbackFromReport(e *core.ProviderError) bool {
	return e.Code == 200 || e.Code == 12702 || e.HTTPStatus == http.StatusForbidden || e.Kind == core.PErrNotFound
}

func (p participantJSON) row(inst string) core.JoinRow {
	r := core.JoinRow{Instance: inst, ParticipantID: p.UserID, Name: p.Name, Email: p.UserEmail,
		RegistrantID: p.RegistrantID, Duration: time.Duration(p.Duration) * time.Second}
	if r.ParticipantID == "" {
		r.ParticipantID = p.ID
	}
	r.JoinTime, _ = time.Parse(time.RFC3339, p.JoinTime)
	r.LeaveTime, _ = time.Parse(time.RFC3339, p.LeaveTime)
	return r
}
