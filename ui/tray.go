package ui

import (
	"github.com/turnout-app/turnout/core"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// setupTray adds the system-tray menu where the platform has one, so
// Turnout keeps running (reminders, syncs) after the window is closed.
func (u *App) setupTray() {
	d, ok := u.fyne.(desktop.App)
	if !ok || u.opts.NoTray {
		return
	}
	u.tray = true
	if u.opts.Icon != nil {
		d.SetSystemTrayIcon(u.opts.Icon)
	}
	u.refreshTray(nil)
	u.win.SetCloseIntercept(u.onClose)
}

// onClose hides the window to the tray instead of quitting.
func (u *App) onClose() {
	u.hidden = true
	u.win.Hide()
}

func (u *App) onShowWindow() {
	u.hidden = false
	u.win.Show()
	u.win.RequestFocus()
}

// refreshTray rebuilds the tray menu with the next upcoming event.
func (u *App) refreshTray(events []core.EventSummary) {
	d, ok := u.fyne.(desktop.App)
	if !ok || !u.tray {
		return
	}
	next := fyne.NewMenuItem("No upcoming events", nil)
	next.Disabled = true
	for _, e := range events {
		if !e.Past && e.Start.After(u.svc.Clock.Now()) {
			next = fyne.NewMenuItem("Next: "+e.Title+" — "+whenShort(e.Start, e.TimeZone), u.onShowWindow)
			break
		}
	}
	quit := fyne.NewMenuItem("Quit Turnout", u.fyne.Quit)
	quit.IsQuit = true
	d.SetSystemTrayMenu(fyne.NewMenu("Turnout",
		fyne.NewMenuItem("Show Turnout", u.onShowWindow),
		fyne.NewMenuItemSeparator(),
		next,
		fyne.NewMenuItemSeparator(),
		quit))
}
