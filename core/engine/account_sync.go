package engine

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Importing an account's meetings and webinars as events: on demand
// (SyncAccount, "Sync now", "turnout event import") and in the background
// (WithAccountSync: first sync of a new account, at start-up, daily).

// lockAccountSync lets one sync of an account run at a time (the
// background loop and "Sync now" may ask together); it returns the unlock.
func (e *Engine) lockAccountSync(id core.ID) func() {
	pv := e.prov
	pv.mu.Lock()
	if pv.syncLocks == nil {
		pv.syncLocks = map[core.ID]*sync.Mutex{}
	}
	l := pv.syncLocks[id]
	if l == nil {
		l = &sync.Mutex{}
		pv.syncLocks[id] = l
	}
	pv.mu.Unlock()
	l.Lock()
	return l.Unlock
}

// ImportEvents creates an event for each of the account's meetings and
// webinars that no event is linked to yet (and brings linked ones up to
// date): SyncAccount, returning the new events.
func (e *Engine) ImportEvents(ctx context.Context, accountID core.ID) ([]core.Event, []string, error) {
	res, err := e.SyncAccount(ctx, accountID, nil)
	return res.Added, res.Warnings, err
}

// SyncAccount imports an active account's meetings and webinars: each
// one no event is linked to becomes an event (filled from the provider),
// each linked one gets the provider's times, description and join
// details. An inactive account is never synced. The outcome is kept on
// the account (LastSyncAt, or LastSyncError); a cancelled sync records
// nothing and keeps the events made so far.
func (e *Engine) SyncAccount(ctx context.Context, accountID core.ID, progress core.Progress) (core.AccountSync, error) {
	var out core.AccountSync
	if e.prov == nil {
		return out, core.Errorf(core.EUNAVAILABLE, "Turnout was started without provider connections; restart it normally.")
	}
	defer e.lockAccountSync(accountID)()
	a, p, err := e.linkAccount(ctx, accountID)
	out.Account = a
	if err != nil {
		if a.ID != 0 && a.Active && ctx.Err() == nil {
			out.Account = e.recordSync(ctx, a.ID, core.ErrorMessage(err))
		}
		return out, err
	}
	list, err := p.Meetings(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		msg := e.providerMessage(a, err)
		out.Account = e.recordSync(ctx, a.ID, msg)
		e.log.Warn("account sync failed", "account", a, "err", err)
		return out, core.Errorf(core.EUNAVAILABLE, "%s", msg)
	}
	meetings := groupSeries(list, a.GroupSeries, e.clock.Now())
	linked, err := e.linkedEvents(ctx, accountID)
	if err != nil {
		return out, err
	}
	progress.Report(0, len(meetings))
	for i, m := range meetings {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		e.syncMeeting(ctx, a, m, linked, &out)
		progress.Report(i+1, len(meetings))
	}
	out.Account = e.recordSync(ctx, a.ID, "")
	e.log.Info("account synced", "account", a, "added", len(out.Added), "updated", len(out.Updated), "warnings", len(out.Warnings))
	return out, nil
}

// linkedEvents maps "kind|external ID" to the account's linked events.
func (e *Engine) linkedEvents(ctx context.Context, accountID core.ID) (map[string]core.Event, error) {
	linked := map[string]core.Event{}
	err := e.store.View(ctx, func(tx core.Tx) error {
		events, err := tx.Events()
		for _, ev := range events {
			if ev.Location.AccountID == accountID {
				linked[meetingKey(ev.Location.Kind, ev.Location.ExternalID)] = ev
			}
		}
		return err
	})
	return linked, err
}

func meetingKey(kind core.MeetingKind, id string) string { return string(kind) + "|" + id }

// listedKey is the key of a listed meeting as its event stores it: a
// provider without kinds (GoTo) lists webinars, but its events keep no
// kind, and a key with one would import the webinar again on every sync.
func listedKey(p core.ProviderKind, kind core.MeetingKind, id string) string {
	if spec, ok := core.Spec(p); ok && len(spec.Events.Kinds) == 0 {
		kind = ""
	}
	return meetingKey(kind, id)
}

// syncMeeting adds the event of one listed meeting or brings its linked
// event up to date, noting the outcome in out.
func (e *Engine) syncMeeting(ctx context.Context, a core.Account, m seriesMeeting, linked map[string]core.Event, out *core.AccountSync) {
	for _, id := range m.members {
		ev, ok := linked[listedKey(a.Provider, m.Kind, id)]
		if !ok {
			continue
		}
		if id != m.ID || !applyMeeting(&ev, m.ExternalMeeting) {
			return // a grouped series linked through another webinar, or nothing new
		}
		ev, err := e.UpdateEvent(ctx, ev)
		if err != nil {
			out.Warnings = append(out.Warnings, fmt.Sprintf("%s: %s", ev.Title, core.ErrorMessage(err)))
			return
		}
		linked[listedKey(a.Provider, m.Kind, id)] = ev
		out.Updated = append(out.Updated, ev)
		return
	}
	ev := core.Event{ReminderLead: core.DefaultReminderLead, Description: m.Description,
		Location: core.Location{Provider: a.Provider, Kind: m.Kind, AccountID: a.ID, ExternalID: m.ID}}
	ev, w, err := e.SaveLinkedEvent(ctx, ev)
	if err != nil {
		out.Warnings = append(out.Warnings, fmt.Sprintf("%s %s (%s): %s", m.Kind, m.ID, m.Topic, core.ErrorMessage(err)))
		return
	}
	for _, s := range w {
		out.Warnings = append(out.Warnings, ev.Title+": "+s)
	}
	linked[listedKey(a.Provider, m.Kind, m.ID)] = ev
	out.Added = append(out.Added, ev)
}

// applyMeeting copies what the provider's listing says into a linked
// event (times, zone, description, join link; the title stays as staff
// keep it) and reports whether anything changed.
func applyMeeting(ev *core.Event, m core.ExternalMeeting) bool {
	old := *ev
	if !m.Start.IsZero() {
		ev.Start = m.Start
	}
	if m.Duration > 0 {
		ev.Duration = m.Duration
	}
	if m.TimeZone != "" {
		if _, err := core.LoadLocation(m.TimeZone); err == nil {
			ev.TimeZone = m.TimeZone
		}
	}
	if m.Description != "" {
		ev.Description = m.Description
	}
	if m.JoinURL != "" {
		ev.Location.JoinURL = m.JoinURL
	}
	return !old.Start.Equal(ev.Start) || old.Duration != ev.Duration || old.TimeZone != ev.TimeZone ||
		old.Description != ev.Description || old.Location.JoinURL != ev.Location.JoinURL
}

// seriesMeeting is a listed meeting and the IDs of the webinars it stands
// for (itself, or every webinar of a grouped series).
type seriesMeeting struct {
	core.ExternalMeeting
	members []string
}

// groupSeries folds the webinars of each series into one when group is
// set: the next one to come (else the last held) stands for the series.
// Meetings without a series key, or all of them when group is off, stay
// one each.
func groupSeries(list []core.ExternalMeeting, group bool, now time.Time) []seriesMeeting {
	var out []seriesMeeting
	at := map[string]int{}
	for _, m := range list {
		if m.SeriesKey == "" || !group {
			out = append(out, seriesMeeting{m, []string{m.ID}})
			continue
		}
		key := string(m.Kind) + "|" + m.SeriesKey
		i, ok := at[key]
		if !ok {
			at[key] = len(out)
			out = append(out, seriesMeeting{m, []string{m.ID}})
			continue
		}
		out[i].members = append(out[i].members, m.ID)
		if standsFor(m, out[i].ExternalMeeting, now) {
			out[i].ExternalMeeting = m
		}
	}
	return out
}

// standsFor reports whether webinar m should stand for its series rather
// than cur: an upcoming one before a held one, the sooner of two upcoming,
// the later of two held.
func standsFor(m, cur core.ExternalMeeting, now time.Time) bool {
	mUp, curUp := !m.Start.Before(now), !cur.Start.Before(now)
	switch {
	case mUp != curUp:
		return mUp
	case mUp:
		return m.Start.Before(cur.Start)
	}
	return m.Start.After(cur.Start)
}

// recordSync keeps a sync's outcome on the account: the time it worked
// (msg "") or why it failed. UpdatedAt stays: the cached adapter is valid.
func (e *Engine) recordSync(ctx context.Context, id core.ID, msg string) core.Account {
	now := e.clock.Now()
	a, err := e.updateAccount(context.WithoutCancel(ctx), id, func(a *core.Account) {
		a.LastSyncError = msg
		if msg == "" {
			a.LastSyncAt, a.LastOKAt = now, now
		}
	})
	if err != nil {
		e.log.Error("recording an account sync failed", "account", id, "err", err)
	}
	return a
}

// importable reports whether an account's meetings can be imported.
func importable(a core.Account) bool {
	spec, ok := core.Spec(a.Provider)
	return ok && spec.Managed() && spec.Caps.Import
}
