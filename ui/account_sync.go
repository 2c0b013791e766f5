package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// An account's meetings synced in the background with its progress in
// the row ("Sync now", and on its own after an account is added), every
// active account tested at once, and an account removed or, with events
// linked, turned off instead.

// rowSync is an account's sync under way in this window; it outlives the
// rows, which are built again on every load.
type rowSync struct {
	cancel      context.CancelFunc
	done, total int
	first       bool // the sync right after the account was added
}

// syncPanel is the row's progress of a sync under way, with Cancel.
type syncPanel struct {
	box    *fyne.Container
	status *widget.Label
	bar    *widget.ProgressBar
	stop   *widget.Button
}

func (s *AccountsSection) newSyncPanel(id core.ID) *syncPanel {
	p := &syncPanel{status: widget.NewLabel(""), bar: widget.NewProgressBar()}
	p.status.Wrapping = fyne.TextWrapWord
	p.stop = widget.NewButton("Cancel", func() {
		if rs := s.syncs[id]; rs != nil {
			p.stop.Disable()
			p.status.SetText("Cancelling…")
			rs.cancel()
		}
	})
	p.box = container.NewBorder(nil, nil, nil, p.stop, container.NewVBox(p.status, p.bar))
	p.box.Hide()
	return p
}

// onSyncNow imports the account's meetings and webinars now.
func (s *AccountsSection) onSyncNow(a core.Account) { s.startSync(a, false) }

// firstSync imports a newly added account's meetings in the background,
// where its provider can list them.
func (s *AccountsSection) firstSync(a core.Account) {
	if spec, ok := core.Spec(a.Provider); ok && spec.Caps.Import && a.Active {
		s.startSync(a, true)
	}
}

func (s *AccountsSection) startSync(a core.Account, first bool) {
	if s.syncs[a.ID] != nil {
		return // one sync of an account at a time
	}
	ctx, cancel := context.WithCancel(context.Background())
	rs := &rowSync{cancel: cancel, first: first, total: -1}
	s.syncs[a.ID] = rs
	s.showSync(a.ID)
	s.app.tasks.Add(1)
	go func() {
		defer s.app.tasks.Done()
		res, err := s.providerSync.SyncAccount(ctx, a.ID, func(done, total int) {
			s.app.do(func() {
				rs.done, rs.total = done, total
				s.showSync(a.ID)
			})
		})
		stopped := ctx.Err() != nil && errors.Is(err, context.Canceled)
		cancel()
		s.app.do(func() {
			delete(s.syncs, a.ID)
			s.LastSync = &res
			s.load()
			if s.app.events != nil && len(res.Added)+len(res.Updated) > 0 {
				s.app.events.reload()
			}
			s.synced(a, res, err, stopped, first)
		})
	}()
}

// showSync shows an account's sync under way (or none) in its row.
func (s *AccountsSection) showSync(id core.ID) {
	r := s.rows[id]
	if r == nil {
		return
	}
	rs := s.syncs[id]
	if rs == nil {
		r.sync.box.Hide()
		enable(r.syncBtn, r.activeCheck.Checked) // an inactive account is never synced
		return
	}
	r.syncBtn.Disable()
	what := "Importing meetings and webinars"
	if rs.first {
		what = "First sync: importing meetings and webinars"
	}
	if rs.total > 0 {
		r.sync.status.SetText(fmt.Sprintf("%s… %d of %d", what, rs.done, rs.total))
		r.sync.bar.Max = float64(rs.total)
		r.sync.bar.SetValue(float64(rs.done))
	} else {
		r.sync.status.SetText(what + "…")
		r.sync.bar.SetValue(0)
	}
	r.sync.box.Show()
}

// synced says how a sync went: a dialog for "Sync now"; the first sync
// after adding an account speaks through the row (last sync, its error).
func (s *AccountsSection) synced(a core.Account, res core.AccountSync, err error, stopped, first bool) {
	switch {
	case stopped:
		if !first {
			dialog.ShowInformation("Sync stopped", "The sync of "+a.Name+" stopped. The events it imported so far stay; press Sync now to finish.", s.app.win)
		}
	case err != nil:
		if !first {
			s.app.showError(err)
		}
	case !first:
		msg := res.String()
		if len(res.Warnings) > 0 {
			msg += "\n\n" + strings.Join(res.Warnings, "\n\n")
		}
		dialog.ShowInformation("Sync now", msg, s.app.win)
	}
}

// lastSync says when the account's meetings were last imported.
func lastSync(a core.Account, now time.Time) string {
	if a.LastSyncAt.IsZero() {
		return "Meetings not imported yet"
	}
	return strings.Replace(lastWorked(a.LastSyncAt, now), "Last worked", "Last sync", 1)
}

// problems is what went wrong with the account, for its red line.
func problems(a core.Account) string {
	var out []string
	if a.LastError != "" {
		out = append(out, a.LastError)
	}
	if a.LastSyncError != "" && a.LastSyncError != a.LastError {
		out = append(out, "Last sync failed: "+a.LastSyncError)
	}
	return strings.Join(out, "\n")
}

// onTestAll tests every active account at once with a progress dialog
// and names each account it turned off, and why.
func (s *AccountsSection) onTestAll() {
	s.app.runWithProgress("Test connection", "Testing the active accounts…", func(ctx context.Context, p core.Progress) error {
		res, err := s.accountService.TestAllAccounts(ctx, p)
		s.app.do(func() { s.LastTests = res })
		return err
	}, func(err error) {
		s.load()
		if errors.Is(err, context.Canceled) {
			return
		}
		if err != nil {
			s.app.showError(err)
			return
		}
		dialog.ShowInformation("Test connection", core.AccountTests(s.LastTests), s.app.win)
	})
}

// onRemove removes an account after asking; with events linked it offers
// to turn the account off instead.
func (s *AccountsSection) onRemove(a core.Account) {
	s.app.confirm("Remove "+a.Name, "Turnout forgets the account "+a.Name+" and its sign-in. This cannot be undone.",
		"Remove", widget.DangerImportance, func() { s.remove(a) })
}

func (s *AccountsSection) remove(a core.Account) {
	s.app.background(func(ctx context.Context) error {
		err := s.accountService.DeleteAccount(ctx, a.ID)
		s.app.do(func() {
			s.load()
			if core.ErrorCode(err) == core.ECONFLICT {
				s.offerTurnOff(a, core.ErrorMessage(err))
			} else if err != nil {
				s.app.showError(err)
			}
		})
		return nil
	})
}

// offerTurnOff explains why an account stays and offers to turn it off.
func (s *AccountsSection) offerTurnOff(a core.Account, why string) {
	if !a.Active {
		dialog.ShowInformation("The account stays", why+" It is already off.", s.app.win)
		return
	}
	s.app.confirm("The account stays", why, "Turn off", widget.HighImportance, func() { s.onSetActive(a, false) })
}

// newSeriesCheck is the account's choice between one event per webinar of
// a series and one event for the series; only providers with sessions
// have series.
func (s *AccountsSection) newSeriesCheck(a core.Account) *widget.Check {
	c := widget.NewCheck("Import a webinar series as one event", nil)
	c.Checked = a.GroupSeries
	c.OnChanged = func(on bool) {
		s.app.background(func(ctx context.Context) error {
			_, err := s.accountService.SetAccountGroupSeries(ctx, a.ID, on)
			return err
		})
	}
	if spec, ok := core.Spec(a.Provider); !ok || !spec.Caps.Sessions {
		c.Hide()
	}
	return c
}

// newActiveCheck is the account's Active switch: off, nothing is pushed,
// imported or checked in with it, and its sign-in is kept.
func (s *AccountsSection) newActiveCheck(a core.Account) *widget.Check {
	c := widget.NewCheck("Active", nil)
	c.Checked = a.Active
	c.OnChanged = func(on bool) { s.onSetActive(a, on) }
	return c
}

// testAllButton sits next to Add account.
func (s *AccountsSection) newTestAllButton() *widget.Button {
	return widget.NewButtonWithIcon("Test connection", theme.ConfirmIcon(), s.onTestAll)
}
