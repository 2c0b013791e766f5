package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
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

// SMTP is the office's mail server reached with Dial.
var SMTP core.Mailer = Dialer(Dial)

// Dial connects and logs in. Errors are *SendError.
//
// Turnout dials the connection itself and hands it to go-simple-mail, so
// that every read and write has a deadline: a server that stops answering
// fails the message instead of hanging the batch.
func Dial(ctx context.Context, c core.MailSettings) (core.MailSession, error) {
	connectTimeout, sendTimeout := c.ConnectTimeout, c.SendTimeout
	if connectTimeout <= 0 {
		connectTimeout = DefaultConnectTimeout
	}
	if sendTimeout <= 0 {
		sendTimeout = DefaultSendTimeout
	}
	addr := net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	d := net.Dialer{Timeout: connectTimeout}
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, Classify(err, "connect", c.Host, c.Password)
	}
	conn := &deadlineConn{Conn: raw, timeout: connectTimeout, requireSTARTTLS: c.Security != core.MailSecurityNone && c.Security != core.MailSecurityTLS, host: c.Host}
	var nc net.Conn = conn
	if c.Security == core.MailSecurityTLS {
		tc := tls.Client(conn, &tls.Config{ServerName: c.Host})
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return nil, Classify(err, "connect", c.Host, c.Password)
		}
		nc = tc
	}
	srv := simplemail.NewSMTPClient()
	srv.Host, srv.Port = c.Host, c.Port
	srv.Username, srv.Password = c.User, c.Password
	srv.KeepAlive = true
	srv.CustomConn = nc
	srv.TLSConfig = &tls.Config{ServerName: c.Host}
	switch c.Security {
	case core.MailSecurityNone:
		srv.Encryption = simplemail.EncryptionNone
	case core.MailSecurityTLS:
		srv.Encryption = simplemail.EncryptionNone // already wrapped above
	default:
		srv.Encryption = simplemail.EncryptionSTARTTLS
	}
	if c.User == "" {
		srv.Authentication = simplemail.AuthNone
	}
	client, err := srv.Connect()
	if err != nil {
		raw.Close()
		return nil, Classify(err, "connect", c.Host, c.Password)
	}
	conn.setTimeout(sendTimeout)
	return &session{cfg: c, client: client}, nil
}

// deadlineConn gives every read and write its own deadline. With
// requireSTARTTLS it also refuses to send the login or a message before
// STARTTLS: go-simple-mail quietly goes on unencrypted when a server (or
// someone in between) does not offer STARTTLS, which would send the
// password in clear text.
type deadlineConn struct {
	net.Conn
	mu              sync.Mutex
	timeout         time.Duration
	requireSTARTTLS bool
	upgraded        bool // STARTTLS was sent; later writes are TLS records
	host            string
}

func (c *deadlineConn) setTimeout(d time.Duration) { c.mu.Lock(); c.timeout = d; c.mu.Unlock() }

func (c *deadlineConn) deadline() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.timeout)
}

func (c *deadlineConn) Read(p []byte) (int, error) {
	_ = c.Conn.SetReadDeadline(c.deadline())
	return c.Conn.Read(p)
}

func (c *deadlineConn) Write(p []byte) (int, error) {
	if err := c.checkEncrypted(p); err != nil {
		return 0, err
	}
	_ = c.Conn.SetWriteDeadline(c.deadline())
	return c.Conn.Write(p)
}

func (c *deadlineConn) checkEncrypted(p []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.requireSTARTTLS || c.upgraded {
		return nil
	}
	cmd := strings.ToUpper(string(p[:min(len(p), 8)]))
	switch {
	case strings.HasPrefix(cmd, "STARTTLS"):
		c.upgraded = true
	case strings.HasPrefix(cmd, "AUTH"), strings.HasPrefix(cmd, "MAIL"):
		return &SendError{Kind: KindNoSTARTTLS, Broken: true, host: c.host}
	}
	return nil
}

type session struct {
	mu     sync.Mutex
	cfg    core.MailSettings
	client *simplemail.SMTPClient
	broken bool
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

// Send sends one message on the kept-alive connection.
func (s *session) Send(m core.MailMessage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken {
		return &SendError{Kind: KindTransient, Text: "connection closed", Broken: true, host: s.cfg.Host}
	}
	em, err := Build(m, s.cfg)
	if err != nil {
		return &SendError{Kind: KindPermanent, Text: core.ErrorMessage(err), host: s.cfg.Host}
	}
	if err := em.Send(s.client); err != nil {
		se := Classify(err, "send", s.cfg.Host, s.cfg.Password)
		// Clear the half-done transaction so the connection can carry
		// the next message; if even that fails, the connection is gone.
		if se.Broken || s.client.Reset() != nil {
			s.broken, se.Broken = true, true
		}
		return se
	}
	return nil
}

// Close says goodbye to the server and closes the connection.
func (s *session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client == nil || s.client.Client == nil {
		return nil
	}
	if !s.broken {
		_ = s.client.Quit()
	}
	err := s.client.Close()
	s.client = nil
	return err
}

var _ core.Mailer = Dialer(nil) // Dialer is how the engine reaches SMTP
