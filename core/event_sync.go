package core

import (
	"fmt"
	"strings"
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
	// PushPerMinute is how many registrations a minute the provider's
	// limit lets through (ProviderSpec.PushPerMinute; 0: too fast to
	// matter), for the time a push takes (PushLeft).
	PushPerMinute float64 `json:"push_per_minute,omitempty"`
}

// Count adds a registrant to the counts (delta 1) or takes it out (-1):
// the engine counts an event this way, and a screen keeps its counts in
// step as rows change without reading every registrant again.
func (s *EventSync) Count(r *Registrant, delta int) {
	switch r.Sync.State {
	case SyncPushed:
		s.Pushed += delta
	case SyncPending:
		s.Pending += delta
	case SyncFailed:
		s.Failed += delta
	case SyncCancelled:
		if r.Active() {
			s.NotPushed += delta
		} else {
			s.Cancelled += delta
		}
	case SyncNone:
		if r.Active() {
			s.NotPushed += delta
		}
	}
}

// String is the summary in words, e.g. "40 registered in Zoom, 2 waiting
// to register, 1 couldn't be registered".
func (s EventSync) String() string {
	if !s.Managed {
		return "Not linked to an account: Turnout registers nobody elsewhere for this event."
	}
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	add(s.Pushed, "registered in "+s.Provider)
	add(s.Pending, "waiting to register")
	add(s.Failed, "couldn't be registered")
	add(s.Cancelled, "cancelled in "+s.Provider)
	add(s.NotPushed, "not sent to "+s.Provider+" yet")
	out := "Nobody to register in " + s.Provider + " yet."
	if len(parts) > 0 {
		out = strings.Join(parts, ", ") + "."
	}
	if est := PushEstimate(s.Pending+s.NotPushed, s.PushPerMinute, s.Provider); est != "" {
		out += " " + est
	}
	if !s.AccountActive {
		out += " The account is paused: nobody is registered in " + s.Provider + " until it is turned on again."
	}
	return out
}

// PushSummary says what a push did.
type PushSummary struct {
	Pushed    int      `json:"pushed"`
	Cancelled int      `json:"cancelled"`
	Failed    int      `json:"failed"`
	Waiting   int      `json:"waiting"` // still queued (retry later, daily limit, account off)
	Failures  []string `json:"failures,omitempty"`
	// Provider names the service ("Zoom", "Sandbox") in the words.
	Provider string `json:"provider,omitempty"`
}

func (s *PushSummary) String() string {
	p := s.Provider
	if p == "" {
		p = "the provider"
	}
	return fmt.Sprintf("%d registered in %s, %d cancelled, %d couldn't be registered, %d still waiting.", s.Pushed, p, s.Cancelled, s.Failed, s.Waiting)
}
