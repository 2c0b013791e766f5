package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/textproto"
	"strconv"
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

// ErrorKind classifies a failure to send.
type ErrorKind int

const (
	KindUnknown     ErrorKind = iota
	KindRefused               // nothing listens there, or the network is down
	KindTimeout               // the server did not answer in time
	KindTLSRequired           // the server wants an encrypted connection
	KindNoSTARTTLS            // STARTTLS chosen, but the server does not offer it
	KindTLS                   // encryption failed (certificate, protocol)
	KindAuth                  // user name or password refused, or login required
	KindTransient             // 4xx: try again later
	KindPermanent             // 5xx for this address: will never work
)

// SendError is a failure to send, in office words. Error() never contains
// the password.
type SendError struct {
	Kind ErrorKind
	Code int    // SMTP reply code, 0 if none
	Text string // the server's words (or the network error)
	// Broken says the connection cannot be used for another message.
	Broken bool
	host   string
}

// Transient reports whether trying again later may work. Only 5xx
// answers about an address are final; setting problems (login, TLS) are
// retried too, because staff can fix the settings without losing mail.
func (e *SendError) Transient() bool { return e.Kind != KindPermanent }

// ServerWords is what the server said, for the registrant's record.
func (e *SendError) ServerWords() string {
	if e.Code != 0 {
		return strconv.Itoa(e.Code) + " " + e.Text
	}
	return e.Text
}

func (e *SendError) Error() string {
	switch e.Kind {
	case KindRefused:
		return fmt.Sprintf("The mail server %s refused the connection or cannot be reached. Check the server name and port in the mail settings, and that this PC is online.", e.host)
	case KindTimeout:
		return fmt.Sprintf("The mail server %s did not answer in time. Check the server name and port; Turnout will try again.", e.host)
	case KindTLSRequired:
		return fmt.Sprintf("The mail server %s requires an encrypted connection. Choose STARTTLS (usually port 587) or TLS (usually port 465) in the mail settings.", e.host)
	case KindNoSTARTTLS:
		return fmt.Sprintf("The mail server %s does not offer STARTTLS, so Turnout sent nothing over the unencrypted connection. Choose TLS (usually port 465), or None only for a server inside your office network.", e.host)
	case KindTLS:
		return fmt.Sprintf("The encrypted connection to %s failed (%s). Check the security choice and port: TLS is usually port 465, STARTTLS port 587.", e.host, e.Text)
	case KindAuth:
		return fmt.Sprintf("The mail server %s did not accept the user name and password (%s). Check them in the mail settings.", e.host, e.ServerWords())
	case KindTransient:
		return fmt.Sprintf("The mail server is busy or refused for now (%s); Turnout will try again.", e.ServerWords())
	case KindPermanent:
		return fmt.Sprintf("The mail server refused this address: %s", e.ServerWords())
	}
	return fmt.Sprintf("Sending through %s failed: %s", e.host, e.ServerWords())
}

// UserError wraps e as a core.Error for dialogs and the CLI.
func (e *SendError) UserError() *core.Error {
	code := core.EUNAVAILABLE
	switch e.Kind {
	case KindAuth:
		code = core.EUNAUTHORIZED
	case KindPermanent:
		code = core.EINVALID
	}
	return &core.Error{Code: code, Message: e.Error()}
}

// Classify turns an error from go-simple-mail or the network into a
// *SendError. stage is "connect" or "send"; password is scrubbed from any
// text kept.
func Classify(err error, stage, host, password string) *SendError {
	if err == nil {
		return nil
	}
	var se *SendError
	if errors.As(err, &se) {
		return se
	}
	msg := err.Error()
	if password != "" {
		msg = strings.ReplaceAll(msg, password, "***")
	}
	msg = core.RedactSecrets(msg) // e.g. a server echoing AUTH PLAIN's base64
	e := &SendError{Text: msg, host: host}
	var tp *textproto.Error
	low := strings.ToLower(msg)
	switch {
	case errors.As(err, &tp):
		e.Code, e.Text = tp.Code, strings.TrimSpace(tp.Msg)
		if password != "" {
			e.Text = strings.ReplaceAll(e.Text, password, "***")
		}
		e.Text = core.RedactSecrets(e.Text)
		lowMsg := strings.ToLower(e.Text)
		switch {
		case tp.Code == 530 && (strings.Contains(lowMsg, "starttls") || strings.Contains(lowMsg, "tls")),
			tp.Code == 538, tp.Code == 523:
			e.Kind, e.Broken = KindTLSRequired, true
		case tp.Code == 535 || tp.Code == 534 || tp.Code == 530 || strings.Contains(low, "on auth"):
			e.Kind, e.Broken = KindAuth, true
		case tp.Code == 421:
			e.Kind, e.Broken = KindTransient, true
		case tp.Code >= 400 && tp.Code < 500:
			e.Kind = KindTransient
		case tp.Code >= 500:
			e.Kind = KindPermanent
		}
	case strings.Contains(low, "connection refused"), strings.Contains(low, "no such host"),
		strings.Contains(low, "network is unreachable"), strings.Contains(low, "no route to host"):
		e.Kind, e.Broken = KindRefused, true
	case strings.Contains(low, "timed out"), strings.Contains(low, "timeout"):
		e.Kind, e.Broken = KindTimeout, true
	case strings.Contains(low, "tls") || strings.Contains(low, "x509") || strings.Contains(low, "certificate"):
		e.Kind, e.Broken = KindTLS, true
	case strings.Contains(low, "auth"):
		e.Kind, e.Broken = KindAuth, true
	default:
		// EOF, reset by peer, broken pipe: the connection is gone.
		e.Kind, e.Broken = KindTransient, true
	}
	if stage == "connect" {
		e.Broken = true
	}
	return e
}

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
