// Package ui is Turnout's desktop window: one file per screen. Screens hold
// their widgets as fields and call the engine for everything they do; disk
// work runs off the UI goroutine and comes back through fyne.Do.
package ui

import (
	"context"
	"log/slog"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// Screen names for Options.StartScreen.
const (
	ScreenEvents      = "events"
	ScreenRegistrants = "registrants"
	ScreenHeadcount   = "headcount"
	ScreenSettings    = "settings"
	ScreenNewEvent    = "new-event" // the event editor on a new event
	// Dialogs, for screenshots of their layout.
	ScreenAddAccount   = "add-account"   // Settings with Add account open
	ScreenEmailPreview = "email-preview" // the first registrant's reminder preview
)

// Options configure the window.
type Options struct {
	Demo bool // title says "Demo"
	// StartScreen opens a screen on start: events (default), registrants or
	// headcount (of the event with the most registrants), or settings.
	StartScreen string
	Icon        fyne.Resource
	Log         *slog.Logger
	// NoTray leaves out the system-tray menu (no tray host, e.g. Linux
	// without a D-Bus session); closing the window then quits.
	NoTray bool
	// OpenURL opens the system browser (sign-in) and folders; nil means
	// Fyne's.
	OpenURL core.BrowserOpener
	// Version is shown under Help → About.
	Version string
}

// App is Turnout's main window and the navigation between its screens.
type App struct {
	fyne fyne.App
	win  fyne.Window
	// svc are all the services; the app hands each screen only the ones
	// it uses (see the screens' constructors).
	svc  core.Services
	opts Options
	log  *slog.Logger

	office core.Office
	tray   bool // a tray menu exists, so closing hides the window
	hidden bool // the window is hidden to the tray
	tasks  sync.WaitGroup

	content     *fyne.Container // the current screen
	undo        *undoBar        // "… cancelled. Undo" under the screen
	navEvents   *widget.Button
	navSettings *widget.Button

	events   *EventsScreen
	settings *SettingsScreen
	event    *EventView // the open event, nil on other screens

	// post hands a function to the UI goroutine: fyne.Do, or in tests a
	// queue that wait() drains on the test goroutine.
	post  func(func())
	queue *taskQueue
	// eventsRefresh spaces live reloads of the events list (live.go).
	eventsRefresh throttle

	// mailBanner says "Reminders are paused: sign in again" (mail_signin.go).
	mailBanner *mailPauseBanner
}

// New builds the main window on the engine's services. Call
// Window().ShowAndRun() to start.
func New(a fyne.App, svc core.Services, opts Options) *App {
	return newApp(a, svc, opts, nil)
}

func newApp(a fyne.App, svc core.Services, opts Options, queue *taskQueue) *App {
	title := "Turnout"
	if opts.Demo {
		title = "Turnout — Demo"
	}
	u := &App{fyne: a, svc: svc, opts: opts, log: opts.Log, office: core.DefaultOffice(), post: fyne.Do, queue: queue}
	if queue != nil {
		u.post = queue.add
	}
	if u.log == nil {
		u.log = slog.Default()
	}
	u.win = a.NewWindow(title)
	if opts.Icon != nil {
		u.win.SetIcon(opts.Icon)
	}
	u.win.Resize(fyne.NewSize(1180, 740))
	u.win.CenterOnScreen()

	u.events = newEventsScreen(u)
	u.settings = newSettingsScreen(u)
	u.content = container.NewStack()
	u.undo = newUndoBar(u)
	u.mailBanner = newMailPauseBanner(u)
	u.win.SetContent(container.NewBorder(nil, nil, u.sidebar(), nil, u.mailBanner.above(u.undo.under(u.content))))
	u.mailBanner.check()
	u.win.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	u.setupTray()

	u.loadOffice()
	u.watchChanges()
	u.playStartScene(opts.StartScreen)
	return u
}

// Window is the main window.
func (u *App) Window() fyne.Window { return u.win }

func (u *App) sidebar() fyne.CanvasObject {
	logo := widget.NewIcon(u.opts.Icon)
	if u.opts.Icon == nil {
		logo = widget.NewIcon(theme.HomeIcon())
	}
	name := widget.NewLabelWithStyle("Turnout", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	brand := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(32, 32), logo), nil, name)
	u.navEvents = widget.NewButtonWithIcon("Events", theme.ListIcon(), u.ShowEvents)
	u.navSettings = widget.NewButtonWithIcon("Settings", theme.SettingsIcon(), u.ShowSettings)
	for _, b := range []*widget.Button{u.navEvents, u.navSettings} {
		b.Alignment = widget.ButtonAlignLeading
	}
	var demo fyne.CanvasObject = layout.NewSpacer()
	if u.opts.Demo {
		note := widget.NewLabel("Demo data: changes stay in the demo file.")
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.LowImportance
		demo = note
	}
	side := container.NewBorder(
		container.NewVBox(container.NewPadded(brand), widget.NewSeparator(), u.navEvents, u.navSettings),
		demo, nil, nil)
	return container.NewHBox(container.NewGridWrap(fyne.NewSize(170, 0), side), widget.NewSeparator())
}

func (u *App) setNav(active *widget.Button) {
	for _, b := range []*widget.Button{u.navEvents, u.navSettings} {
		b.Importance = widget.LowImportance
		if b == active {
			b.Importance = widget.HighImportance
		}
		b.Refresh()
	}
}

func (u *App) show(o fyne.CanvasObject) {
	u.content.Objects = []fyne.CanvasObject{o}
	u.content.Refresh()
}

// ShowEvents shows the events list and reloads it.
func (u *App) ShowEvents() {
	u.closeEvent()
	u.setNav(u.navEvents)
	u.show(u.events.content)
	u.events.reload()
}

// ShowSettings shows the settings screen.
func (u *App) ShowSettings() {
	u.closeEvent()
	u.setNav(u.navSettings)
	u.show(u.settings.content)
	u.settings.load()
}

// OpenEvent shows one event's registrants or headcount.
func (u *App) OpenEvent(ev core.Event, screen string) *EventView {
	u.closeEvent()
	u.setNav(u.navEvents)
	u.event = newEventView(u, ev)
	u.show(u.event.content)
	u.event.open(screen)
	return u.event
}

func (u *App) closeEvent() {
	u.undo.hide() // an Undo belongs to the screen it was offered on
	if u.event != nil {
		u.event.close()
		u.event = nil
	}
}

func (u *App) mainMenu() *fyne.MainMenu {
	newEvent := fyne.NewMenuItem("New event…", func() { u.ShowEvents(); u.events.onNewEvent() })
	newEvent.Shortcut = shortcutNew
	exp := fyne.NewMenuItem("Export…", u.onExportShortcut)
	exp.Shortcut = shortcutExport
	backup := fyne.NewMenuItem("Backup…", func() { u.ShowSettings(); u.settings.onBackup() })
	file := fyne.NewMenu("File", newEvent, exp, fyne.NewMenuItemSeparator(), backup)
	view := fyne.NewMenu("View",
		fyne.NewMenuItem("Events", u.ShowEvents),
		fyne.NewMenuItem("Settings", u.ShowSettings))
	return fyne.NewMainMenu(file, view, u.helpMenu())
}

var (
	shortcutNew    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSearch = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutExport = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	// shortcutHelp has no modifier, so Fyne hands it to onTypedKey; the
	// menu shows it all the same.
	shortcutHelp = &desktop.CustomShortcut{KeyName: fyne.KeyF1}
)

func (u *App) addShortcuts() {
	c := u.win.Canvas()
	c.AddShortcut(shortcutNew, func(fyne.Shortcut) { u.ShowEvents(); u.events.onNewEvent() })
	c.AddShortcut(shortcutSearch, func(fyne.Shortcut) { u.onSearchShortcut() })
	c.AddShortcut(shortcutExport, func(fyne.Shortcut) { u.onExportShortcut() })
	c.SetOnTypedKey(u.onTypedKey)
}

func (u *App) onSearchShortcut() {
	if u.event != nil && u.event.registrants != nil && u.event.tabs.Selected() == u.event.regTab {
		u.win.Canvas().Focus(u.event.registrants.search)
		return
	}
	if u.event != nil {
		u.ShowEvents()
	}
	u.win.Canvas().Focus(u.events.search)
}

// onExportShortcut exports the open event's list, or that of the event
// selected in the events list.
func (u *App) onExportShortcut() {
	if u.event == nil {
		sel := u.events.selected
		if sel == nil || !u.showingEvents() {
			dialog.ShowInformation("Export", "Select an event in the Events list first, then press Ctrl+E (or File → Export…) to export its list.", u.win)
			return
		}
		u.OpenEvent(sel.Event, ScreenHeadcount)
	} else {
		u.event.showHeadcount()
	}
	u.event.headcount.onExport()
}

// showingEvents reports whether the events list is the current screen.
func (u *App) showingEvents() bool {
	return len(u.content.Objects) == 1 && u.content.Objects[0] == u.events.content
}

// onTypedKey handles keys that reach the window when no entry has focus.
func (u *App) onTypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyF1 {
		u.showGuide()
		return
	}
	if isDeleteKey(ev.Name) && u.event != nil && u.event.tabs.Selected() == u.event.regTab {
		u.event.registrants.onDeleteKey()
	}
}

func (u *App) loadOffice() {
	u.background(func(ctx context.Context) error {
		o, err := u.svc.Settings.Office(ctx)
		if err == nil {
			u.do(func() { u.office = o })
		}
		return err
	})
}

// background runs work off the UI goroutine; a failure shows a dialog.
func (u *App) background(work func(ctx context.Context) error) {
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		if err := work(context.Background()); err != nil {
			u.do(func() { u.showError(err) })
		}
	}()
}

// do runs f on the UI goroutine.
func (u *App) do(f func()) { u.post(f) }

// wait blocks until background work started so far is done and, with a
// test queue, runs the UI updates it posted (and any work those start).
func (u *App) wait() {
	for {
		u.tasks.Wait()
		if u.queue == nil {
			return
		}
		fns := u.queue.take()
		if len(fns) == 0 {
			return
		}
		for _, f := range fns {
			f()
		}
	}
}

// taskQueue collects UI updates from background work in tests, so they run
// on the test goroutine as they would on Fyne's.
type taskQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *taskQueue) add(f func()) {
	q.mu.Lock()
	q.fns = append(q.fns, f)
	q.mu.Unlock()
}

func (q *taskQueue) take() []func() {
	q.mu.Lock()
	defer q.mu.Unlock()
	fns := q.fns
	q.fns = nil
	return fns
}

// showError shows err's user message; the detail goes to the log.
func (u *App) showError(err error) {
	if core.ErrorCode(err) == core.EINTERNAL {
		u.log.Error("unexpected error", "err", err)
	}
	u.errorDialog("Something needs your attention", core.ErrorMessage(err))
}

func (u *App) errorDialog(title, msg string) {
	d := dialog.NewInformation(title, msg, u.win)
	d.Show()
}

// notify sends a desktop notification when the window is hidden to the
// tray, so staff learn that background work finished.
func (u *App) notify(title, msg string) {
	if u.hidden {
		u.fyne.SendNotification(fyne.NewNotification(title, msg))
	}
}
