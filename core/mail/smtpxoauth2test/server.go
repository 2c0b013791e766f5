// Package smtpxoauth2test is a real SMTP server for tests, built on
// github.com/emersion/go-smtp, that plays Microsoft 365's or Gmail's
// submission server: STARTTLS (or implicit TLS) with a test certificate,
// AUTH XOAUTH2 only, and only with an access token the identity emulator
// (core/mail/mailoauthfake) issued and still considers live. It records
// every delivered message.
package smtpxoauth2test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Checker says whether token is a live access token for user's mailbox
// (mailoauthfake.Fake.Check).
type Checker func(user, token string) error

// Options set up a server.
type Options struct {
	Check Checker
	// Google words refusals as Gmail does (a 334 challenge with a JSON
	// error, then 535 5.7.8); otherwise as Microsoft 365 (535 5.7.3).
	Google bool
	// ImplicitTLS serves TLS from the first byte (port 465 style)
	// instead of STARTTLS.
	ImplicitTLS bool
	// Delivered is called after each message is stored, with the count
	// so far (a test moves its clock forward mid-batch).
	Delivered func(n int)
}

// Message is one delivered message.
type Message struct {
	User string // who signed in
	From string
	To   []string
	Data []byte
}

// Server is a running server.
type Server struct {
	Host string
	Port int
	// RootCAs trusts the server's certificate; CertFile holds it as PEM
	// (SSL_CERT_FILE for a child process).
	RootCAs  *x509.CertPool
	CertFile string

	o       Options
	mu      sync.Mutex
	msgs    []Message
	authOK  int
	refused []string // the refusal reasons, in order
	mailNo  int      // MAIL commands refused because the token expired meanwhile
}

// Start serves on 127.0.0.1 until the test ends.
func Start(t testing.TB, o Options) *Server {
	t.Helper()
	cert, pemBytes := testCertificate(t)
	s := &Server{o: o, RootCAs: x509.NewCertPool()}
	s.RootCAs.AppendCertsFromPEM(pemBytes)
	s.CertFile = filepath.Join(t.TempDir(), "smtp-test-ca.pem")
	if err := os.WriteFile(s.CertFile, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	srv := smtp.NewServer(backend{s})
	srv.Domain = "smtp.test.local"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	srv.ReadTimeout, srv.WriteTimeout = 30*time.Second, 30*time.Second
	srv.MaxRecipients = 50
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if o.ImplicitTLS {
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	addr := ln.Addr().(*net.TCPAddr)
	s.Host, s.Port = "127.0.0.1", addr.Port
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return s
}

// Messages returns the delivered messages.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

// Count is how many messages were delivered.
func (s *Server) Count() int { s.mu.Lock(); defer s.mu.Unlock(); return len(s.msgs) }

// Auths says how many sign-ins were accepted and why others were refused.
func (s *Server) Auths() (ok int, refused []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.authOK, append([]string(nil), s.refused...)
}

// ExpiredMail counts messages refused because the connection's token
// expired after it signed in.
func (s *Server) ExpiredMail() int { s.mu.Lock(); defer s.mu.Unlock(); return s.mailNo }

type backend struct{ s *Server }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s           *Server
	user, token string
	from        string
	to          []string
}

func (x *session) AuthMechanisms() []string { return []string{"XOAUTH2"} }

func (x *session) Auth(mech string) (sasl.Server, error) {
	if mech != "XOAUTH2" {
		return nil, &smtp.SMTPError{Code: 504, EnhancedCode: smtp.EnhancedCode{5, 7, 4}, Message: "Unrecognized authentication type"}
	}
	return &xoauth2Server{x: x}, nil
}

// xoauth2Server checks "user=…\x01auth=Bearer …\x01\x01".
type xoauth2Server struct {
	x          *session
	challenged bool
}

func (a *xoauth2Server) Next(resp []byte) ([]byte, bool, error) {
	s := a.x.s
	if a.challenged { // the client's empty answer to the error challenge
		return nil, true, &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Username and Password not accepted. Learn more at https://support.google.com/mail/?p=BadCredentials"}
	}
	user, token, ok := parseXOAUTH2(resp)
	var why error
	switch {
	case !ok:
		why = io.ErrUnexpectedEOF
	case s.o.Check == nil:
		why = io.EOF
	default:
		why = s.o.Check(user, token)
	}
	s.mu.Lock()
	if why == nil {
		s.authOK++
	} else {
		s.refused = append(s.refused, why.Error())
	}
	s.mu.Unlock()
	if why == nil {
		a.x.user, a.x.token = user, token
		return nil, true, nil
	}
	if s.o.Google {
		a.challenged = true
		return []byte(`{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}`), false, nil
	}
	return nil, true, &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 3}, Message: "Authentication unsuccessful"}
}

func parseXOAUTH2(b []byte) (user, token string, ok bool) {
	for _, part := range strings.Split(string(b), "\x01") {
		switch {
		case strings.HasPrefix(part, "user="):
			user = strings.TrimPrefix(part, "user=")
		case strings.HasPrefix(part, "auth=Bearer "):
			token = strings.TrimPrefix(part, "auth=Bearer ")
		}
	}
	return user, token, user != "" && token != ""
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.user == "" {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 57}, Message: "Client not authenticated to send mail"}
	}
	if err := x.s.o.Check(x.user, x.token); err != nil {
		x.s.mu.Lock()
		x.s.mailNo++
		x.s.mu.Unlock()
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "Temporary authentication failure: " + err.Error()}
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return err
	}
	s := x.s
	s.mu.Lock()
	s.msgs = append(s.msgs, Message{User: x.user, From: x.from, To: x.to, Data: buf.Bytes()})
	n := len(s.msgs)
	s.mu.Unlock()
	if s.o.Delivered != nil {
		s.o.Delivered(n)
	}
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// testCertificate makes a self-signed certificate for 127.0.0.1 and
// localhost.
func testCertificate(t testing.TB) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "smtp test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	cert, err := tls.X509KeyPair(certPEM, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}))
	if err != nil {
		t.Fatal(err)
	}
	return cert, certPEM
}
