package ui

import (
	"fmt"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Start scenes of the event editor's session choice and of the Add
// account form for a provider signing in with a JWT (see start_scenes.go).
const (
	ScreenChooseSession   = "choose-session"
	ScreenAddJWTAccount   = "add-account-jwt"
	sceneSessionWebinarID = "1784500936"
	sceneSessionCount     = 6
)

func init() {
	// The demo's RingCentral Sandbox account on a new event, a webinar ID
	// typed, and the list of its sessions (made up here: the Sandbox has
	// no webinar of several sessions).
	startScenes[ScreenChooseSession] = []sceneStep{toEvents, func(u *App) { u.events.onNewEvent() },
		func(u *App) { u.events.editor.provider.SetSelected(core.ProviderRingCentral.Label()) },
		func(u *App) {
			ed := u.events.editor
			for _, o := range ed.account.Options {
				if o != noAccount {
					ed.account.SetSelected(o)
					break
				}
			}
			ed.externalID.SetText(sceneSessionWebinarID)
		},
		func(u *App) {
			ed := u.events.editor
			ed.sessions.show(ed.selectedSpec().Label, sceneSessionWebinarID, sessionSamples(u.svc.Clock.Now()))
		},
	}
	// RingCentral's JWT credentials, the sign-in with keys.
	startScenes[ScreenAddJWTAccount] = []sceneStep{toSettings, func(u *App) {
		s := u.settings.accounts
		s.onAdd()
		s.add.provider.SetSelected(core.ProviderRingCentral.Label())
		s.add.kind.SetSelected(keysChoice(s.add.spec))
	}}
}

// sessionSamples are weekly sessions from two weeks back, the past ones held.
func sessionSamples(now time.Time) []core.Session {
	first := now.Truncate(24*time.Hour).Add(19*time.Hour).AddDate(0, 0, -14) // 14:00 in New York
	var out []core.Session
	for i := range sceneSessionCount {
		start := first.AddDate(0, 0, 7*i)
		out = append(out, core.Session{ID: fmt.Sprintf("%d", 2271840510+i*7919), Start: start, Duration: 90 * time.Minute,
			Past: start.Add(90 * time.Minute).Before(now)})
	}
	return out
}
