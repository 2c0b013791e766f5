package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// TemplateEditor edits the reminder email's subject, plain text and HTML.
// Staff write placeholders such as {First name} (core translates them),
// and a live preview beside the text shows the real email of a sample
// registrant as they type, so a mistake shows here and not when reminders
// go out.
type TemplateEditor struct {
	// The services this screen uses (and nothing else of the engine).
	settings core.SettingsService

	app *App

	subject  *widget.Entry
	html     *widget.Entry
	text     *widget.Entry
	tabs     *container.AppTabs
	insert   *widget.Select // puts a placeholder at the cursor
	codeNote *widget.Label  // a part still written as template code
	errLabel *widget.Label
	resetBtn *widget.Button
	saveBtn  *widget.Button
	dlg      *dialog.CustomDialog
	preview  *templatePreview
	loaded   bool
}

// templateHelp explains placeholders, listed from core so the help and the
// translation never disagree.
func templateHelp() string {
	var all, optional []string
	for _, p := range core.ReminderPlaceholders {
		name := "{" + p.Name + "}"
		if p.HTMLOnly {
			name += " (HTML)"
		}
		all = append(all, name)
		if p.Optional {
			optional = append(optional, "{"+p.Name+"}")
		}
	}
	return "Placeholders are filled in for each person: " + strings.Join(all, " ") + ". " +
		"A line with " + strings.Join(optional, ", ") + " is left out when there is nothing to show."
}

func newTemplateEditor(u *App) *TemplateEditor {
	t := &TemplateEditor{app: u, settings: u.svc.Settings}
	t.subject = widget.NewEntry()
	t.html = widget.NewMultiLineEntry()
	t.html.TextStyle.Monospace = true
	t.html.Wrapping = fyne.TextWrapOff
	t.text = widget.NewMultiLineEntry()
	t.text.Wrapping = fyne.TextWrapWord
	for _, e := range []*widget.Entry{t.subject, t.text, t.html} {
		e.OnChanged = func(string) { t.changed() }
	}
	t.preview = newTemplatePreview(t)
	t.errLabel = para("")
	t.errLabel.Importance = widget.DangerImportance
	t.errLabel.Hide()
	t.codeNote = hint("Part of this email is still written as template code from an earlier version. It keeps working; " +
		"Reset to default gives you placeholders to edit instead.")
	t.codeNote.Hide()
	var names []string
	for _, p := range core.ReminderPlaceholders {
		names = append(names, "{"+p.Name+"}")
	}
	t.insert = widget.NewSelect(names, t.onInsert)
	t.insert.PlaceHolder = "Insert placeholder"
	t.resetBtn = widget.NewButtonWithIcon("Reset to default", theme.HistoryIcon(), t.onReset)
	t.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), t.onSave)
	t.saveBtn.Importance = widget.HighImportance
	t.saveBtn.Disable() // until loaded
	cancel := widget.NewButton("Cancel", func() { t.dlg.Hide() })

	t.tabs = container.NewAppTabs(
		container.NewTabItem("Plain text", t.text),
		container.NewTabItem("HTML", t.html),
	)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Subject"), nil, t.subject),
		hint(templateHelp()),
		container.NewHBox(t.insert),
	)
	editor := container.NewBorder(top, nil, nil, nil, t.tabs)
	split := container.NewHSplit(editor, t.preview.content)
	split.Offset = 0.55
	bottom := container.NewVBox(t.codeNote, t.errLabel, container.NewHBox(t.resetBtn, layout.NewSpacer(), cancel, t.saveBtn))
	body := container.NewBorder(nil, bottom, nil, nil, split)
	// Editor and preview side by side, as large as the window allows.
	room := u.win.Canvas().Size()
	size := fyne.NewSize(fyne.Min(1000, room.Width-80), fyne.Min(600, room.Height-140))
	t.dlg = dialog.NewCustomWithoutButtons("Reminder email", container.New(fixedSizeLayout{size}, body), u.win)
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
	t.loaded = false // one preview for the three parts, not three
	t.subject.SetText(tm.Subject)
	t.html.SetText(tm.HTML)
	t.text.SetText(tm.Text)
	t.loaded = true
	if core.IsTemplateCode(tm.Subject) || core.IsTemplateCode(tm.Text) || core.IsTemplateCode(tm.HTML) {
		t.codeNote.Show()
	} else {
		t.codeNote.Hide()
	}
	t.saveBtn.Enable()
	t.changed()
}

// current is what the editor holds now.
func (t *TemplateEditor) current() core.MailTemplates {
	return core.MailTemplates{Subject: t.subject.Text, HTML: t.html.Text, Text: t.text.Text}
}

// changed renders the preview again after an edit.
func (t *TemplateEditor) changed() {
	if t.loaded {
		t.preview.refresh()
	}
}

// onInsert types the chosen placeholder at the cursor of the part shown.
func (t *TemplateEditor) onInsert(name string) {
	if name == "" {
		return
	}
	e := t.text
	if t.tabs.Selected() != nil && t.tabs.Selected().Text == "HTML" {
		e = t.html
	}
	for _, r := range name {
		e.TypedRune(r)
	}
	t.insert.ClearSelected()
	t.app.win.Canvas().Focus(e)
}

// showProblem says what is wrong with the templates, or hides the line.
func (t *TemplateEditor) showProblem(err error) {
	if err == nil {
		t.errLabel.Hide()
		return
	}
	t.errLabel.SetText(core.ErrorMessage(err))
	t.errLabel.Show()
}

func (t *TemplateEditor) onSave() {
	tm := t.current()
	t.saveBtn.Disable()
	t.app.tasks.Add(1)
	go func() {
		defer t.app.tasks.Done()
		err := t.settings.SaveReminderTemplates(context.Background(), tm)
		t.app.do(func() {
			t.saveBtn.Enable()
			if err != nil {
				t.showProblem(err)
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
			t.showProblem(nil)
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
