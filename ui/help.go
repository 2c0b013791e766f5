package ui

import (
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/assets"
)

// helpMenu is the Help menu: the built-in guide, the folder with the
// log file (what an IT contact asks for), and which data file is open.
func (u *App) helpMenu() *fyne.Menu {
	guide := fyne.NewMenuItem("Getting started", u.showGuide)
	guide.Shortcut = shortcutHelp
	return fyne.NewMenu("Help",
		guide,
		fyne.NewMenuItem("Open log folder", u.openLogFolder),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("About Turnout", u.showAbout))
}

// showGuide shows the short guide from "New event" to an exported
// headcount, scrollable so it fits the smallest window.
func (u *App) showGuide() {
	text := widget.NewRichTextFromMarkdown(assets.Guide())
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	d := dialog.NewCustom("Getting started", "Close", scroll, u.win)
	d.Resize(withinWindow(u.win, fyne.NewSize(720, 620)))
	d.Show()
}

// logFolder is where turnout.log is: beside the data file.
func (u *App) logFolder() string {
	return filepath.Dir(u.svc.DataFile.DataPath())
}

// openLogFolder opens the log folder in the file manager; if none can
// be opened it shows the path so staff can find it themselves.
func (u *App) openLogFolder() {
	dir := u.logFolder()
	folder := &url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	if err := u.openURL(folder.String()); err != nil {
		u.log.Warn("opening the log folder", "err", err)
		dialog.ShowInformation("Log folder",
			"Turnout could not open the folder. The log file turnout.log is in:\n"+dir, u.win)
	}
}

// showAbout says which version runs and which data file is open.
func (u *App) showAbout() {
	msg := widget.NewLabel("Turnout " + u.opts.Version + "\n\nData file: " + u.svc.DataFile.DataPath() +
		"\nLog folder: " + u.logFolder())
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About Turnout", "Close", msg, u.win)
	d.Resize(withinWindow(u.win, fyne.NewSize(520, 240)))
	d.Show()
}

// withinWindow is want, shrunk to leave a margin inside the window so a
// dialog never reaches past a small screen.
func withinWindow(w fyne.Window, want fyne.Size) fyne.Size {
	const margin = 40
	win := w.Canvas().Size()
	return fyne.NewSize(fyne.Min(want.Width, win.Width-margin), fyne.Min(want.Height, win.Height-margin))
}
