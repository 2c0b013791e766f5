package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// EventSync is where one event's registrants stand with its provider, as
// the screens summarise it.
type EventSync struct {
	// Managed is false for events Turnout does not push to a provider;
	// the other fields are then zero.
	Managed bool `json:"managed"`
	// Provider is how staff name the service ("Zoom", "Sandbox"); Account
	// is the account's name; AccountActive is false while it is paused.
	Provider      string `json:"provider,omitempty"`
	Account       string `json:"account,omitempty"`
	AccountActive bool   `json:"account_active,omitempty"`

	Pushed    int `json:"pushed"`
	Pending   int `json:"pending"`
	Failed    int `json:"failed"`
	Cancelled int `json:"cancelled"` // cancellations the provider was told of
	// NotPushed counts active registrants the provider was never told
	// about (registered before the event was linked); a push queues them.
	NotPushed int `json:"not_pushed"`
}

// String is the summary in words, e.g. "40 pushed, 2 pending, 1 failed".
func (s EventSync) String() string {
	if !s.Managed {
		return "Not linked to an account: nothing is pushed."
	}
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(s.Pushed, "pushed")
	add(s.Pending, "pending")
	add(s.Failed, "failed")
	add(s.Cancelled, "cancelled on "+s.Provider)
	add(s.NotPushed, "not pushed yet")
	out := "Nobody to push yet."
	if len(parts) > 0 {
		out = strings.Join(parts, ", ") + "."
	}
	if !s.AccountActive {
		out += " The account is paused: nothing is pushed until it is turned on again."
	}
	return out
}

// EventSync counts an event's registrants by provider sync state, in one
// read.
func (e *Engine) EventSync(ctx context.Context, eventID core.ID) (EventSync, error) {
	var s EventSync
	err := e.store.View(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(eventID)
		if err != nil || !ev.Location.Managed() {
			return err
		}
		s.Managed = true
		a, err := tx.Account(ev.Location.AccountID)
		switch {
		case err == nil:
			s.Provider, s.Account, s.AccountActive = providerName(a), a.Name, a.Active
		case core.ErrorCode(err) == core.ENOTFOUND:
			s.Provider = ev.Location.Provider.Label()
		default:
			return err
		}
		return tx.Registrants(eventID, func(r core.Registrant) error {
			switch r.Sync.State {
			case core.SyncPushed:
				s.Pushed++
			case core.SyncPending:
				s.Pending++
			case core.SyncFailed:
				s.Failed++
			case core.SyncCancelled:
				if r.Active() {
					s.NotPushed++
				} else {
					s.Cancelled++
				}
			case core.SyncNone:
				if r.Active() {
					s.NotPushed++
				}
			}
			return nil
		})
	})
	return s, err
}
