package gotowebinar

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

type registrantJSON struct {
	RegistrantKey key    `json:"registrantKey"`
	Email         string `json:"email"`
	JoinURL       string `json:"joinUrl"`
	Status        string `json:"status"`
}

func (r registrantJSON) external() core.ExternalRegistrant {
	return core.ExternalRegistrant{ID: string(r.RegistrantKey), Email: r.Email, JoinURL: r.JoinURL, Status: strings.ToLower(r.Status)}
}

// AddRegistrant registers a person with first name, last name, email and
// source. GoTo answers an address it has already with 409: that
// registrant is looked up and returned, never registered twice.
func (c *Client) AddRegistrant(ctx context.Context, _ core.MeetingKind, id string, p core.Person) (core.ExternalRegistrant, error) {
	u, err := c.webinarURL(ctx, id)
	if err != nil {
		return core.ExternalRegistrant{}, err
	}
	first, last := strings.TrimSpace(p.FirstName), strings.TrimSpace(p.LastName)
	if first == "" { // GoTo requires both names
		first, _, _ = strings.Cut(p.Email, "@")
	}
	if last == "" {
		last = "-"
	}
	body := map[string]string{"firstName": trunc(first, 128), "lastName": trunc(last, 128), "email": p.Email}
	if p.Source != "" {
		body["source"] = trunc(p.Source, 128)
	}
	var r registrantJSON
	err = c.do(ctx, http.MethodPost, u+"/registrants", nil, body, &r)
	var perr *core.ProviderError
	if errors.As(err, &perr) && perr.HTTPStatus == http.StatusConflict {
		x, found, ferr := c.FindRegistrant(ctx, core.KindWebinar, id, p.Email)
		if ferr != nil {
			return core.ExternalRegistrant{}, ferr
		}
		if !found {
			return core.ExternalRegistrant{}, err
		}
		return x, nil
	}
	if err != nil {
		return core.ExternalRegistrant{}, err
	}
	x := r.external()
	x.Email = p.Email
	return x, nil
}

func trunc(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// FindRegistrant looks an address up (any case) among the webinar's
// registrants.
func (c *Client) FindRegistrant(ctx context.Context, _ core.MeetingKind, id, email string) (core.ExternalRegistrant, bool, error) {
	u, err := c.webinarURL(ctx, id)
	if err != nil {
		return core.ExternalRegistrant{}, false, err
	}
	var list []registrantJSON
	if err := c.do(ctx, http.MethodGet, u+"/registrants", nil, nil, &list); err != nil {
		return core.ExternalRegistrant{}, false, err
	}
	want := core.EmailKey(email)
	for _, r := range list {
		if core.EmailKey(r.Email) == want {
			return r.external(), true, nil
		}
	}
	return core.ExternalRegistrant{}, false, nil
}

// CancelRegistrant deletes the registrant. GoTo deletes only while the
// webinar is ahead; afterwards it keeps the registration (400), which is
// core.PErrEventOver. A registrant GoTo no longer has is cancelled already.
func (c *Client) CancelRegistrant(ctx context.Context, _ core.MeetingKind, id string, r core.ExternalRegistrant) error {
	u, err := c.webinarURL(ctx, id)
	if err != nil {
		return err
	}
	rk, err := WebinarKey(r.ID)
	if err != nil {
		return err
	}
	err = c.do(ctx, http.MethodDelete, u+"/registrants/"+rk, nil, nil, nil)
	var perr *core.ProviderError
	switch {
	case errors.As(err, &perr) && perr.Kind == core.PErrNotFound:
		return nil
	case errors.As(err, &perr) && perr.HTTPStatus == http.StatusBadRequest:
		perr.Kind = core.PErrEventOver
	}
	return err
}

// ApproveRegistrant checks that a registration GoTo kept is still there.
// GoTo has no approving again: a deleted registrant is registered again
// (Capabilities.Reapprove is false, so the engine pushes anew).
func (c *Client) ApproveRegistrant(ctx context.Context, _ core.MeetingKind, id string, r core.ExternalRegistrant) error {
	u, err := c.webinarURL(ctx, id)
	if err != nil {
		return err
	}
	rk, err := WebinarKey(r.ID)
	if err != nil {
		return err
	}
	return c.do(ctx, http.MethodGet, u+"/registrants/"+rk, nil, nil, nil)
}

type attendeeJSON struct {
	RegistrantKey key    `json:"registrantKey"`
	SessionKey    key    `json:"sessionKey"`
	FirstName     string `json:"firstName"`
	LastName      string `json:"lastName"`
	Email         string `json:"email"`
	Seconds       int64  `json:"attendanceTimeInSeconds"`
	Attendance    []struct {
		Join  time.Time `json:"joinTime"`
		Leave time.Time `json:"leaveTime"`
	} `json:"attendance"`
}

// Participants returns one row per join segment of every attendee of
// every held session; Instance is the session key and RegistrantID the
// registrant key. At GoTo everyone in the report registered there, so a
// row carries the staff role of an organizer, co-organizer or panelist
// who registered too: they are staff, never walk-ins or attendees.
func (c *Client) Participants(ctx context.Context, kind core.MeetingKind, id string) ([]core.JoinRow, error) {
	held, err := c.heldSessions(ctx, id)
	if err != nil || len(held) == 0 {
		return nil, err
	}
	staff, err := c.Staff(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	roles := map[string]core.StaffRole{}
	for _, m := range staff {
		if k := core.EmailKey(m.Email); k != "" && roles[k] == "" {
			roles[k] = m.Role
		}
	}
	u, _ := c.webinarURL(ctx, id)
	var rows []core.JoinRow
	for _, s := range held {
		var list []attendeeJSON
		if err := c.do(ctx, http.MethodGet, u+"/sessions/"+string(s.SessionKey)+"/attendees", nil, nil, &list); err != nil {
			return nil, err
		}
		for _, a := range list {
			base := core.JoinRow{Instance: string(s.SessionKey), ParticipantID: string(a.RegistrantKey),
				Name: joinName(a.FirstName, a.LastName), Email: a.Email, RegistrantID: string(a.RegistrantKey),
				Role: roles[core.EmailKey(a.Email)]}
			if len(a.Attendance) == 0 {
				base.Duration = time.Duration(a.Seconds) * time.Second
				rows = append(rows, base)
			}
			for _, seg := range a.Attendance {
				r := base
				r.JoinTime, r.LeaveTime, r.Duration = seg.Join, seg.Leave, seg.Leave.Sub(seg.Join)
				rows = append(rows, r)
			}
		}
	}
	return rows, nil
}
