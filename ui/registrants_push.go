package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// pushProgress is the registrants screen's line on the push to the
// provider while people wait to be registered there: how many are done,
// how many wait and, where the provider's limit makes it slow
// (ProviderSpec.PushPerMinute), about how long the rest takes. People are
// queued as they register, so this moves while registrations come in.
type pushProgress struct {
	box    *fyne.Container
	status *widget.Label
	bar    *widget.ProgressBar
}

func newPushProgress() *pushProgress {
	p := &pushProgress{status: widget.NewLabel(""), bar: widget.NewProgressBar()}
	p.status.Wrapping = fyne.TextWrapWord
	p.box = container.NewBorder(nil, nil, nil, fixedWidth(160, p.bar), p.status)
	p.box.Hide()
	return p
}

// show follows the event's sync counts; hidden when nobody waits.
func (p *pushProgress) show(s core.EventSync) {
	waiting := s.Pending + s.NotPushed
	if !s.Managed || waiting == 0 {
		p.box.Hide()
		return
	}
	p.status.SetText(pushProgressText(s))
	p.bar.Max = float64(s.Pushed + waiting)
	p.bar.SetValue(float64(s.Pushed))
	p.box.Show()
}

// pushProgressText: "Registering in RingCentral: 120 of 1,120 done, 1,000
// waiting, about 1 h 40 min left at RingCentral's limit."
func pushProgressText(s core.EventSync) string {
	waiting := s.Pending + s.NotPushed
	text := fmt.Sprintf("Registering in %s: %s of %s done, %s waiting", s.Provider, core.Thousands(s.Pushed),
		core.Thousands(s.Pushed+waiting), core.Thousands(waiting))
	if s.PushPerMinute > 0 {
		text += fmt.Sprintf(", about %s left at %s's limit", core.RoughDuration(s.PushLeft()), s.Provider)
	}
	if !s.AccountActive {
		text += ". The account is off: nothing is sent until it is turned on again"
	}
	return text + "."
}
