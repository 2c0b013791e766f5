package ui

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/turnout-app/turnout/core"
)

// Start scenes open a screen or one of its dialogs on the demo data when
// the window starts (TURNOUT_START_SCREEN), so `make screenshots` can
// capture each, and the layout test can check each at the sizes staff use.
// A scene is steps: each may rely on what the steps before loaded.
type sceneStep func(u *App)

// Further scene names (dialogs); the screens are the Screen* constants.
const (
	ScreenManagedEvent    = "registrants-managed" // the Sandbox meeting, with push columns
	ScreenEditEvent       = "edit-event"
	ScreenDeleteEvent     = "delete-event"
	ScreenAddRegistrant   = "add-registrant"
	ScreenEditRegistrant  = "edit-registrant"
	ScreenCancelConfirm   = "cancel-registration"
	ScreenUndoCheckIn     = "undo-check-in"
	ScreenResendAll       = "resend-all"
	ScreenHistory         = "history"
	ScreenImportPreview   = "import-preview"
	ScreenCheckInResult   = "check-in-result"
	ScreenMatchWalkIn     = "match-walk-in"
	ScreenCheckInHistory  = "check-in-history"
	ScreenExportProgress  = "export-progress"
	ScreenExportFinished  = "export-finished"
	ScreenRemindTemplates = "reminder-templates"
	ScreenMailTest        = "mail-test"
	ScreenTrackingCheck   = "tracking-check"
	ScreenBrandColour     = "brand-colour"
	ScreenRestoreConfirm  = "restore-confirm"
	ScreenTestAccount     = "test-account"
	ScreenPushFinished    = "push-finished"
	// ScreenMailPaused: Microsoft 365 refused the mail sign-in; the
	// banner, and "Sign in again" pressed.
	ScreenMailPaused = "mail-paused"
)

var (
	toEvents   sceneStep = func(u *App) { u.ShowEvents() }
	toSettings sceneStep = func(u *App) { u.ShowSettings() }
)

// toBusiest opens the demo event with the most registrants at screen,
// with its first registrant selected.
func toBusiest(screen string) []sceneStep {
	return []sceneStep{toEvents, func(u *App) { u.events.openBusiest(screen) }}
}

// onRegistrants opens the busiest event's registrants and then does act.
// openManaged opens the registrants of the first event linked to an
// account, its first registrant selected once loaded.
func openManaged(u *App) {
	for _, e := range u.events.events {
		if e.Location.Managed() {
			v := u.OpenEvent(e.Event, ScreenRegistrants)
			v.registrants.selectFirst = true
			return
		}
	}
}

func onRegistrants(act func(s *RegistrantsScreen)) []sceneStep {
	return append(toBusiest(ScreenRegistrants), func(u *App) { act(u.event.registrants) })
}

func onHeadcount(act ...func(s *HeadcountScreen)) []sceneStep {
	steps := toBusiest(ScreenHeadcount)
	for _, a := range act {
		steps = append(steps, func(u *App) { a(u.event.headcount) })
	}
	return steps
}

// importSample has a line of each kind the import preview tells apart.
const importSample = "First name,Last name,Email\n" +
	"Bob,Ray,bob.ray@example.org\n" +
	"Cy,Dee,not-an-email\n" +
	"Bobby,Ray,BOB.RAY@example.org\n" +
	"Dora,Fox,dora.fox.with.a.rather.long.address@alumni.example.org\n"

var startScenes = map[string][]sceneStep{
	ScreenEvents:      {toEvents},
	ScreenRegistrants: toBusiest(ScreenRegistrants),
	ScreenHeadcount:   toBusiest(ScreenHeadcount),
	ScreenSettings:    {toSettings},
	ScreenNewEvent:    {toEvents, func(u *App) { u.events.onNewEvent() }},
	ScreenEditEvent:   {toEvents, func(u *App) { u.events.onEdit() }},
	// Every button of the toolbar shows: Retry push, and Undo check-in
	// for a person checked in by hand.
	ScreenManagedEvent: {toEvents, openManaged, func(u *App) {
		s := u.event.registrants
		for _, r := range s.list.All {
			if r.Active() && !r.Attended() {
				s.selectID(r.ID)
				s.onCheckIn()
				return
			}
		}
	}},
	ScreenDeleteEvent: {toEvents, func(u *App) { u.events.onDelete() }},
	// The first event listed is the demo's Sandbox meeting.
	ScreenPushFinished: {toEvents, func(u *App) { u.events.sync.onPush() }},

	ScreenAddRegistrant:  onRegistrants((*RegistrantsScreen).onAdd),
	ScreenEditRegistrant: onRegistrants((*RegistrantsScreen).onEdit),
	// Cancelling on an event kept only in Turnout acts at once with Undo;
	// on a Zoom event it asks first, as the cancellation reaches Zoom.
	ScreenCancelConfirm: {toEvents, openManaged, func(u *App) {
		s := u.event.registrants
		for _, r := range s.list.All {
			if r.Active() {
				s.selectID(r.ID)
				break
			}
		}
		s.onCancel()
	}},
	ScreenUndoCheckIn: onRegistrants(func(s *RegistrantsScreen) {
		for _, r := range s.list.All {
			if r.Attended() && r.CheckIn.Source != core.SourceManual {
				s.selectID(r.ID)
				break
			}
		}
		s.onCheckIn()
	}),
	ScreenResendAll:    onRegistrants((*RegistrantsScreen).onResendAll),
	ScreenHistory:      onRegistrants((*RegistrantsScreen).onHistory),
	ScreenEmailPreview: onRegistrants((*RegistrantsScreen).onPreview),
	ScreenImportPreview: onRegistrants(func(s *RegistrantsScreen) {
		s.previewImport(io.NopCloser(strings.NewReader(importSample)), "alumni-chapter-signups.csv")
	}),

	ScreenCheckInResult: onHeadcount((*HeadcountScreen).runCheckIn),
	ScreenMatchWalkIn: onHeadcount((*HeadcountScreen).runCheckIn, func(s *HeadcountScreen) {
		if s.checkIn != nil {
			s.checkIn.onMatchTo(0)
		}
	}),
	ScreenCheckInHistory: onHeadcount((*HeadcountScreen).onRunHistory),
	ScreenExportProgress: onHeadcount(func(s *HeadcountScreen) {
		s.app.showProgress("Exporting", "Writing rows… 1200 of 4800", func() {})
	}),
	ScreenExportFinished: onHeadcount(func(s *HeadcountScreen) {
		s.exportTo(filepath.Join(os.TempDir(), s.suggestedName()))
	}),

	ScreenAddAccount:      {toSettings, func(u *App) { u.settings.accounts.onAdd() }},
	ScreenTestAccount:     {toSettings, func(u *App) { testFirstAccount(u.settings.accounts) }},
	ScreenRemindTemplates: {toSettings, func(u *App) { u.settings.mail.onEditTemplates() }},
	ScreenMailTest: {toSettings, func(u *App) {
		u.settings.mail.testTo.SetText("events.office@alumni.example.org")
		u.settings.mail.onSendTest()
	}},
	ScreenTrackingCheck: {toSettings, func(u *App) { u.settings.tracking.onCheck() }},
	ScreenMailPaused:    {toEvents, showMailPaused, func(u *App) { u.mailBanner.onSignInAgain() }},
	ScreenBrandColour:   {toSettings, func(u *App) { u.settings.onPickColour() }},
	ScreenRestoreConfirm: {toSettings, func(u *App) {
		u.settings.confirmRestore(filepath.Join(os.TempDir(), "Backups", "turnout-backup-before-spring-term.db"))
	}},
}

func testFirstAccount(s *AccountsSection) {
	if len(s.accounts) > 0 {
		s.onTest(s.accounts[0])
	}
}

// startSceneNames lists every scene, sorted.
func startSceneNames() []string {
	names := make([]string, 0, len(startScenes))
	for n := range startScenes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// playStartScene runs the scene's steps on the UI goroutine, giving each
// time to load what the next one needs (demo data loads in well under a
// second).
func (u *App) playStartScene(name string) {
	steps, ok := startScenes[name]
	if !ok {
		steps = startScenes[ScreenEvents]
	}
	steps[0](u)
	if len(steps) == 1 {
		return
	}
	// The next steps wait for the window to be up and for the data each
	// one needs to load.
	u.fyne.Lifecycle().SetOnStarted(func() {
		go func() {
			for _, step := range steps[1:] {
				time.Sleep(800 * time.Millisecond)
				fyne.DoAndWait(func() { step(u) })
			}
			u.log.Info("start scene shown", "scene", name)
		}()
	})
}
