package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"github.com/turnout-app/turnout/core"
)

// Reading the editor back into an event, and saving it.

// updatePreview says, in words, when the reminder will go out.
func (ed *EventEditor) updatePreview() {
	if ed.preview == nil || ed.reminder == nil {
		return
	}
	zone := strings.TrimSpace(ed.zone.Text)
	start, err := core.ParseLocalTime(ed.start.Text, zone)
	if err != nil {
		if _, zerr := core.LoadLocation(zone); zerr != nil {
			ed.preview.SetText("Choose a time zone such as America/New_York to see when the reminder goes out.")
		} else {
			ed.preview.SetText("Write the start as 2026-12-01 14:00 to see when the reminder goes out.")
		}
		return
	}
	at := start.Add(-ed.selectedLead())
	text := "Reminder goes out " + whenShort(at, zone)
	if office := ed.app.office.TimeZone; office != "" && office != zone {
		text += " (" + whenShort(at, office) + " office time)"
	}
	ed.preview.SetText(text)
}

// event collects the form into an event.
func (ed *EventEditor) event() (core.Event, error) {
	ev := ed.base
	zone := strings.TrimSpace(ed.zone.Text)
	start, err := core.ParseLocalTime(ed.start.Text, zone)
	if err != nil {
		return ev, err
	}
	ev.Title = ed.title.Text
	ev.Description = strings.TrimSpace(ed.description.Text)
	ev.Start, ev.TimeZone = start, zone
	ev.Duration = ed.selectedDuration()
	ev.ReminderLead = ed.selectedLead()
	ev.Attendance = ed.selectedRule()
	p := ed.selectedProvider()
	loc := core.Location{Provider: p, AccountID: ed.selectedAccount()}
	if p == core.ProviderZoom {
		loc.Kind = core.KindMeeting
		if ed.zoomKind.Selected == "Webinar" {
			loc.Kind = core.KindWebinar
		}
	}
	if !ed.fID.box.Hidden {
		loc.ExternalID = ed.externalID.Text
	}
	if !ed.fID2.box.Hidden {
		loc.ExternalID2 = ed.externalID2.Text
	}
	if !ed.fURL.box.Hidden {
		loc.JoinURL = ed.joinURL.Text
	}
	if !ed.fPass.box.Hidden {
		loc.Password = strings.TrimSpace(ed.password.Text)
	}
	ev.Location = loc
	return ev, nil
}

func (ed *EventEditor) showError(err error) {
	ed.errLabel.SetText(core.ErrorMessage(err))
	ed.errLabel.Show()
}

// onSave validates and stores the event; the dialog stays open with the
// message when something is missing.
func (ed *EventEditor) onSave() {
	ev, err := ed.event()
	if err != nil {
		ed.showError(err)
		return
	}
	ed.saveBtn.Disable()
	ed.app.tasks.Add(1)
	go func() {
		defer ed.app.tasks.Done()
		ctx := context.Background()
		saved, warnings, err := ed.events.SaveEvent(ctx, ev)
		ed.app.do(func() {
			ed.saveBtn.Enable()
			if err != nil {
				ed.showError(err)
				return
			}
			ed.dlg.Hide()
			if len(warnings) > 0 {
				dialog.ShowInformation("Event saved: please check", strings.Join(warnings, "\n\n"), ed.app.win)
			}
			if ed.onSaved != nil {
				ed.onSaved(saved)
			}
		})
	}()
}
