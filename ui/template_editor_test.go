package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core/mail"
)

// Staff edit the reminder with named placeholders and see the real email
// of one of their registrants change as they type; nothing is saved until
// they press Save.
func TestTemplateEditorPreviewsTheRealEmailAsStaffType(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Budget Q&A")
	addPerson(t, eng, ev, "Maria", "maria@example.org")
	u.ShowSettings()
	u.wait()
	test.Tap(u.settings.mail.templates)
	u.wait()
	ed := u.settings.mail.editor
	p := ed.preview
	if strings.Contains(ed.text.Text, "{{") || strings.Contains(ed.subject.Text, "{{") {
		t.Fatalf("the editor shows template code:\n%s", ed.text.Text)
	}
	if !strings.Contains(p.who.Text, "Maria Test, registered for “Budget Q&A”") || !strings.Contains(p.subject.Text, "Budget Q&A") ||
		!strings.Contains(p.body.Text, "Hello Maria Test,") {
		t.Fatalf("preview of the default: %q / %q / %q", p.who.Text, p.subject.Text, p.body.Text)
	}

	ed.subject.SetText("See you, {First name}")
	ed.text.SetText("Hi {First name},\nPasscode: {Passcode}\nJoin: ")
	for _, k := range []fyne.KeyName{fyne.KeyDown, fyne.KeyDown, fyne.KeyEnd} { // the cursor to the end, as staff would
		ed.text.TypedKey(&fyne.KeyEvent{Name: k})
	}
	ed.insert.SetSelected("{Join link}")
	u.wait()
	if p.subject.Text != "See you, Maria" {
		t.Errorf("subject preview %q", p.subject.Text)
	}
	// The link event has no passcode: its line is left out.
	if p.body.Text != "Hi Maria,\nJoin: https://example.org/live" {
		t.Errorf("body preview %q", p.body.Text)
	}
	if ed.errLabel.Visible() {
		t.Errorf("a good template shows a problem: %q", ed.errLabel.Text)
	}

	ed.text.SetText("Hi {First name}, meet us at {Venue}")
	u.wait()
	if !ed.errLabel.Visible() || !strings.Contains(ed.errLabel.Text, "{Venue}") || strings.Contains(ed.errLabel.Text, "{{") {
		t.Fatalf("unknown placeholder while typing: %v %q", ed.errLabel.Visible(), ed.errLabel.Text)
	}
	if p.body.Text != "Hi Maria,\nJoin: https://example.org/live" {
		t.Errorf("a broken template replaced the last good preview: %q", p.body.Text)
	}
	if tm, _ := eng.ReminderTemplates(ctx); tm != mail.EditableTemplates(mail.DefaultReminder()) {
		t.Errorf("typing saved the templates: %q", tm.Subject)
	}
}

// Without any registrant the preview uses a made-up person, so the editor
// still shows what an email looks like.
func TestTemplateEditorPreviewWithoutRegistrants(t *testing.T) {
	u, _ := newTestUI(t)
	u.ShowSettings()
	u.wait()
	test.Tap(u.settings.mail.templates)
	u.wait()
	p := u.settings.mail.editor.preview
	if p.Renders == 0 || p.subject.Text == "" || !strings.Contains(p.body.Text, "Hello Ann Lee,") || !strings.Contains(p.who.Text, "made-up") {
		t.Fatalf("sample preview: %d renders, %q / %q", p.Renders, p.subject.Text, p.body.Text)
	}
}

// In a small window the editor, the preview and Save are all on screen.
func TestTemplateEditorFitsASmallWindow(t *testing.T) {
	u, _ := newTestUI(t)
	u.win.Resize(smallWindow)
	u.ShowSettings()
	u.wait()
	test.Tap(u.settings.mail.templates)
	u.wait()
	ed := u.settings.mail.editor
	for name, o := range map[string]fyne.CanvasObject{"Save": ed.saveBtn, "Reset to default": ed.resetBtn,
		"Subject": ed.subject, "Insert placeholder": ed.insert, "Open HTML in browser": ed.preview.browserBtn,
		"the preview's subject": ed.preview.subject} {
		assertShown(t, u, name, o)
	}
	if w := ed.preview.body.Size().Width; w < 250 {
		t.Errorf("the preview is squeezed to %.0f px", w)
	}
}
