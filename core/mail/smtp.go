package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	simplemail "github.com/xhit/go-simple-mail/v2"

	"github.com/turnout-app/turnout/core"
)

// Default timeouts of an SMTP session.
const (
	DefaultConnectTimeout = 15 * time.Second
	DefaultSendTimeout    = 30 * time.Second
)

// Dialer opens a session with the mail server; tests replace it. It is a
// core.Mailer.
type Dialer func(ctx context.Context, c core.MailSettings) (core.MailSession, error)

// Dial calls d.
func (d Dialer) Dial(ctx context.Context, c core.MailSettings) (core.MailSession, error) {
	return d(ctx, c)
}

// NewMessageID makes a unique Message-ID in the sender's domain.
func NewMessageID(from string) string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	domain := "turnout.local"
	if i := strings.LastIndexByte(from, '@'); i >= 0 && i < len(from)-1 {
		domain = strings.Trim(from[i+1:], "<> ")
	}
	return "<" + hex.EncodeToString(b[:]) + "@" + domain + ">"
}

// Build turns a Message into go-simple-mail's email (exported for
// previews of the raw message).
func Build(m core.MailMessage, c core.MailSettings) (*simplemail.Email, error) {
	em := simplemail.NewMSG()
	from := m.From
	if from == "" {
		from = c.From
	}
	if c.FromName != "" && !strings.Contains(from, "<") {
		from = fmt.Sprintf("%q <%s>", c.FromName, from)
	}
	em.SetFrom(from)
	to := m.To
	if m.ToName != "" && m.ToName != m.To {
		to = fmt.Sprintf("%q <%s>", m.ToName, m.To)
	}
	em.AddTo(to)
	replyTo := m.ReplyTo
	if replyTo == "" {
		replyTo = c.ReplyTo
	}
	if replyTo != "" {
		em.SetReplyTo(replyTo)
	}
	em.SetSubject(m.Subject)
	if m.MessageID == "" {
		m.MessageID = NewMessageID(c.From)
	}
	em.AddHeader("Message-ID", m.MessageID)
	em.SetDate(time.Now().Format("2006-01-02 15:04:05 MST"))
	em.SetBody(simplemail.TextPlain, m.Text)
	if m.HTML != "" {
		em.AddAlternative(simplemail.TextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		em.Attach(&simplemail.File{Name: a.Name, MimeType: a.MimeType, Data: a.Data, Inline: a.Inline})
	}
	if em.Error != nil {
		return nil, core.Errorf(core.EINVALID, "The email to %s cannot be built: %v", m.To, em.Error)
	}
	return em, nil
}

var _ core.Mailer = Dialer(nil) // Dialer is how the engine reaches SMTP
