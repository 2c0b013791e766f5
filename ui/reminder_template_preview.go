package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// templatePreview is the template editor's live preview: the real email
// of a sample registrant, rendered by the engine from the unsaved text.
type templatePreview struct {
	ed *TemplateEditor

	who        *widget.Label // whose reminder this is
	subject    *widget.Label
	body       *widget.Label // the plain text as sent
	browserBtn *widget.Button
	email      *fyne.Container // subject over body
	content    fyne.CanvasObject

	msg     core.MailMessage // the last good rendering
	running bool             // a rendering is under way
	again   bool             // the text changed while it ran
	// Renders counts finished renderings (tests).
	Renders int
}

func newTemplatePreview(ed *TemplateEditor) *templatePreview {
	p := &templatePreview{ed: ed}
	p.who = widget.NewLabel("Preview")
	p.who.Wrapping = fyne.TextWrapWord // the event's title can be long
	p.who.SizeName = theme.SizeNameCaptionText
	p.who.Truncation = fyne.TextTruncateEllipsis
	p.subject = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.subject.Wrapping = fyne.TextWrapWord
	p.body = widget.NewLabel("")
	p.body.Wrapping = fyne.TextWrapWord
	p.browserBtn = widget.NewButtonWithIcon("Open HTML in browser", theme.ComputerIcon(), func() {
		ed.app.openHTMLInBrowser(p.msg.PreviewHTML(), nil)
	})
	p.browserBtn.Disable()
	// The subject scrolls with the body: a wrapped subject in the top bar
	// would be measured before it has a width and overlap the text.
	p.email = container.NewVBox(p.subject, widget.NewSeparator(), p.body)
	p.content = container.NewBorder(p.who, container.NewHBox(p.browserBtn), nil, nil, container.NewVScroll(p.email))
	return p
}

// refresh renders the editor's text again; edits made while a rendering
// runs are coalesced into one more.
func (p *templatePreview) refresh() {
	if p.running {
		p.again = true
		return
	}
	p.running = true
	tm := p.ed.current()
	u := p.ed.app
	u.tasks.Add(1)
	go func() {
		defer u.tasks.Done()
		got, err := p.ed.settings.PreviewReminderTemplates(context.Background(), tm)
		u.do(func() { p.rendered(got, err) })
	}()
}

func (p *templatePreview) rendered(got core.TemplatePreview, err error) {
	p.running = false
	if p.again {
		p.again = false
		p.refresh()
		return
	}
	p.Renders++
	p.ed.showProblem(err)
	if err != nil {
		p.who.SetText("Preview (fix the problem below to update it)")
		return
	}
	m := got.Message
	p.msg = m
	p.who.SetText("Preview: the reminder of " + got.For)
	p.subject.SetText(m.Subject)
	p.body.SetText(m.Text)
	p.email.Refresh() // lay out again: the subject may wrap to more lines
	p.browserBtn.Enable()
}
