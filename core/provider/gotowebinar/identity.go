package gotowebinar

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// identityURL is GoTo's "who am I" address, on the API's host:
// https://api.getgo.com/identity/v1/Users/me.
func (c *Client) identityURL() string {
	base := strings.TrimSuffix(c.api, "/G2W/rest/v2")
	return base + "/identity/v1/Users/me"
}

type identityJSON struct {
	ID    key    `json:"id"` // the organizer key
	Email string `json:"email"`
}

func (c *Client) identity(ctx context.Context) (identityJSON, error) {
	var me identityJSON
	err := c.do(ctx, http.MethodGet, c.identityURL(), nil, nil, &me)
	return me, err
}

// organizer returns the organizer key, asking GoTo once when the account
// did not keep one.
func (c *Client) organizer(ctx context.Context) (string, error) {
	c.mu.Lock()
	org := c.org
	c.mu.Unlock()
	if org != "" {
		return org, nil
	}
	me, err := c.identity(ctx)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	c.org = string(me.ID)
	c.mu.Unlock()
	return string(me.ID), nil
}

// Me returns the email of the organizer the token belongs to.
func (c *Client) Me(ctx context.Context) (string, error) {
	me, err := c.identity(ctx)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	if c.org == "" {
		c.org = string(me.ID)
	}
	c.mu.Unlock()
	return me.Email, nil
}

// TestConnection lists one day of webinars: the token and the organizer
// key both work.
func (c *Client) TestConnection(ctx context.Context) error {
	org, err := c.organizer(ctx)
	if err != nil {
		return err
	}
	now := c.now().UTC().Truncate(time.Second)
	q := url.Values{"fromTime": {now.Format(time.RFC3339)}, "toTime": {now.Add(24 * time.Hour).Format(time.RFC3339)}, "size": {"1"}}
	return c.do(ctx, http.MethodGet, c.api+"/organizers/"+org+"/webinars", q, nil, nil)
}
