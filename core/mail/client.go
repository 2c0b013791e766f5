package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/smtp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Turnout composes with go-simple-mail but speaks SMTP through the
// standard library's net/smtp: go-simple-mail's sign-in mechanisms are
// closed (no XOAUTH2) and it quietly goes on without STARTTLS when a
// server does not offer it. With net/smtp Turnout chooses the mechanism
// (XOAUTH2, PLAIN, LOGIN), refuses a server without STARTTLS before
// anything is sent, and keeps one connection per MailSession.

// SMTP is the office's mail server reached with Dial.
var SMTP core.Mailer = Dialer(Dial)

// Dial connects and signs in: with the password, or with XOAUTH2 and an
// access token from c.Tokens for Microsoft 365 and Google. Errors are
// *SendError. Every read and write has a deadline, so a server that stops
// answering fails the message instead of hanging the batch.
func Dial(ctx context.Context, c core.MailSettings) (core.MailSession, error) {
	return dial(ctx, c, nil)
}

// TrustingDialer is Dial that also trusts the certificates in roots (a
// test server's); nil roots are the system's.
func TrustingDialer(roots *x509.CertPool) Dialer {
	return func(ctx context.Context, c core.MailSettings) (core.MailSession, error) { return dial(ctx, c, roots) }
}

func dial(ctx context.Context, c core.MailSettings, roots *x509.CertPool) (core.MailSession, error) {
	s := &session{cfg: c, roots: roots}
	if err := s.connect(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

type session struct {
	mu     sync.Mutex
	cfg    core.MailSettings
	client *smtp.Client
	conn   *deadlineConn
	access string // the access token this connection signed in with
	roots  *x509.CertPool
	broken bool
}

// connect opens the connection, encrypts it and signs in. A refused
// access token is dropped and a fresh one tried once: it may have been
// revoked or expired early at the service.
func (s *session) connect(ctx context.Context) error {
	err := s.connectOnce(ctx)
	if se, ok := err.(*SendError); ok && se.Kind == KindAuth && s.cfg.SignIn.OAuth() && s.cfg.Tokens != nil && s.access != "" {
		s.cfg.Tokens.Invalidate(s.access)
		if err = s.connectOnce(ctx); err != nil {
			return signInRefused(s.cfg, err)
		}
	}
	return err
}

func (s *session) connectOnce(ctx context.Context) error {
	c := s.cfg
	connectTimeout, sendTimeout := c.ConnectTimeout, c.SendTimeout
	if connectTimeout <= 0 {
		connectTimeout = DefaultConnectTimeout
	}
	if sendTimeout <= 0 {
		sendTimeout = DefaultSendTimeout
	}
	auth, secret, err := s.auth(ctx)
	if err != nil {
		return err
	}
	fail := func(err error) error { return Classify(err, "connect", c.Host, secret) }
	d := net.Dialer{Timeout: connectTimeout}
	raw, err := d.DialContext(ctx, "tcp", net.JoinHostPort(c.Host, strconv.Itoa(c.Port)))
	if err != nil {
		return fail(err)
	}
	conn := &deadlineConn{Conn: raw, timeout: connectTimeout}
	var nc net.Conn = conn
	tlsConf := &tls.Config{ServerName: c.Host, MinVersion: tls.VersionTLS12, RootCAs: s.roots}
	if c.Security == core.MailSecurityTLS {
		tc := tls.Client(conn, tlsConf)
		if err := tc.HandshakeContext(ctx); err != nil {
			raw.Close()
			return fail(err)
		}
		nc = tc
	}
	client, err := smtp.NewClient(nc, c.Host)
	if err != nil {
		raw.Close()
		return fail(err)
	}
	if err := client.Hello("localhost"); err != nil {
		raw.Close()
		return fail(err)
	}
	if c.Security == core.MailSecuritySTARTTLS || c.Security == "" {
		if ok, _ := client.Extension("STARTTLS"); !ok {
			raw.Close()
			return &SendError{Kind: KindNoSTARTTLS, Broken: true, host: c.Host}
		}
		if err := client.StartTLS(tlsConf); err != nil {
			raw.Close()
			return fail(err)
		}
	}
	if auth != nil {
		if err := client.Auth(auth); err != nil {
			raw.Close()
			return fail(err)
		}
	}
	conn.setTimeout(sendTimeout)
	s.client, s.conn, s.broken = client, conn, false
	return nil
}

// auth chooses the sign-in: XOAUTH2 with a live token, the password with
// PLAIN or LOGIN, or none. secret is what must never appear in an error.
func (s *session) auth(ctx context.Context) (smtp.Auth, string, error) {
	c := s.cfg
	if c.SignIn.OAuth() {
		if c.Tokens == nil {
			return nil, "", &SendError{Kind: KindSignIn, Broken: true, host: c.Host,
				Text: "Turnout is not signed in to " + c.SignIn.Label() + ": sign in in Settings → Mail."}
		}
		tok, err := c.Tokens.AccessToken(ctx)
		if err != nil {
			return nil, "", tokenError(err, c.Host)
		}
		s.access = tok
		return &xoauth2{user: c.User, token: tok}, tok, nil
	}
	if c.User == "" {
		return nil, "", nil
	}
	return &passwordAuth{user: c.User, password: c.Password}, c.Password, nil
}

// Send sends one message on the kept-alive connection. A signed-in
// connection whose token was renewed meanwhile signs in again first.
func (s *session) Send(m core.MailMessage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken || s.client == nil {
		return &SendError{Kind: KindTransient, Text: "connection closed", Broken: true, host: s.cfg.Host}
	}
	if err := s.renewSignIn(); err != nil {
		s.broken = true
		return err
	}
	wire, err := Render(m, s.cfg)
	if err != nil {
		return &SendError{Kind: KindPermanent, Text: core.ErrorMessage(err), host: s.cfg.Host}
	}
	if err := s.transact(wire.From, wire.To, wire.Data); err != nil {
		return s.failed(err)
	}
	return nil
}

func (s *session) secret() string {
	if s.cfg.SignIn.OAuth() {
		return s.access
	}
	return s.cfg.Password
}

// renewSignIn reconnects when the token source hands out another access
// token than the one this connection signed in with (it was about to
// expire): servers may end a session whose token expired.
func (s *session) renewSignIn() error {
	if !s.cfg.SignIn.OAuth() || s.cfg.Tokens == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), DefaultSendTimeout)
	defer cancel()
	tok, err := s.cfg.Tokens.AccessToken(ctx)
	if err != nil {
		return tokenError(err, s.cfg.Host)
	}
	if tok == s.access {
		return nil
	}
	_ = s.client.Quit()
	s.client.Close()
	s.client = nil
	return s.connect(ctx)
}

func (s *session) transact(from string, to []string, msg string) error {
	if err := s.client.Mail(from); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := s.client.Rcpt(rcpt); err != nil {
			return err
		}
	}
	w, err := s.client.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte(msg)); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// Close says goodbye to the server and closes the connection.
func (s *session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client == nil {
		return nil
	}
	if !s.broken {
		_ = s.client.Quit()
	}
	err := s.client.Close()
	s.client = nil
	if err != nil && strings.Contains(err.Error(), "use of closed network connection") {
		err = nil // Quit closed it already
	}
	return err
}

// deadlineConn gives every read and write its own deadline.
type deadlineConn struct {
	net.Conn
	mu      sync.Mutex
	timeout time.Duration
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
	_ = c.Conn.SetWriteDeadline(c.deadline())
	return c.Conn.Write(p)
}
