package engine

import (
	"context"
	"fmt"
	"time"

	"github.com/turnout-app/turnout/core"
)

// linkAccount reads an event's account and adapter.
func (e *Engine) linkAccount(ctx context.Context, id core.ID) (core.Account, core.Provider, error) {
	var a core.Account
	err := e.store.View(ctx, func(tx core.Tx) (err error) { a, err = tx.Account(id); return err })
	if err != nil {
		return a, nil, err
	}
	if !a.Active {
		return a, nil, core.Errorf(core.EUNAVAILABLE, "Account %q is turned off; turn it on to read from %s.", a.Name, providerName(a))
	}
	p, err := e.provider(ctx, a)
	return a, p, err
}

// fillFromProvider copies what the provider says about the linked meeting
// into ev (title only when empty) and returns warnings for staff.
func (e *Engine) fillFromProvider(ctx context.Context, ev *core.Event) ([]string, error) {
	a, p, err := e.linkAccount(ctx, ev.Location.AccountID)
	if err != nil {
		return nil, err
	}
	if spec, ok := core.Spec(ev.Location.Provider); !ok || !spec.Managed() {
		ev.Location.Provider = a.Provider // a link-only choice: the account says where
	}
	if spec, _ := core.Spec(ev.Location.Provider); ev.Location.Kind == "" && len(spec.Events.Kinds) > 0 {
		ev.Location.Kind = spec.Events.Kinds[0].Kind
	}
	if s, ok := p.(Seeder); ok {
		// In the Sandbox, any meeting staff link to exists, so the demo
		// can be tried with a made-up ID.
		s.Seed(sandboxMeeting(*ev))
	}
	m, err := p.Meeting(ctx, ev.Location.Kind, ev.Location.ProviderID())
	if err != nil {
		return nil, core.Errorf(core.EUNAVAILABLE, "%s", e.providerMessage(a, err))
	}
	name := providerName(a)
	var warn []string
	if !m.RegistrationRequired && m.RegistrationNote != "" {
		warn = append(warn, m.RegistrationNote)
	} else if !m.RegistrationRequired {
		warn = append(warn, fmt.Sprintf("This %s does not require registration in %s, so pushes will fail. Turn on registration in %s.", ev.Location.Kind, name, name))
	}
	if !ev.Start.IsZero() && !m.Start.IsZero() && !ev.Start.Equal(m.Start) {
		warn = append(warn, fmt.Sprintf("%s says the %s starts %s; the event said %s. Turnout now uses %s's time.", name, ev.Location.Kind,
			m.Start.UTC().Format("2006-01-02 15:04 UTC"), ev.Start.UTC().Format("2006-01-02 15:04 UTC"), name))
	}
	if ev.Title == "" {
		ev.Title = m.Topic
	}
	if ev.Description == "" {
		ev.Description = m.Description
	}
	if !m.Start.IsZero() {
		ev.Start = m.Start
	}
	if m.TimeZone != "" {
		if _, err := core.LoadLocation(m.TimeZone); err == nil {
			ev.TimeZone = m.TimeZone
		}
	}
	if m.Duration > 0 {
		ev.Duration = m.Duration
	}
	ev.Location.JoinURL, ev.Location.Password = m.JoinURL, m.Password
	if ev.TimeZone == "" {
		ev.TimeZone = "UTC"
	}
	if ev.Duration == 0 {
		ev.Duration = time.Hour
	}
	return warn, nil
}

// SaveLinkedEvent creates (ID zero) or updates an event linked to a
// provider account, first filling join URL, passcode, start, time zone
// and duration (and the title, when empty) from the provider. Active
// registrants the provider does not know yet are queued for a push.
func (e *Engine) SaveLinkedEvent(ctx context.Context, ev core.Event) (core.Event, []string, error) {
	if !ev.Location.Managed() {
		return ev, nil, core.Errorf(core.EINVALID, "Choose the account the event belongs to.")
	}
	warn, err := e.fillFromProvider(ctx, &ev)
	if err != nil {
		return ev, nil, err
	}
	if ev.ID == 0 {
		ev, err = e.CreateEvent(ctx, ev)
	} else {
		ev, err = e.UpdateEvent(ctx, ev)
	}
	if err != nil {
		return ev, warn, err
	}
	_, err = e.reconcile(ctx, ev.ID)
	return ev, warn, err
}

// RefreshEvent re-reads a linked event from its provider.
func (e *Engine) RefreshEvent(ctx context.Context, id core.ID) (core.Event, []string, error) {
	ev, err := e.Event(ctx, id)
	if err != nil {
		return ev, nil, err
	}
	return e.SaveLinkedEvent(ctx, ev)
}

// ProviderParticipants pulls the raw join rows of a linked event, every
// instance, from its provider.
func (e *Engine) ProviderParticipants(ctx context.Context, eventID core.ID) ([]core.JoinRow, error) {
	ev, err := e.Event(ctx, eventID)
	if err != nil {
		return nil, err
	}
	if !ev.Location.Managed() {
		return nil, core.Errorf(core.EINVALID, "Event %d is not linked to a connected account.", eventID)
	}
	a, p, err := e.linkAccount(ctx, ev.Location.AccountID)
	if err != nil {
		return nil, err
	}
	rows, err := p.Participants(ctx, ev.Location.Kind, ev.Location.ProviderID())
	if err != nil {
		return nil, core.Errorf(core.EUNAVAILABLE, "%s", e.providerMessage(a, err))
	}
	return rows, nil
}
