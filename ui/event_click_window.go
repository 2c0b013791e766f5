package ui

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// clickWindowChoices are the offered times before the start from which
// a link-only event's reminder clicks count as attendance.
var clickWindowChoices = []time.Duration{15 * time.Minute, core.DefaultClickWindow, time.Hour, 2 * time.Hour}

// clickWindowField picks the click window; it shows only for events
// whose service gives no participant report (clicks are all there is).
type clickWindowField struct {
	sel   *widget.Select
	field *field
	own   time.Duration // the event's own window, kept when not offered
}

func newClickWindowField() *clickWindowField {
	c := &clickWindowField{sel: widget.NewSelect(nil, nil)}
	c.field = newField("Clicks count as attendance from", c.sel,
		"This service tells Turnout nothing about who joined, so a click on the reminder link counts as attending "+
			"from this time until the end. Earlier clicks are listed as \"clicked early\".")
	c.fill(0)
	return c
}

func clickWindowLabel(d time.Duration) string {
	if d%time.Hour == 0 {
		return plural(int(d/time.Hour), "hour", "hours") + " before the start"
	}
	return fmt.Sprintf("%d minutes before the start", int(d/time.Minute))
}

// fill shows the event's window (zero: the default).
func (c *clickWindowField) fill(w time.Duration) {
	c.own = orDefault(w, core.DefaultClickWindow)
	var options []string
	for _, d := range clickWindowChoices {
		options = append(options, clickWindowLabel(d))
	}
	if l := clickWindowLabel(c.own); !slices.Contains(options, l) {
		options = append(options, l)
	}
	c.sel.Options = options
	c.sel.SetSelected(clickWindowLabel(c.own))
}

// selected is the chosen window.
func (c *clickWindowField) selected() time.Duration {
	for _, d := range append(clickWindowChoices, c.own) {
		if clickWindowLabel(d) == c.sel.Selected {
			return d
		}
	}
	return core.DefaultClickWindow
}

// showFor shows the field only for a provider without participant
// reports.
func (c *clickWindowField) showFor(spec core.ProviderSpec) {
	c.field.box.Hidden = spec.Caps.Participants
	c.field.box.Refresh()
}
