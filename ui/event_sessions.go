package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// sessionChooser is the event editor's "Choose session…": for a provider
// whose events belong to one session of a webinar (RingCentral), it lists
// the webinar's sessions from the connected account, in office time with
// where each stands, and fills the session ID with the one picked. Staff
// can still type the ID by hand.
type sessionChooser struct {
	ed           *EventEditor
	providerSync core.ProviderSyncService
	clock        core.Clock

	btn *widget.Button // next to the session ID field

	// The open list (nil when closed).
	dlg       *dialog.CustomDialog
	list      *widget.List
	note      *widget.Label
	useBtn    *widget.Button
	sessions  []core.Session
	rows      []string // what each row says (tests read it)
	picked    int      // -1: nothing picked yet
	webinarID string
}

func newSessionChooser(ed *EventEditor) *sessionChooser {
	c := &sessionChooser{ed: ed, providerSync: ed.providerSync, clock: ed.clock, picked: -1}
	c.btn = widget.NewButtonWithIcon("Choose session…", theme.ListIcon(), c.open)
	c.btn.Hide()
	ed.externalID.OnChanged = func(string) { c.update() }
	return c
}

// input is the session ID entry with the button beside it.
func (c *sessionChooser) input() fyne.CanvasObject {
	return container.NewBorder(nil, nil, nil, c.btn, c.ed.externalID2)
}

// update shows the button when the form asks for a session ID and an
// account is chosen (the provider lists the sessions), enabled once the
// webinar ID is typed.
func (c *sessionChooser) update() {
	ed := c.ed
	if ed.fID2 == nil {
		return // the editor is still being built
	}
	spec := ed.selectedSpec()
	show := spec.Caps.Sessions && !ed.fID2.box.Hidden && ed.selectedAccount() != 0
	if !show {
		c.btn.Hide()
		return
	}
	c.btn.Show()
	if strings.TrimSpace(ed.externalID.Text) == "" {
		c.btn.Disable()
	} else {
		c.btn.Enable()
	}
}

// open asks the provider for the webinar's sessions and lists them.
func (c *sessionChooser) open() {
	ed := c.ed
	acc, kind, wid := ed.selectedAccount(), ed.selectedKind(ed.selectedSpec()), strings.TrimSpace(ed.externalID.Text)
	label := ed.selectedSpec().Label
	c.btn.Disable()
	ed.app.background(func(ctx context.Context) error {
		list, err := c.providerSync.Sessions(ctx, acc, kind, wid)
		ed.app.do(func() {
			c.update()
			if err != nil {
				ed.showError(err)
				return
			}
			c.show(label, wid, list)
		})
		return nil
	})
}

// show opens the list of sessions; the one already in the field is
// selected.
func (c *sessionChooser) show(provider, webinarID string, list []core.Session) {
	zone := c.ed.app.office.TimeZone
	now := c.clock.Now()
	c.sessions, c.webinarID, c.picked = list, webinarID, -1
	c.rows = c.rows[:0]
	for _, s := range list {
		c.rows = append(c.rows, sessionRow(s, zone, now))
	}
	c.list = widget.NewList(func() int { return len(c.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(c.rows) {
				o.(*widget.Label).SetText(c.rows[i])
			}
		})
	c.useBtn = widget.NewButtonWithIcon("Use this session", theme.ConfirmIcon(), c.use)
	c.useBtn.Importance = widget.HighImportance
	c.useBtn.Disable()
	c.list.OnSelected = func(i widget.ListItemID) {
		c.picked = i
		c.useBtn.Enable()
	}
	c.note = para(fmt.Sprintf("%s lists %s for webinar %s. Times are office time (%s).", provider,
		plural(len(list), "session", "sessions"), webinarID, zoneName(zone)))
	if len(list) == 0 {
		c.note.SetText(fmt.Sprintf("%s lists no sessions of webinar %s from a year back onwards. Check the webinar ID, or type the session ID by hand.", provider, webinarID))
	}
	cancel := widget.NewButton("Cancel", func() { c.dlg.Hide() })
	buttons := container.NewHBox(layout.NewSpacer(), cancel, c.useBtn)
	body := container.NewBorder(c.note, buttons, nil, nil, container.NewGridWrap(fyne.NewSize(500, 260), c.list))
	d := dialog.NewCustomWithoutButtons("Choose the session", body, c.ed.app.win)
	d.SetOnClosed(func() {
		if c.dlg == d {
			c.dlg = nil
		}
	})
	c.dlg = d
	current := strings.TrimSpace(c.ed.externalID2.Text)
	for i, s := range list {
		if s.ID == current {
			c.list.Select(i)
		}
	}
	c.dlg.Show()
}

// use fills the session ID with the picked session.
func (c *sessionChooser) use() {
	if c.picked < 0 || c.picked >= len(c.sessions) {
		return
	}
	c.ed.externalID2.SetText(c.sessions[c.picked].ID)
	c.dlg.Hide()
}

// sessionRow says when a session runs, in office time, how long, where it
// stands and its ID: "Tue 5 Jan 2027, 14:00 CST · 1 h · Upcoming · 8812".
func sessionRow(s core.Session, zone string, now time.Time) string {
	return strings.Join([]string{whenLong(s.Start, zone), duration(s.Duration), sessionState(s, now), "ID " + s.ID}, " · ")
}

// sessionState is where a session stands.
func sessionState(s core.Session, now time.Time) string {
	switch {
	case s.Past:
		return "Held"
	case !now.Before(s.Start):
		return "Under way"
	}
	return "Upcoming"
}

// zoneName names the office zone for the note ("UTC" when none is set).
func zoneName(zone string) string {
	if zone == "" {
		return "UTC"
	}
	return zone
}
