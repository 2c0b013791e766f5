package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/assets"
	"github.com/turnout-app/turnout/cmd/turnout/cli"
	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/store"
	"github.com/turnout-app/turnout/ui"
)

// guiMemoryLimit is the Go heap's soft limit in the desktop app.
const guiMemoryLimit = 100 << 20

// runGUI opens the desktop window on the data file g selects and returns
// the exit code once the app quits.
func runGUI(g cli.Global) int {
	if os.Getenv("GOMEMLIMIT") == "" {
		// A soft limit makes the collector return the garbage left by
		// loading a large event (100,000 registrants) instead of letting
		// the heap double; live data above it is still allowed.
		debug.SetMemoryLimit(guiMemoryLimit)
	}
	a := app.NewWithID("app.turnout.desktop")
	a.SetIcon(assets.Icon)
	eng, closeStore, err := cli.Open(context.Background(), g)
	if err != nil {
		showStartupError(a, g, err)
		return 1
	}
	log := eng.Logger()
	// Reminders, provider sync and the click endpoint run while the app
	// does, the window open or hidden in the tray.
	ctx, stopBackground := context.WithCancel(context.Background())
	background := make(chan struct{})
	go func() { eng.Serve(ctx); close(background) }()
	// Other turnout commands on this data file run here meanwhile.
	relayed := make(chan struct{})
	go func() { cli.ServeRelay(ctx, g, eng.Services(), log); close(relayed) }()

	u := ui.New(a, eng.Services(), ui.Options{Demo: g.Demo, Icon: assets.Icon, Log: log,
		StartScreen: os.Getenv("TURNOUT_START_SCREEN"), NoTray: !trayAvailable(), OpenURL: cli.OpenBrowser, Version: cli.Version})
	u.Window().ShowAndRun()
	stopBackground()
	<-background // no queue worker may be mid-transaction when the file closes
	<-relayed
	if err := closeStore(); err != nil {
		log.Error("closing the data file", "err", err)
		return 1
	}
	return 0
}

// showStartupError explains in a window why Turnout cannot open (another
// Turnout has the data file, the file is newer than this version…). For a
// damaged data file it offers to put a backup in its place.
func showStartupError(a fyne.App, g cli.Global, err error) {
	w := a.NewWindow("Turnout")
	msg := widget.NewLabel(core.ErrorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Close", a.Quit)
	quit.Importance = widget.HighImportance
	buttons := container.NewHBox(layout.NewSpacer(), quit)
	if path, perr := g.DataPath(); errors.Is(err, store.ErrDamaged) && perr == nil {
		buttons.Objects = append([]fyne.CanvasObject{widget.NewButton("Restore from a backup…", func() {
			restoreDamaged(w, path, msg)
		})}, buttons.Objects...)
	}
	w.SetContent(container.NewPadded(container.NewBorder(
		widget.NewLabelWithStyle("Turnout cannot start", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		buttons, nil, nil, msg)))
	w.Resize(fyne.NewSize(560, 320))
	w.CenterOnScreen()
	w.ShowAndRun()
}

// restoreDamaged asks for a backup and puts it in place of the damaged
// data file at path, keeping the damaged file beside it.
func restoreDamaged(w fyne.Window, path string, msg *widget.Label) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		backup := rc.URI().Path()
		rc.Close()
		kept, err := store.ReplaceDamaged(path, backup)
		if err != nil {
			dialog.ShowError(errors.New(core.ErrorMessage(err)), w)
			return
		}
		msg.SetText(fmt.Sprintf("Your data was restored from %s; the damaged file is kept as %s. Close this window and start Turnout again.", backup, kept))
	}, w)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
