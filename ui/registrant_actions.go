package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// What staff do to the selected registrant (or all of them): edit, cancel,
// check in, resend, retry the provider push, import a list.

// replace puts a changed registrant into the loaded list without reloading.
func (s *RegistrantsScreen) replace(r core.Registrant) {
	s.list.Put(r)
	s.selected = r.ID
	provider := s.providerName()
	s.columns.widen(func(col int) string { text, _ := cellText(&r, col, provider); return text })
	s.applyFilter()
}

// act runs one engine call on a registrant and shows the result.
func (s *RegistrantsScreen) act(call func(ctx context.Context) (core.Registrant, error)) {
	s.app.background(func(ctx context.Context) error {
		r, err := call(ctx)
		if err != nil {
			return err
		}
		s.app.do(func() { s.replace(r) })
		return nil
	})
}

func (s *RegistrantsScreen) onAdd() {
	s.form = newRegistrantForm(s.app, s.event.ID, nil, s.onSaved)
	s.form.show()
}

func (s *RegistrantsScreen) onEdit() {
	r, _ := s.current()
	if r == nil {
		return
	}
	newRegistrantForm(s.app, s.event.ID, r, s.onSaved).show()
}

func (s *RegistrantsScreen) onSaved(r core.Registrant) { s.replace(r) }

// onCancel cancels the selected registration, or re-registers a cancelled
// person.
func (s *RegistrantsScreen) onCancel() {
	r, _ := s.current()
	if r == nil {
		return
	}
	if !r.Active() {
		eventID, id := s.event.ID, r.ID
		s.act(func(ctx context.Context) (core.Registrant, error) { return s.registrants.Reregister(ctx, eventID, id) })
		return
	}
	s.cancelSelected()
}

// onDeleteKey is the Delete key on the table: it cancels the selected
// registration and never re-registers anyone.
func (s *RegistrantsScreen) onDeleteKey() {
	if r, _ := s.current(); r != nil && r.Active() {
		s.cancelSelected()
	}
}

// cancelSelected cancels the selected active registration. Where the
// cancellation stays in Turnout it happens at once with an Undo offer; for
// an event whose registrations live at a provider it is pushed there, so
// staff confirm first.
func (s *RegistrantsScreen) cancelSelected() {
	r, _ := s.current()
	if r == nil || !r.Active() {
		return
	}
	id, name := r.ID, r.Name()
	if !s.event.Location.Managed() {
		s.cancelRegistrant(id, name, r.Attended())
		return
	}
	msg := fmt.Sprintf("Cancel %s's registration?\n\nThe cancellation is sent to %s too. They stay in the list as cancelled and get no reminder. You can re-register them later.",
		name, s.providerName())
	if r.Attended() {
		msg += " Their check-in is kept but no longer counted as attendance."
	}
	s.app.confirm("Cancel registration", msg, "Cancel registration", widget.DangerImportance, func() { s.cancelRegistrant(id, name, false) })
}

// cancelRegistrant cancels one registration; for an event kept in Turnout
// alone it then offers Undo, which registers the person again as they
// were (registration date kept).
func (s *RegistrantsScreen) cancelRegistrant(id core.ID, name string, attended bool) {
	eventID, offer := s.event.ID, !s.event.Location.Managed()
	s.app.background(func(ctx context.Context) error {
		r, err := s.registrants.CancelRegistrant(ctx, eventID, id)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.replace(r)
			if !offer {
				return
			}
			msg := name + " cancelled."
			if attended {
				msg = name + " cancelled; their check-in no longer counts as attendance."
			}
			s.app.undo.offer(msg, func() {
				s.act(func(ctx context.Context) (core.Registrant, error) { return s.registrants.UndoCancel(ctx, eventID, id) })
			})
		})
		return nil
	})
}

// onCheckIn checks the selected person in by hand, or undoes a check-in
// after confirming what is lost.
func (s *RegistrantsScreen) onCheckIn() {
	r, _ := s.current()
	if r == nil {
		return
	}
	eventID, id := s.event.ID, r.ID
	if !r.Attended() {
		s.act(func(ctx context.Context) (core.Registrant, error) { return s.checkIn.CheckInManually(ctx, eventID, id) })
		return
	}
	msg := fmt.Sprintf("Undo %s's check-in?\n\nThey will count as absent.", r.Name())
	if r.CheckIn.Source != core.SourceManual {
		msg += fmt.Sprintf(" The %s record (%d minutes) is removed; checking in again records a manual check-in without minutes.",
			strings.ToLower(r.CheckIn.Source.Label()), r.CheckIn.Minutes)
	}
	s.app.confirm("Undo check-in", msg, "Undo check-in", widget.DangerImportance, func() {
		s.act(func(ctx context.Context) (core.Registrant, error) { return s.checkIn.UndoCheckIn(ctx, eventID, id) })
	})
}

// onPreview shows the exact reminder the selected person gets.
func (s *RegistrantsScreen) onPreview() {
	r, _ := s.current()
	if r == nil {
		return
	}
	s.preview = newEmailPreview(s.app, s.event.ID, r.ID, r.Name())
	s.preview.load()
}

// onResend sends the selected person their reminder again, after asking.
func (s *RegistrantsScreen) onResend() {
	r, _ := s.current()
	if r == nil || !r.Active() {
		return
	}
	id := r.ID
	title, question, action := "Resend reminder", "Send the reminder for “%s” to %s (%s) again now?", "Resend"
	if r.Reminder.Status != core.ReminderSent {
		// Nothing reached them yet: "again" would be wrong.
		title, question, action = "Send reminder", "Send the reminder for “%s” to %s (%s) now?", "Send"
	}
	s.app.confirm(title, fmt.Sprintf(question, s.event.Title, r.Name(), r.Email),
		action, widget.HighImportance, func() { s.resend(id) })
}

func (s *RegistrantsScreen) resend(id core.ID) {
	eventID := s.event.ID
	s.act(func(ctx context.Context) (core.Registrant, error) {
		if err := s.reminders.Resend(ctx, eventID, id); err != nil {
			return core.Registrant{}, err
		}
		return s.registrants.Registrant(ctx, eventID, id)
	})
}

// onResendAll sends the reminder again to every active registrant, after
// saying how many will get it.
func (s *RegistrantsScreen) onResendAll() {
	n := s.list.Active()
	if n == 0 {
		return
	}
	s.app.confirm("Resend reminder to everyone",
		fmt.Sprintf("Send the reminder for “%s” again to all %s now?\n\nPeople who already had it get it a second time. Cancelled registrants get nothing.",
			s.event.Title, plural(n, "active registrant", "active registrants")),
		fmt.Sprintf("Send to %d", n), widget.WarningImportance, s.resendAllNow)
}

func (s *RegistrantsScreen) resendAllNow() {
	eventID := s.event.ID
	s.app.background(func(ctx context.Context) error {
		n, err := s.reminders.ResendAll(ctx, eventID)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.reload()
			dialog.ShowInformation("Reminders waiting to send",
				plural(n, "reminder is", "reminders are")+" waiting to send; Turnout sends them within minutes while it is open.", s.app.win)
		})
		return nil
	})
}

// onRetry queues the selected person's failed push again.
func (s *RegistrantsScreen) onRetry() {
	r, _ := s.current()
	if r == nil || r.Sync.State != core.SyncFailed {
		return
	}
	eventID, id := s.event.ID, r.ID
	s.app.background(func(ctx context.Context) error {
		got, err := s.providerSync.RetryFailed(ctx, eventID, id)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.replace(got)
			s.reload() // the counts
		})
		return nil
	})
}

// onRetryAll queues every failed push of the event again, after asking.
func (s *RegistrantsScreen) onRetryAll() {
	n := s.sync.Failed
	if n == 0 {
		return
	}
	s.app.confirm("Try all again",
		fmt.Sprintf("Try again to register %s in %s?\n\nFix the reason first (shown when you select one of them), or it fails again.",
			plural(n, "person who couldn't be registered", "people who couldn't be registered"), s.providerName()),
		fmt.Sprintf("Try %d again", n), widget.HighImportance, s.retryAllNow)
}

func (s *RegistrantsScreen) retryAllNow() {
	eventID := s.event.ID
	s.app.background(func(ctx context.Context) error {
		if _, err := s.providerSync.RetryAllFailed(ctx, eventID); err != nil {
			return err
		}
		s.app.do(s.reload)
		return nil
	})
}

// importExtensions are the registrant lists staff can pick: CSV (and the
// .txt Excel names its "Unicode Text") and Excel workbooks.
var importExtensions = []string{".csv", ".txt", ".xlsx", ".CSV", ".TXT", ".XLSX"}

// onImport asks for a CSV file or Excel workbook and previews what
// importing it would do.
func (s *RegistrantsScreen) onImport() {
	s.app.askOpenFile(importExtensions, func(rc fyne.URIReadCloser) {
		s.previewImport(rc, rc.URI().Name())
	})
}

// previewImport reads r (closing it) and shows the preview dialog.
func (s *RegistrantsScreen) previewImport(r interface {
	Read([]byte) (int, error)
	Close() error
}, name string) {
	eventID := s.event.ID
	s.app.background(func(ctx context.Context) error {
		defer r.Close()
		plan, err := s.registrants.PreviewImport(ctx, eventID, r)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.importDialog = newImportDialog(s.app, name, plan, s.onImported)
			s.importDialog.show()
		})
		return nil
	})
}

func (s *RegistrantsScreen) onImported(plan *core.ImportPlan) { s.reload() }

func filterNames() []string {
	names := make([]string, len(core.RegistrantFilters))
	for i, f := range core.RegistrantFilters {
		names[i] = string(f)
	}
	return names
}
