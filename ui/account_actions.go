package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"github.com/turnout-app/turnout/core"
)

// onSetActive pauses or resumes an account: paused, nothing is pushed or
// pulled, and the sign-in is kept.
func (s *AccountsSection) onSetActive(a core.Account, active bool) {
	s.app.background(func(ctx context.Context) error {
		_, err := s.accountService.SetAccountActive(ctx, a.ID, active)
		s.app.do(s.load)
		return err
	})
}

// onImportEvents creates an event for each of the account's meetings and
// webinars that no event is linked to yet.
func (s *AccountsSection) onImportEvents(a core.Account) {
	s.app.background(func(ctx context.Context) error {
		events, warnings, err := s.providerSync.ImportEvents(ctx, a.ID)
		if err != nil {
			return err
		}
		s.app.do(func() {
			msg := fmt.Sprintf("%s from %s.", plural(len(events), "event imported", "events imported"), a.Name)
			if len(events) == 0 {
				msg = "Every meeting and webinar of " + a.Name + " already has an event."
			}
			if len(warnings) > 0 {
				msg += "\n\n" + strings.Join(warnings, "\n\n")
			}
			dialog.ShowInformation("Import events", msg, s.app.win)
			if s.app.events != nil {
				s.app.events.reload()
			}
		})
		return nil
	})
}
