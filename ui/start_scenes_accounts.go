package ui

import (
	"fmt"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Start scenes of the accounts' sync and test dialogs and of the
// headcount's sessions grid (see start_scenes.go).
const (
	ScreenTestAllAccounts   = "test-all-accounts"
	ScreenSyncAccount       = "sync-account"
	ScreenRemoveAccount     = "remove-account"
	ScreenHeadcountSessions = "headcount-sessions"
)

func init() {
	onFirstAccount := func(act func(s *AccountsSection, a core.Account)) []sceneStep {
		return []sceneStep{toSettings, func(u *App) {
			if s := u.settings.accounts; len(s.accounts) > 0 {
				act(s, s.accounts[0])
			}
		}}
	}
	startScenes[ScreenTestAllAccounts] = []sceneStep{toSettings, func(u *App) { u.settings.accounts.onTestAll() }}
	startScenes[ScreenSyncAccount] = onFirstAccount((*AccountsSection).onSyncNow)
	// The demo's account has events: removing it is refused, Turn off offered.
	startScenes[ScreenRemoveAccount] = onFirstAccount((*AccountsSection).remove)
	startScenes[ScreenHeadcountSessions] = onHeadcount(func(s *HeadcountScreen) {
		s.showSessions(sessionsSample(s))
		if s.sessions.tab != nil {
			s.listTabs.Select(s.sessions.tab)
		}
	})
}

// sessionsSample makes the headcount's attendees into those of a
// three-session sequence (the demo has none), each present at some.
func sessionsSample(s *HeadcountScreen) []core.Participant {
	var out []core.Participant
	for i, a := range s.people {
		p := core.Participant{Name: a.Name(), Email: a.Email, RegistrantID: a.ID}
		for k := range 3 {
			if (i+k)%4 == 3 {
				continue // absent from this one
			}
			start := s.event.Start.AddDate(0, 0, 7*k)
			mins := 20 + (i*7+k*11)%40
			p.Sessions = append(p.Sessions, core.ParticipantSession{Instance: fmt.Sprintf("session-%d", k+1),
				FirstJoin: start.Add(time.Duration(i%5) * time.Minute), Minutes: mins, Attended: mins >= 30})
		}
		out = append(out, p)
	}
	return out
}
