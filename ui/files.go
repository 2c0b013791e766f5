package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
)

// fileDialogSize is big enough to show long office folder names.
var fileDialogSize = fyne.NewSize(900, 600)

// askSavePath shows the save dialog and calls then with the chosen path.
// The engine writes the file itself, complete or not at all, and never
// onto the data file; the dialog's writer touches nothing (save_guard.go).
func (u *App) askSavePath(fileName string, exts []string, then func(path string)) {
	guardSaveDialogs() // the dialog must not empty the chosen file (save_guard.go)
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		saveDialogOpen.Store(false)
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil {
			return // staff closed the dialog
		}
		path := w.URI().Path()
		w.Close()
		then(path)
	}, u.win)
	d.SetFileName(fileName)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fileDialogSize)
	saveDialogOpen.Store(true)
	d.Show()
}

// askOpenFile shows the open dialog and calls then with the chosen file,
// which then must close.
func (u *App) askOpenFile(exts []string, then func(rc fyne.URIReadCloser)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if rc == nil {
			return
		}
		then(rc)
	}, u.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Resize(fileDialogSize)
	d.Show()
}

// confirm asks before an action staff may regret; then runs only on
// "yes". The confirm button names the action ("Delete", "Send to 40").
func (u *App) confirm(title, msg, action string, importance widget.Importance, then func()) {
	d := dialog.NewConfirm(title, msg, func(ok bool) {
		if ok {
			then()
		}
	}, u.win)
	d.SetConfirmText(action)
	d.SetConfirmImportance(importance)
	d.Show()
}
