package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// TemplateEditor edits the reminder email's subject, HTML and plain-text
// templates. The engine checks them on save, so a mistake shows here and
// not when reminders go out.
type TemplateEditor struct {
	// The services this screen uses (and nothing else of the engine).
	settings core.SettingsService

	app *App

	subject  *widget.Entry
	html     *widget.Entry
	text     *widget.Entry
	errLabel *widget.Label
	resetBtn *widget.Button
	saveBtn  *widget.Button
	dlg      *dialog.CustomDialog
}

const templateHelp = "Fields you can use: {{.FirstName}}, {{.Name}}, {{.Event.Title}}, {{.When}} (office time zone), " +
	"{{.EventWhen}} (the event's zone when it differs), {{.Link}} (the join link), {{.Password}}, {{.Office.Name}}, {{.ReplyTo}}."

func newTemplateEditor(u *App) *TemplateEditor {
	t := &TemplateEditor{app: u, settings: u.svc.Settings}
	t.subject = widget.NewEntry()
	t.html = widget.NewMultiLineEntry()
	t.html.TextStyle.Monospace = true
	t.html.Wrapping = fyne.TextWrapOff
	t.text = widget.NewMultiLineEntry()
	t.text.TextStyle.Monospace = true
	t.text.Wrapping = fyne.TextWrapWord
	t.errLabel = para("")
	t.errLabel.Importance = widget.DangerImportance
	t.errLabel.Hide()
	t.resetBtn = widget.NewButtonWithIcon("Reset to default", theme.HistoryIcon(), t.onReset)
	t.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), t.onSave)
	t.saveBtn.Importance = widget.HighImportance
	t.saveBtn.Disable() // until loaded
	cancel := widget.NewButton("Cancel", func() { t.dlg.Hide() })

	tabs := container.NewAppTabs(
		container.NewTabItem("Plain text", t.text),
		container.NewTabItem("HTML", t.html),
	)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Subject"), nil, t.subject),
		hint(templateHelp),
	)
	bottom := container.NewVBox(t.errLabel, container.NewHBox(t.resetBtn, layout.NewSpacer(), cancel, t.saveBtn))
	body := container.NewBorder(top, bottom, nil, nil, tabs)
	t.dlg = dialog.NewCustomWithoutButtons("Reminder email", container.New(fixedSizeLayout{fyne.NewSize(760, 520)}, body), u.win)
	return t
}

func (t *TemplateEditor) show() {
	t.dlg.Show()
	t.load()
}

func (t *TemplateEditor) load() {
	t.app.background(func(ctx context.Context) error {
		tm, err := t.settings.ReminderTemplates(ctx)
		if err != nil {
			return err
		}
		t.app.do(func() { t.fill(tm) })
		return nil
	})
}

func (t *TemplateEditor) fill(tm core.MailTemplates) {
	t.subject.SetText(tm.Subject)
	t.html.SetText(tm.HTML)
	t.text.SetText(tm.Text)
	t.saveBtn.Enable()
}

func (t *TemplateEditor) onSave() {
	tm := core.MailTemplates{Subject: t.subject.Text, HTML: t.html.Text, Text: t.text.Text}
	t.saveBtn.Disable()
	t.app.tasks.Add(1)
	go func() {
		defer t.app.tasks.Done()
		err := t.settings.SaveReminderTemplates(context.Background(), tm)
		t.app.do(func() {
			t.saveBtn.Enable()
			if err != nil {
				t.errLabel.SetText(core.ErrorMessage(err))
				t.errLabel.Show()
				return
			}
			t.dlg.Hide()
		})
	}()
}

// onReset puts Turnout's own reminder back after confirming.
func (t *TemplateEditor) onReset() {
	t.app.confirm("Reset reminder email",
		"Replace your subject, HTML and plain text with Turnout's default reminder?\n\nYour changes to the templates are lost.",
		"Reset to default", widget.DangerImportance, t.reset)
}

func (t *TemplateEditor) reset() {
	t.app.background(func(ctx context.Context) error {
		// Empty templates are stored as "use the defaults".
		if err := t.settings.SaveReminderTemplates(ctx, core.MailTemplates{}); err != nil {
			return err
		}
		tm, err := t.settings.ReminderTemplates(ctx)
		if err != nil {
			return err
		}
		t.app.do(func() {
			t.errLabel.Hide()
			t.fill(tm)
		})
		return nil
	})
}

// fixedSizeLayout gives its objects a fixed size (a dialog body that
// should not grow with its text).
type fixedSizeLayout struct{ size fyne.Size }

func (l fixedSizeLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.size }

func (l fixedSizeLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
