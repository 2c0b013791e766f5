package ui

import (
	"context"

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
