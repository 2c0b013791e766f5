package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/track"
)

// settingInstanceID names this data file's Turnout for the tracking
// check. It is not a secret: the click endpoint shows it to anyone.
const settingInstanceID = "instance.id"

// trackCheckTimeout bounds the tracking address check.
const trackCheckTimeout = 10 * time.Second

// WithTrackCheckClient replaces the HTTP client VerifyTrackingURL uses
// (tests route a public-looking address to a loopback endpoint).
func WithTrackCheckClient(c *http.Client) Option { return func(e *Engine) { e.trackCheck = c } }

// InstanceID returns this data file's instance ID, making it on first use.
func (e *Engine) InstanceID(ctx context.Context) (string, error) {
	var id string
	if err := e.store.View(ctx, func(tx core.Tx) error {
		b, err := tx.Setting(settingInstanceID)
		id = string(b)
		return err
	}); err != nil || id != "" {
		return id, err
	}
	err := e.store.Update(ctx, func(tx core.Tx) error {
		b, err := tx.Setting(settingInstanceID)
		if err != nil || len(b) > 0 { // another caller made it first
			id = string(b)
			return err
		}
		raw := make([]byte, 16)
		if _, err := rand.Read(raw); err != nil {
			return err
		}
		id = "turnout-" + hex.EncodeToString(raw)
		return tx.PutSetting(settingInstanceID, []byte(id))
	})
	return id, err
}

// TrackingStatus says whether reminders carry tracked links and, if
// not, why and what to do.
func (e *Engine) TrackingStatus(ctx context.Context) (core.TrackingStatus, error) {
	ts, err := e.TrackSettings(ctx)
	if err != nil {
		return core.TrackingStatus{}, err
	}
	st := ts.Status()
	if trouble := e.endpoint.problem(); trouble != "" {
		// Tracked links lead to this endpoint: while it is down they
		// open nothing, so this comes first.
		st.Counted = false
		st.Text = trouble + " " + st.Text
	}
	return st, nil
}

// VerifyTrackingURL fetches <base URL>/turnout-id and, when this
// Turnout's instance ID comes back, marks the base URL proven so
// reminders carry tracked links. A failed check clears the proof: the
// address no longer leads here.
func (e *Engine) VerifyTrackingURL(ctx context.Context) (TrackSettings, error) {
	ts, err := e.TrackSettings(ctx)
	if err != nil {
		return ts, err
	}
	if ts.DirectLinks {
		return ts, core.Errorf(core.EINVALID, "Click tracking is off (direct links). Turn it on in Settings → Click tracking, then press Check.")
	}
	if ts.PrivateBaseURL() {
		return ts, core.Errorf(core.EINVALID, "%s only works on this computer or the office network, so registrants could not open it. "+
			"Enter the public address your office forwards to Turnout (e.g. https://clicks.example.org) and press Check again.", ts.BaseURL)
	}
	id, err := e.InstanceID(ctx)
	if err != nil {
		return ts, err
	}
	got, checkErr := e.fetchInstanceID(ctx, ts.BaseURL)
	proven := checkErr == nil && got == id
	if checkErr == nil && !proven {
		checkErr = core.Errorf(core.EINVALID, "%s answers, but not from this Turnout (perhaps another computer's). "+
			"Point the address at this computer's click endpoint (%s) and press Check again.", ts.BaseURL, ts.Listen)
	}
	err = e.store.Update(ctx, func(tx core.Tx) error {
		cur, err := readTrackSettings(tx)
		if err != nil || cur.BaseURL != ts.BaseURL {
			return err // changed meanwhile: its proof is already gone
		}
		if proven {
			cur.ProvenBaseURL = cur.BaseURL
		} else {
			cur.ProvenBaseURL = ""
		}
		ts = cur
		return putJSONSetting(tx, settingTrack, cur)
	})
	if err != nil {
		return ts, err
	}
	if checkErr != nil {
		e.log.Info("tracking address check failed", "base_url", ts.BaseURL, "err", checkErr)
		return ts, checkErr
	}
	e.log.Info("tracking address proven", "base_url", ts.BaseURL)
	return ts, nil
}

// fetchInstanceID asks the endpoint behind base for its instance ID.
func (e *Engine) fetchInstanceID(ctx context.Context, base string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, trackCheckTimeout)
	defer cancel()
	c := e.trackCheck
	if c == nil {
		c = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+track.InstancePath, nil)
	if err != nil {
		return "", core.Errorf(core.EINVALID, "%s is not a web address Turnout can check.", base)
	}
	resp, err := c.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = errors.New("no answer within 10 seconds")
		}
		return "", core.Errorf(core.EUNAVAILABLE, "Turnout could not reach itself through %s (%v). "+
			"Check that Turnout is open, the address forwards to this computer's click endpoint, and press Check again.", base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256))
	if err != nil || resp.StatusCode != http.StatusOK {
		return "", core.Errorf(core.EUNAVAILABLE, "%s answered %q instead of Turnout's check. "+
			"Check that the address forwards to this computer's click endpoint and press Check again.", base, resp.Status)
	}
	return strings.TrimSpace(string(body)), nil
}
