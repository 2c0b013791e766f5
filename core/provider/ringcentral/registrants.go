package ringcentral

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/turnout-app/turnout/core"
)

type registrantJSON struct {
	ID              string `json:"id"`
	FirstName       string `json:"firstName"`
	LastName        string `json:"lastName"`
	Email           string `json:"email"`
	JoinURI         string `json:"joinUri"`
	CancellationURI string `json:"cancellationUri"`
	ExternalID      string `json:"externalId"`
	Source          string `json:"source"`
	ParticipantID   string `json:"participantId"`
}

func (r registrantJSON) external(session string) core.ExternalRegistrant {
	return core.ExternalRegistrant{ID: r.ID, Email: r.Email, JoinURL: r.JoinURI, CancelURL: r.CancellationURI,
		Status: "approved", Session: session}
}

// msgRegistrationClosed is what staff read when a push meets a session
// whose registration is closed.
const msgRegistrationClosed = "Registration is closed for this session in RingCentral; open it there, then Push again."

// AddRegistrant creates a registrant for the session with Turnout's
// reference (externalId) and the campaign (source). An address already
// registered (409) is looked up and returned, never created twice.
func (c *Client) AddRegistrant(ctx context.Context, kind core.MeetingKind, id string, p core.Person) (core.ExternalRegistrant, error) {
	_, sid, err := Ref(id)
	if err != nil {
		return core.ExternalRegistrant{}, err
	}
	first := p.FirstName
	if first == "" { // RingCentral requires one
		first, _, _ = strings.Cut(p.Email, "@")
	}
	body := map[string]string{"firstName": trunc(first, 64), "lastName": trunc(p.LastName, 64), "email": p.Email}
	if p.ExternalID != "" {
		body["externalId"] = p.ExternalID
	}
	if p.Source != "" {
		body["source"] = p.Source
	}
	var r registrantJSON
	err = c.do(ctx, http.MethodPost, regPath+"/sessions/"+url.PathEscape(sid)+"/registrants", nil, body, &r)
	var perr *core.ProviderError
	switch {
	case errors.As(err, &perr) && perr.HTTPStatus == http.StatusConflict:
		x, found, ferr := c.FindRegistrant(ctx, kind, id, p.Email)
		if ferr != nil {
			return core.ExternalRegistrant{}, ferr
		}
		if found {
			return x, nil
		}
		return core.ExternalRegistrant{}, err
	case errors.As(err, &perr) && perr.HTTPStatus == http.StatusForbidden:
		perr.Kind, perr.Advice = core.PErrRegistrationDisabled, msgRegistrationClosed
		return core.ExternalRegistrant{}, err
	case err != nil:
		return core.ExternalRegistrant{}, err
	}
	return r.external(sid), nil
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

// FindRegistrant looks an address up among the session's registrants.
func (c *Client) FindRegistrant(ctx context.Context, kind core.MeetingKind, id, email string) (core.ExternalRegistrant, bool, error) {
	_, sid, err := Ref(id)
	if err != nil {
		return core.ExternalRegistrant{}, false, err
	}
	key := core.EmailKey(email)
	var found *registrantJSON
	err = pages(ctx, c, regPath+"/sessions/"+url.PathEscape(sid)+"/registrants", nil, func(list []registrantJSON) {
		for i := range list {
			if found == nil && core.EmailKey(list[i].Email) == key {
				found = &list[i]
			}
		}
	})
	if err != nil || found == nil {
		return core.ExternalRegistrant{}, false, err
	}
	return found.external(sid), true, nil
}

// Registrant reads one registrant (with participantId once they joined).
func (c *Client) Registrant(ctx context.Context, id, registrantID string) (core.ExternalRegistrant, bool, error) {
	_, sid, err := Ref(id)
	if err != nil {
		return core.ExternalRegistrant{}, false, err
	}
	var r registrantJSON
	err = c.do(ctx, http.MethodGet, regPath+"/sessions/"+url.PathEscape(sid)+"/registrants/"+url.PathEscape(registrantID), nil, nil, &r)
	x := r.external(sid)
	return x, r.ParticipantID != "", err
}

// AttendedRegistrants lists the IDs of the session's registrants that
// RingCentral marks as joined (they have a participantId), for the
// engine's cross-check of a check-in (core.AttendanceCrossCheck).
func (c *Client) AttendedRegistrants(ctx context.Context, kind core.MeetingKind, id string) ([]string, error) {
	_, sid, err := Ref(id)
	if err != nil {
		return nil, err
	}
	var ids []string
	err = pages(ctx, c, regPath+"/sessions/"+url.PathEscape(sid)+"/registrants", nil, func(list []registrantJSON) {
		for _, r := range list {
			if r.ParticipantID != "" {
				ids = append(ids, r.ID)
			}
		}
	})
	return ids, err
}

var _ core.AttendanceCrossCheck = (*Client)(nil)

// CancelRegistrant deletes the registration. RingCentral refuses once the
// session is finished: core.PErrEventOver, and Turnout keeps the
// cancellation locally. A registrant already gone is cancelled.
func (c *Client) CancelRegistrant(ctx context.Context, kind core.MeetingKind, id string, r core.ExternalRegistrant) error {
	_, sid, err := Ref(id)
	if err != nil {
		return err
	}
	err = c.do(ctx, http.MethodDelete, regPath+"/sessions/"+url.PathEscape(sid)+"/registrants/"+url.PathEscape(r.ID), nil, nil, nil)
	var perr *core.ProviderError
	switch {
	case errors.As(err, &perr) && perr.HTTPStatus == http.StatusNotFound:
		return nil
	case errors.As(err, &perr) && perr.HTTPStatus == http.StatusForbidden:
		perr.Kind = core.PErrEventOver
		perr.Advice = "RingCentral keeps the registrations of a finished session, so this cancellation is kept in Turnout only."
	}
	return err
}

// ApproveRegistrant registers a cancelled person again: RingCentral
// deleted them, so nothing is left to approve; the engine adds them anew.
func (c *Client) ApproveRegistrant(ctx context.Context, kind core.MeetingKind, id string, r core.ExternalRegistrant) error {
	return &core.ProviderError{Kind: core.PErrNotFound, Provider: c.name, HTTPStatus: http.StatusNotFound,
		Message: "a deleted RingCentral registrant cannot be approved again"}
}
