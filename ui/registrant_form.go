package ui

import (
	"context"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// RegistrantForm adds a person to an event or edits their details.
type RegistrantForm struct {
	// The services this screen uses (and nothing else of the engine).
	registrants core.RegistrantService

	app     *App
	eventID core.ID
	base    *core.Registrant // nil when adding
	onSaved func(core.Registrant)

	first, last, email, externalID, source *widget.Entry
	errLabel                               *widget.Label
	saveBtn                                *widget.Button
	dlg                                    *dialog.CustomDialog
}

func newRegistrantForm(u *App, eventID core.ID, r *core.Registrant, onSaved func(core.Registrant)) *RegistrantForm {
	f := &RegistrantForm{app: u, registrants: u.svc.Registrants, eventID: eventID, base: r, onSaved: onSaved}
	f.first, f.last, f.email = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.externalID, f.source = widget.NewEntry(), widget.NewEntry()
	f.email.SetPlaceHolder("name@example.org")
	f.externalID.SetPlaceHolder("e.g. alumni database ID")
	f.source.SetPlaceHolder("e.g. Newsletter")
	title, save := "Add registrant", "Add"
	if r != nil {
		title, save = "Edit registrant", "Save"
		f.first.SetText(r.FirstName)
		f.last.SetText(r.LastName)
		f.email.SetText(r.Email)
		f.externalID.SetText(r.ExternalID)
		f.source.SetText(r.Source)
	}
	f.errLabel = para("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Hide()
	f.saveBtn = widget.NewButton(save, f.onSave)
	f.saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { f.dlg.Hide() })
	form := widget.NewForm(
		widget.NewFormItem("First name", f.first),
		widget.NewFormItem("Last name", f.last),
		&widget.FormItem{Text: "Email  *", Widget: f.email, HintText: "Reminders and the join link go here."},
		&widget.FormItem{Text: "External ID", Widget: f.externalID, HintText: "Your own system's ID, kept in exports."},
		&widget.FormItem{Text: "Source", Widget: f.source, HintText: "Where they heard of the event, for your reports."},
	)
	content := container.NewVBox(fixedWidth(460, form), f.errLabel,
		container.NewHBox(layout.NewSpacer(), cancel, f.saveBtn))
	f.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	return f
}

func (f *RegistrantForm) show() {
	f.dlg.Show()
	f.app.win.Canvas().Focus(f.first)
}

func (f *RegistrantForm) onSave() {
	r := core.Registrant{EventID: f.eventID, FirstName: f.first.Text, LastName: f.last.Text,
		Email: f.email.Text, ExternalID: f.externalID.Text, Source: f.source.Text}
	if f.base != nil {
		r.ID = f.base.ID
	}
	f.saveBtn.Disable()
	f.app.tasks.Add(1)
	go func() {
		defer f.app.tasks.Done()
		ctx := context.Background()
		var saved core.Registrant
		var err error
		var outcome core.AddOutcome
		if r.ID != 0 {
			saved, err = f.registrants.UpdateRegistrant(ctx, r)
		} else {
			saved, outcome, err = f.registrants.AddRegistrant(ctx, f.eventID, r)
		}
		f.app.do(func() {
			f.saveBtn.Enable()
			if err != nil {
				f.errLabel.SetText(core.ErrorMessage(err))
				f.errLabel.Show()
				return
			}
			f.dlg.Hide()
			if outcome == core.Reactivated {
				dialog.ShowInformation("Registered again",
					saved.Name()+" had cancelled; their registration is active again and keeps its history.", f.app.win)
			}
			if f.onSaved != nil {
				f.onSaved(saved)
			}
		})
	}()
}
