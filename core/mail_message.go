package core

import (
	"context"
	"encoding/base64"
	"strings"
	"time"
)

// MailTemplates are the subject, HTML body and plain-text body of an
// email, in Go template syntax. Empty fields fall back to the defaults.
type MailTemplates struct {
	Subject string `json:"subject,omitempty"`
	HTML    string `json:"html,omitempty"`
	Text    string `json:"text,omitempty"`
}

// TemplatePreview is unsaved reminder templates rendered for a sample
// registrant.
type TemplatePreview struct {
	Message MailMessage
	// For says whose reminder it is, in words: "Maria Test, registered for
	// “Budget Q&A”", or that the person is made up.
	For string
}

// MailAttachment is a file sent with an email.
type MailAttachment struct {
	Name     string
	MimeType string
	Data     []byte
	Inline   bool // shown in the HTML body (cid:Name)
}

// MailMessage is a composed email, ready to send or to preview.
type MailMessage struct {
	From        string
	To          string
	ToName      string
	ReplyTo     string
	Subject     string
	HTML        string
	Text        string
	Attachments []MailAttachment
	// MessageID is set by the sender when empty.
	MessageID string
	// Wire is the message as it goes over the wire, when rendered ahead
	// of the send (mail.Render) so that a connection only transmits it;
	// nil: the session renders it.
	Wire *WireMail `json:"-"`
}

// WireMail is a rendered message: its envelope and its data.
type WireMail struct {
	From string
	To   []string
	Data string
}

// ICS returns the calendar attachment, nil if there is none.
func (m MailMessage) ICS() []byte {
	for _, a := range m.Attachments {
		if strings.HasPrefix(a.MimeType, "text/calendar") {
			return a.Data
		}
	}
	return nil
}

// PreviewHTML is the HTML with inline images turned into data: URLs, for
// showing the message in a browser exactly as a mail client would.
func (m MailMessage) PreviewHTML() string {
	html := m.HTML
	for _, a := range m.Attachments {
		if a.Inline {
			uri := "data:" + a.MimeType + ";base64," + base64.StdEncoding.EncodeToString(a.Data)
			html = strings.ReplaceAll(html, `"cid:`+a.Name+`"`, `"`+uri+`"`)
		}
	}
	return html
}

// Mailer is what the engine needs to send email: a connection to the
// office's mail server. core/mail implements it over SMTP; tests swap in
// their own.
type Mailer interface {
	// Dial connects and logs in with the given settings.
	Dial(ctx context.Context, s MailSettings) (MailSession, error)
}

// MailSession is one open connection to the mail server, kept alive for
// a batch of messages. It is not safe for concurrent use.
type MailSession interface {
	Send(m MailMessage) error
	Close() error
}

// MailStager is a MailSession that can send a message all but its very
// end (the final "." of SMTP's DATA), so the sender can finish writing the
// previous message's outcome meanwhile. A staged message is delivered only
// when finish returns nil; one never finished (a crash) is never delivered.
type MailStager interface {
	Stage(m MailMessage) (finish func() error, err error)
}

// MailSummary says what one SendQueuedMail did.
type MailSummary struct {
	Sent, Failed, Retry, Skipped int
	// Remaining counts jobs still waiting (due later, or not reached).
	Remaining int
	// PausedUntil is set while the mail service's daily limit holds the
	// outbox; Paused says why, in office words.
	PausedUntil time.Time
	Paused      string
}

// RemindOptions choose who Remind queues a reminder for.
type RemindOptions struct {
	// Email resends to one registrant (whatever their reminder state).
	Email string
	// All resends to every active registrant, including those already
	// reminded. The UI asks for confirmation first.
	All bool
}
