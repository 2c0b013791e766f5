package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// EmailPreview shows the exact reminder one registrant gets: the headers,
// the link they click, the plain text and the HTML source (Fyne cannot
// render HTML; "Open in browser" shows it as a mail client would).
type EmailPreview struct {
	// The services this screen uses (and nothing else of the engine).
	reminders core.ReminderService

	app          *App
	eventID, id  core.ID
	name         string
	msg          core.MailMessage
	link         string
	headers      *widget.Form
	linkLabel    *widget.Label
	text         *widget.Label
	html         *widget.Label
	attachments  *widget.Label
	browserBtn   *widget.Button
	dlg          *dialog.CustomDialog
	openedInFile string // the HTML file last opened in the browser
}

func newEmailPreview(u *App, eventID, id core.ID, name string) *EmailPreview {
	return &EmailPreview{app: u, reminders: u.svc.Reminders, eventID: eventID, id: id, name: name}
}

// load composes the reminder off the UI goroutine and then shows it.
func (p *EmailPreview) load() {
	p.app.background(func(ctx context.Context) error {
		m, err := p.reminders.PreviewReminder(ctx, p.eventID, p.id)
		if err != nil {
			return err
		}
		l, err := p.reminders.TrackedLink(ctx, p.eventID, p.id)
		if err != nil {
			return err
		}
		p.app.do(func() { p.show(m, l) })
		return nil
	})
}

func (p *EmailPreview) show(m core.MailMessage, link string) {
	p.msg, p.link = m, link
	to := m.To
	if m.ToName != "" {
		to = m.ToName + " <" + m.To + ">"
	}
	from := m.From
	if from == "" {
		from = "(no sender yet: set it in Settings → Mail)"
	}
	// A long subject would draw past the dialog's edge: it wraps, so staff
	// read all of it.
	subject := widget.NewLabelWithStyle(m.Subject, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	subject.Wrapping = fyne.TextWrapWord
	p.headers = widget.NewForm(
		widget.NewFormItem("From", widget.NewLabel(from)),
		widget.NewFormItem("To", widget.NewLabel(to)),
		widget.NewFormItem("Subject", subject),
	)
	if m.ReplyTo != "" {
		p.headers.Append("Reply-to", widget.NewLabel(m.ReplyTo))
	}
	p.linkLabel = widget.NewLabel(link)
	p.linkLabel.TextStyle.Monospace = true
	p.linkLabel.Wrapping = fyne.TextWrapBreak
	p.headers.Append("Link", p.linkLabel)
	var names []string
	for _, a := range m.Attachments {
		if !a.Inline {
			names = append(names, a.Name)
		}
	}
	p.attachments = widget.NewLabel(strings.Join(names, ", "))
	if len(names) > 0 {
		p.headers.Append("Attached", p.attachments)
	}

	p.text = widget.NewLabel(m.Text)
	p.text.Wrapping = fyne.TextWrapWord
	p.html = widget.NewLabel(m.HTML)
	p.html.Wrapping = fyne.TextWrapBreak
	p.html.TextStyle.Monospace = true
	p.html.SizeName = theme.SizeNameCaptionText
	tabs := container.NewAppTabs(
		container.NewTabItem("Text", container.NewVScroll(p.text)),
		container.NewTabItem("HTML source", container.NewVScroll(p.html)),
	)
	p.browserBtn = widget.NewButtonWithIcon("Open in browser", theme.ComputerIcon(), p.onOpenInBrowser)
	closeBtn := widget.NewButton("Close", func() { p.dlg.Hide() })
	closeBtn.Importance = widget.HighImportance
	// The sentence takes the row's free width on one line: a wrapping
	// label in an HBox gets no width and stands one letter per line,
	// which made the row as tall as the dialog.
	who := widget.NewLabel("This is exactly what " + p.name + " receives.")
	who.SizeName = theme.SizeNameCaptionText
	who.Truncation = fyne.TextTruncateEllipsis
	bottom := container.NewBorder(nil, nil, nil, container.NewHBox(p.browserBtn, closeBtn), who)
	body := container.NewBorder(p.headers, bottom, nil, nil, tabs)
	p.dlg = dialog.NewCustomWithoutButtons("Reminder email preview", container.New(fixedSizeLayout{fyne.NewSize(760, 560)}, body), p.app.win)
	p.dlg.Show()
}

// onOpenInBrowser shows the HTML (logo inlined) in the default browser.
func (p *EmailPreview) onOpenInBrowser() {
	p.app.openHTMLInBrowser(p.msg.PreviewHTML(), func(path string) { p.openedInFile = path })
}
