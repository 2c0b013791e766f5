package ui

import (
	"github.com/turnout-app/turnout/core"

	"context"
	"fmt"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// progressDialog shows long work (import, export) with a bar and Cancel.
// The window stays responsive: the work runs on its own goroutine.
type progressDialog struct {
	bar       *widget.ProgressBar
	status    *widget.Label
	cancelBtn *widget.Button
	dlg       *dialog.CustomDialog
	cancel    context.CancelFunc
}

// runWithProgress runs work with a progress dialog titled title. done runs
// on the UI goroutine with work's error (nil on success) after the dialog
// is gone.
func (u *App) runWithProgress(title, message string, work func(ctx context.Context, p core.Progress) error, done func(error)) *progressDialog {
	ctx, cancel := context.WithCancel(context.Background())
	pd := u.showProgress(title, message, cancel)

	progress := func(doneN, total int) {
		u.do(func() {
			if total > 0 {
				pd.bar.Max = float64(total)
				pd.bar.SetValue(float64(doneN))
				pd.status.SetText(fmt.Sprintf("%s %d of %d", message, doneN, total))
			}
		})
	}
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		err := work(ctx, progress)
		cancel()
		u.do(func() {
			pd.dlg.Hide()
			done(err)
		})
	}()
	return pd
}

// showProgress opens the dialog; cancel stops the work.
func (u *App) showProgress(title, message string, cancel context.CancelFunc) *progressDialog {
	pd := &progressDialog{bar: widget.NewProgressBar(), status: widget.NewLabel(message), cancel: cancel}
	pd.cancelBtn = widget.NewButton("Cancel", pd.onCancel)
	content := container.NewVBox(pd.status, fixedWidth(380, pd.bar), container.NewCenter(pd.cancelBtn))
	pd.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	pd.dlg.Show()
	return pd
}

func (pd *progressDialog) onCancel() {
	pd.cancelBtn.Disable()
	pd.status.SetText("Cancelling…")
	pd.cancel()
}
