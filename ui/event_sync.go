package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// SyncPanel is the events screen's view of a managed event's provider
// registration: where its registrants stand, and "Register in Zoom now".
type SyncPanel struct {
	// The services this screen uses (and nothing else of the engine).
	providerSync core.ProviderSyncService

	app *App

	summary *widget.Label
	pushBtn *widget.Button
	content *fyne.Container

	event    *core.Event // the event shown; nil when not managed
	provider string      // as the last loaded sync state names it
	seq      int
	running  *dialog.CustomDialog
	// LastPush is what the last push did (tests).
	LastPush *core.PushSummary
}

func newSyncPanel(u *App) *SyncPanel {
	p := &SyncPanel{app: u, providerSync: u.svc.Sync}
	p.summary = widget.NewLabel("")
	p.summary.Wrapping = fyne.TextWrapWord
	p.pushBtn = widget.NewButtonWithIcon("Register now", theme.UploadIcon(), p.onPush)
	p.content = container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.ViewRefreshIcon()), nil, p.summary),
		p.pushBtn,
	)
	p.content.Hide()
	return p
}

// show loads the sync state of ev, or hides the panel for an event that
// is not linked to an account.
func (p *SyncPanel) show(ev core.Event) {
	p.seq++
	if !ev.Location.Managed() {
		p.event = nil
		p.content.Hide()
		return
	}
	p.event, p.provider = &ev, ""
	p.pushBtn.SetText("Register in " + ev.Location.Provider.Label() + " now")
	p.summary.SetText("Checking where registrants stand…")
	p.content.Show()
	p.load(ev.ID)
}

func (p *SyncPanel) load(id core.ID) {
	seq := p.seq
	p.app.background(func(ctx context.Context) error {
		s, err := p.providerSync.EventSync(ctx, id)
		if err != nil {
			return err
		}
		p.app.do(func() {
			if seq == p.seq {
				p.fill(s)
			}
		})
		return nil
	})
}

func (p *SyncPanel) fill(s core.EventSync) {
	head := s.Provider
	if s.Account != "" && s.Account != s.Provider {
		head = s.Provider + " account “" + s.Account + "”"
	}
	p.provider = s.Provider
	p.summary.SetText(head + ": " + s.String())
	if s.Provider != "" {
		p.pushBtn.SetText("Register in " + s.Provider + " now")
	}
	p.summary.Importance = widget.MediumImportance
	if s.Failed > 0 {
		p.summary.Importance = widget.DangerImportance
	}
	p.summary.Refresh()
}

// onPush sends the event's waiting registrants to the provider now
// instead of waiting for the background sync, and says what happened.
func (p *SyncPanel) onPush() {
	if p.event == nil {
		return
	}
	ev := *p.event
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBarInfinite()
	stop := widget.NewButton("Stop", cancel)
	p.running = dialog.NewCustomWithoutButtons("Registering in "+p.providerName(ev),
		container.NewVBox(widget.NewLabel("Registering the people of “"+ev.Title+"” in "+p.providerName(ev)+"…"),
			fixedWidth(380, bar), container.NewCenter(stop)), p.app.win)
	p.running.Show()
	p.pushBtn.Disable()
	p.app.tasks.Add(1)
	go func() {
		defer p.app.tasks.Done()
		sum, err := p.providerSync.PushEvent(ctx, ev.ID)
		cancel()
		p.app.do(func() { p.pushed(ev, sum, err) })
	}()
}

func (p *SyncPanel) pushed(ev core.Event, sum core.PushSummary, err error) {
	bar := p.running
	bar.Hide()
	p.pushBtn.Enable()
	p.LastPush = &sum
	if p.event != nil && p.event.ID == ev.ID {
		p.seq++
		p.load(ev.ID)
	}
	stopped := errors.Is(err, context.Canceled)
	if err != nil && !stopped {
		p.app.showError(err)
		return
	}
	msg := sum.String()
	if stopped {
		msg = "Stopped. So far: " + msg + " Turnout registers the rest in the background."
	}
	if len(sum.Failures) > 0 {
		shown := sum.Failures
		if len(shown) > 5 {
			shown = shown[:5]
		}
		msg += "\n\n" + strings.Join(shown, "\n")
		if n := len(sum.Failures) - len(shown); n > 0 {
			msg += fmt.Sprintf("\n…and %d more; select one of them in Registrants to see why.", n)
		}
	}
	p.app.notify("Registration in "+p.providerName(ev)+" finished", msg)
	dialog.ShowInformation("Registration in "+p.providerName(ev)+" finished", msg, p.app.win)
}

// providerName is the service the event registers people in: the loaded
// sync state names a Sandbox account as "Sandbox".
func (p *SyncPanel) providerName(ev core.Event) string {
	if p.provider != "" {
		return p.provider
	}
	return ev.Location.Provider.Label()
}
