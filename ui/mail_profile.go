package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// mailProfileEditor is the sending profile in Settings → Mail: which
// service's limits reminders keep to (chosen from the server's name until
// staff pick one) and the three numbers, editable.
type mailProfileEditor struct {
	preset      *widget.Select
	perMinute   *widget.Entry
	perDay      *widget.Entry
	connections *widget.Entry
	note        *widget.Label
	// chosen: staff picked or edited the profile, so it is saved as
	// theirs; otherwise the server's name keeps choosing it.
	chosen  bool
	filling bool
	content fyne.CanvasObject
}

func newMailProfileEditor() *mailProfileEditor {
	p := &mailProfileEditor{}
	labels := make([]string, 0, len(core.MailPresets()))
	for _, pr := range core.MailPresets() {
		labels = append(labels, pr.Label())
	}
	p.preset = widget.NewSelect(labels, p.onPreset)
	number := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) {
			if !p.filling {
				p.chosen = true
			}
		}
		return e
	}
	p.perMinute = number("0: no limit")
	p.perDay = number("0: no limit")
	p.connections = number("1")
	p.note = hint("")
	p.content = container.NewVBox(widget.NewForm(
		&widget.FormItem{Text: "Mail service", Widget: p.preset, HintText: "Reminders keep to its limits."},
		&widget.FormItem{Text: "Messages a minute", Widget: p.perMinute},
		&widget.FormItem{Text: "Messages a day", Widget: p.perDay},
		&widget.FormItem{Text: "Connections", Widget: p.connections, HintText: "1 to 3 at once."},
	), p.note)
	return p
}

func (p *mailProfileEditor) onPreset(label string) {
	if p.filling {
		return
	}
	for _, pr := range core.MailPresets() {
		if pr.Label() == label {
			p.show(core.PresetProfile(pr))
		}
	}
	p.chosen = true
	p.note.SetText("Your choice, kept when you save.")
}

// fill shows the profile in use for the saved settings.
func (p *mailProfileEditor) fill(c core.MailSettings) {
	p.chosen = c.Profile.Preset != ""
	p.show(c.SendingProfile())
	if p.chosen {
		p.note.SetText("Your choice.")
	} else {
		p.note.SetText("Chosen from the mail server's name; pick another if your plan has other limits. A large batch of reminders starts early enough for the last to leave on time.")
	}
}

func (p *mailProfileEditor) show(pr core.MailProfile) {
	p.filling = true
	defer func() { p.filling = false }()
	p.preset.SetSelected(pr.Preset.Label())
	p.perMinute.SetText(strconv.Itoa(pr.PerMinute))
	p.perDay.SetText(strconv.Itoa(pr.PerDay))
	p.connections.SetText(strconv.Itoa(max(pr.Connections, 1)))
}

// value is the profile to save: zero (chosen from the server's name) until
// staff pick or edit one. Unreadable numbers become -1, so the engine's
// message explains them.
func (p *mailProfileEditor) value() core.MailProfile {
	if !p.chosen {
		return core.MailProfile{}
	}
	num := func(e *widget.Entry) int {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			return 0
		}
		n, err := strconv.Atoi(t)
		if err != nil {
			return -1
		}
		return n
	}
	pr := core.PresetCustom
	for _, q := range core.MailPresets() {
		if q.Label() == p.preset.Selected {
			pr = q
		}
	}
	return core.MailProfile{Preset: pr, PerMinute: num(p.perMinute), PerDay: num(p.perDay), Connections: num(p.connections)}
}

// loadPaceNote warns, for an event still to come, when the mail service's
// daily limit cannot carry its reminders (or reminders are paused).
func (v *EventView) loadPaceNote() {
	if !v.event.Start.After(v.clock.Now()) {
		return
	}
	v.app.background(func(ctx context.Context) error {
		p, err := v.reminder.ReminderPace(ctx, v.event.ID)
		if err != nil || len(p.Warnings) == 0 {
			return err
		}
		v.app.do(func() {
			v.pace.SetText(strings.Join(p.Warnings, "\n"))
			v.pace.Show()
		})
		return nil
	})
}

func newPaceNote() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}
