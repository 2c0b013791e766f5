package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// EventView is one event's page: its registrants and its headcount, as tabs
// under a header that leads back to the events list.
type EventView struct {
	app      *App
	event    core.Event
	settings core.SettingsService
	reminder core.ReminderService // the daily-limit note (mail_profile.go)
	clock    core.Clock

	backBtn *widget.Button
	title   *widget.Label
	when    *widget.Label
	// clicks says, for an event still to come, why reminder clicks won't
	// be counted and what to do (hidden while they are counted).
	clicks  *widget.Label
	pace    *widget.Label // the mail service's daily limit (mail_profile.go)
	tabs    *container.AppTabs
	regTab  *container.TabItem
	headTab *container.TabItem

	registrants *RegistrantsScreen
	headcount   *HeadcountScreen
	headRefresh throttle // live headcount refreshes (live.go)

	content fyne.CanvasObject
}

func newEventView(u *App, ev core.Event) *EventView {
	v := &EventView{app: u, event: ev, settings: u.svc.Settings, reminder: u.svc.Reminders, clock: u.svc.Clock}
	v.backBtn = widget.NewButtonWithIcon("Events", theme.NavigateBackIcon(), u.ShowEvents)
	v.backBtn.Importance = widget.LowImportance
	v.title = heading(ev.Title)
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.when = widget.NewLabel(whenLong(ev.Start, ev.TimeZone) + " · " + duration(ev.Duration) + " · " + where(ev.Location, u.events.isSandbox(ev.ID)))
	v.when.Truncation = fyne.TextTruncateEllipsis
	v.clicks = widget.NewLabel("")
	v.clicks.Wrapping = fyne.TextWrapWord
	v.clicks.Importance = widget.WarningImportance
	v.clicks.Hide()
	v.pace = newPaceNote()
	v.registrants = newRegistrantsScreen(u, ev)
	v.headcount = newHeadcountScreen(u, ev)
	v.regTab = container.NewTabItemWithIcon("Registrants", theme.AccountIcon(), v.registrants.content)
	v.headTab = container.NewTabItemWithIcon("Headcount", theme.ListIcon(), v.headcount.content)
	v.tabs = container.NewAppTabs(v.regTab, v.headTab)
	v.tabs.OnSelected = v.onTab
	header := container.NewBorder(nil, nil, v.backBtn, nil, container.NewVBox(v.title, v.when, v.clicks, v.pace))
	v.content = container.NewBorder(container.NewPadded(header), nil, nil, nil, v.tabs)
	return v
}

func (v *EventView) open(screen string) {
	v.loadClickNote()
	v.loadPaceNote()
	if screen == ScreenHeadcount {
		v.showHeadcount()
		return
	}
	v.tabs.Select(v.regTab)
	v.registrants.reload()
}

func (v *EventView) showHeadcount() {
	if v.tabs.Selected() != v.headTab {
		v.tabs.Select(v.headTab)
		return // onTab loads it
	}
	v.headcount.reload()
}

func (v *EventView) onTab(t *container.TabItem) {
	switch t {
	case v.regTab:
		if !v.registrants.loaded {
			v.registrants.reload()
		}
	case v.headTab:
		v.headcount.reload()
	}
}

func (v *EventView) close() { v.registrants.close() }

// loadClickNote shows why clicks won't be counted, for an event whose
// reminders are still to go out: that is when staff can still fix it.
func (v *EventView) loadClickNote() {
	if !v.event.Start.After(v.clock.Now()) {
		return
	}
	v.app.background(func(ctx context.Context) error {
		st, err := v.settings.TrackingStatus(ctx)
		if err != nil || st.Counted {
			return err
		}
		v.app.do(func() {
			v.clicks.SetText(st.Text)
			v.clicks.Show()
		})
		return nil
	})
}
