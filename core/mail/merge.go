package mail

import (
	"bytes"
	"net/mail"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// maxShapes bounds the shapes one Merger remembers; a batch has one per
// event (and office settings), so more means something unusual: those
// messages are rendered one by one.
const maxShapes = 16

// Merger renders a batch of messages, most of which have the same shape:
// the reminders of one event share the sender, the parts, the inline logo
// and the attachments' names and types, and differ only in the recipient,
// the subject, the Message-ID, the date, the text, the HTML and the
// calendar file. go-simple-mail renders the first message of each shape;
// every further one is its rendering with only what differs filled in,
// which costs a fraction of rendering it again. A message the Merger is
// not sure about is rendered by go-simple-mail (Render).
type Merger struct {
	cfg core.MailSettings

	mu    sync.Mutex
	forms map[string]*form // by shape; nil: a shape rendered one by one
	// How the messages were rendered, for tests.
	merged, rendered int
}

// NewMerger makes a Merger for messages sent with the settings c.
func NewMerger(c core.MailSettings) *Merger {
	return &Merger{cfg: c, forms: map[string]*form{}}
}

// Render is mail.Render, through the form of m's shape when there is one.
func (g *Merger) Render(m core.MailMessage) (*core.WireMail, error) {
	if m.Wire != nil {
		return m.Wire, nil
	}
	sh := shapeOf(m, g.cfg)
	g.mu.Lock()
	defer g.mu.Unlock()
	f, known := g.forms[sh.key]
	if f != nil {
		if w, ok := f.merge(m, g.cfg, time.Now()); ok {
			g.merged++
			return w, nil
		}
	}
	g.rendered++
	w, err := Render(m, g.cfg)
	if err == nil && !known && len(g.forms) < maxShapes {
		// The first of its shape: further ones are merged from it.
		g.forms[sh.key] = newForm(m, sh, w)
	}
	return w, err
}

// shape is what a message must share with another to be merged from the
// same form: everything go-simple-mail writes the same for both.
type shape struct {
	key                string
	textRefs, htmlRefs []string // cid references, as go-simple-mail finds them
}

func shapeOf(m core.MailMessage, c core.MailSettings) shape {
	sh := shape{textRefs: cidRefs(m.Text), htmlRefs: cidRefs(m.HTML)}
	var b strings.Builder
	field := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	field(senderOf(m, c))
	field(replyToOf(m, c))
	b.WriteByte(flag(m.HTML != "", 'H', 'T'))
	for _, a := range m.Attachments {
		field(a.Name)
		field(a.MimeType)
		b.WriteByte(flag(a.Inline, 'i', 'a'))
		b.WriteByte(flag(len(a.Data) > 0, '+', '0'))
	}
	for _, refs := range [][]string{sh.textRefs, sh.htmlRefs} {
		b.WriteByte('|')
		for _, r := range refs {
			field(r)
		}
	}
	sh.key = b.String()
	return sh
}

func flag(on bool, yes, no byte) byte {
	if on {
		return yes
	}
	return no
}

// merge renders m, a message of f's shape; false when it cannot be merged
// exactly (the caller then renders it with go-simple-mail).
func (f *form) merge(m core.MailMessage, c core.MailSettings, now time.Time) (*core.WireMail, bool) {
	if len(m.Attachments) != len(f.atts) {
		return nil, false
	}
	to, err := mail.ParseAddress(recipientOf(m))
	if err != nil {
		return nil, false
	}
	date, ok := dateValue(now)
	if !ok {
		return nil, false
	}
	id := m.MessageID
	if id == "" {
		id = NewMessageID(c.From)
	}
	text := withCIDs(m.Text, f.textRefs, f.cids)
	html := withCIDs(m.HTML, f.htmlRefs, f.cids)
	for _, bd := range f.boundaries {
		// A body holding a boundary would end its part early.
		if strings.Contains(text, bd) || strings.Contains(html, bd) {
			return nil, false
		}
	}
	var b strings.Builder
	// Quoted-printable adds a soft break every 76 and more for non-ASCII.
	b.Grow(f.size + (len(text)+len(html))*5/4 + 1024)
	for _, p := range f.pieces {
		switch p.kind {
		case constant:
			b.WriteString(p.text)
		case toField:
			writeField(&b, "To", headerValue(to.String()))
		case subjectField:
			if m.Subject == f.subject {
				b.WriteString(f.subjectField)
			} else {
				writeField(&b, "Subject", headerValue(m.Subject))
			}
		case idField:
			writeField(&b, "Message-Id", headerValue(id))
		case dateField:
			writeField(&b, "Date", date)
		case textBody:
			writeQP(&b, text)
		case htmlBody:
			writeQP(&b, html)
		case attachmentBody:
			if data := m.Attachments[p.att].Data; bytes.Equal(data, f.atts[p.att]) {
				b.WriteString(f.attBodies[p.att])
			} else {
				b.WriteString(base64Lines(data))
			}
		}
	}
	return &core.WireMail{From: f.from, To: []string{to.Address}, Data: b.String()}, true
}
