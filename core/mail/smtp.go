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

// dateLayout is how Build hands go-simple-mail the date, which parses it
// back (keeping the local offset only for a zone it knows by name).
const dateLayout = "2006-01-02 15:04:05 MST"

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
	em.SetFrom(senderOf(m, c))
	em.AddTo(recipientOf(m))
	if replyTo := replyToOf(m, c); replyTo != "" {
		em.SetReplyTo(replyTo)
	}
	em.SetSubject(m.Subject)
	if m.MessageID == "" {
		m.MessageID = NewMessageID(c.From)
	}
	em.AddHeader("Message-ID", m.MessageID)
	em.SetDate(time.Now().Format(dateLayout))
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

// senderOf is m's From address with the office's name.
func senderOf(m core.MailMessage, c core.MailSettings) string {
	from := m.From
	if from == "" {
		from = c.From
	}
	if c.FromName != "" && !strings.Contains(from, "<") {
		from = fmt.Sprintf("%q <%s>", c.FromName, from)
	}
	return from
}

// recipientOf is m's To address with the registrant's name.
func recipientOf(m core.MailMessage) string {
	if m.ToName != "" && m.ToName != m.To {
		return fmt.Sprintf("%q <%s>", m.ToName, m.To)
	}
	return m.To
}

// replyToOf is where replies to m go; "" for the sender.
func replyToOf(m core.MailMessage, c core.MailSettings) string {
	if m.ReplyTo != "" {
		return m.ReplyTo
	}
	return c.ReplyTo
}

var _ core.Mailer = Dialer(nil) // Dialer is how the engine reaches SMTP
