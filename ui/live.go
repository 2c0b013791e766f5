package ui

import (
	"context"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Live statuses: the engine tells the window what its transactions
// changed (the mail outbox sent a reminder, provider sync pushed someone,
// an import ran), and the open screen shows it without staff leaving it.

// liveRefreshGap is the least time between two reloads of a whole
// screen (events list, headcount) while changes keep coming, so a mail
// burst does not reload them back to back; the change still shows within
// a second.
const liveRefreshGap = 500 * time.Millisecond

// watchChanges subscribes the window to the engine's changes for as long
// as the app runs.
func (u *App) watchChanges() {
	if u.svc.Changes == nil {
		return
	}
	stop := u.svc.Changes.Subscribe(func(cs []core.Change) {
		u.do(func() { u.showChanges(cs) })
	})
	u.fyne.Lifecycle().SetOnStopped(stop)
}

// showChanges routes changes to the screen that is open (UI goroutine).
func (u *App) showChanges(cs []core.Change) {
	if u.mailBanner != nil {
		u.mailBanner.showChanges(cs)
	}
	if u.event != nil {
		u.event.showChanges(cs)
		return
	}
	if len(u.content.Objects) == 1 && u.content.Objects[0] == u.events.content {
		u.eventsRefresh.request(u, u.events.reload)
	}
}

// showChanges passes this event's changes to its tabs: the registrants
// table refreshes the rows that changed, the headcount its figures.
func (v *EventView) showChanges(cs []core.Change) {
	counts := false // the headcount's figures may have moved
	for _, c := range cs {
		if c.EventID == v.event.ID || c.Has(core.ChangeAll) {
			v.registrants.showChange(c)
			// Provider pushes change no figure of the headcount.
			counts = counts || c.Kind&^core.ChangeSync != 0
		}
	}
	if counts && v.tabs.Selected() == v.headTab {
		v.headRefresh.request(v.app, v.headcount.reload)
	}
}

// throttle runs a screen reload at once, or, when one ran less than
// liveRefreshGap ago, once at the end of the gap however many changes
// came in the meantime.
type throttle struct {
	last    time.Time
	pending bool
}

func (t *throttle) request(u *App, reload func()) {
	if t.pending {
		return
	}
	wait := liveRefreshGap - time.Since(t.last)
	if wait <= 0 {
		t.last = time.Now()
		reload()
		return
	}
	t.pending = true
	time.AfterFunc(wait, func() {
		u.do(func() {
			t.pending = false
			t.last = time.Now()
			reload()
		})
	})
}

// quietly runs background work for a live refresh: a failure is logged,
// not shown, since staff did not ask for this work (the next change or
// reopening the screen tries again).
func (u *App) quietly(what string, work func(ctx context.Context) error) {
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		if err := work(context.Background()); err != nil {
			u.log.Warn("live refresh failed", "what", what, "err", err)
		}
	}()
}
