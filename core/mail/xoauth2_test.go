package mail_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/mail/mailoauthfake"
	"github.com/turnout-app/turnout/core/mail/smtpxoauth2test"
)

// tokenList hands out its tokens in order: Invalidate moves to the next.
type tokenList struct {
	mu     sync.Mutex
	tokens []string
	asked  int
}

func (l *tokenList) AccessToken(context.Context) (string, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.asked++
	return l.tokens[0], nil
}

func (l *tokenList) Invalidate(tok string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.tokens) > 1 && l.tokens[0] == tok {
		l.tokens = l.tokens[1:]
	}
}

func oauthConfig(srv *smtpxoauth2test.Server, kind core.MailSignInKind, sec core.MailSecurity, tokens core.MailTokens) core.MailSettings {
	c := core.MailSettings{Host: srv.Host, Port: srv.Port, Security: sec, User: "events@example.org", From: "events@example.org"}
	c.SignIn, c.Tokens = kind, tokens
	return c
}

func sendOne(cfg core.MailSettings, srv *smtpxoauth2test.Server) error {
	s, err := mail.TrustingDialer(srv.RootCAs).Dial(context.Background(), cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	for _, to := range []string{"ann@example.org", "bob@example.org"} {
		if err := s.Send(core.MailMessage{To: to, Subject: "Reminder", Text: "See you soon.\n"}); err != nil {
			return err
		}
	}
	return nil
}

func TestXOAUTH2OverSTARTTLSAndImplicitTLS(t *testing.T) {
	for _, tc := range []struct {
		name     string
		implicit bool
		sec      core.MailSecurity
		kind     core.MailSignInKind
	}{{"microsoft 587", false, core.MailSecuritySTARTTLS, core.MailSignInMicrosoft}, {"google 465", true, core.MailSecurityTLS, core.MailSignInGoogle}} {
		t.Run(tc.name, func(t *testing.T) {
			fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Microsoft})
			srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check, ImplicitTLS: tc.implicit, Google: tc.kind == core.MailSignInGoogle})
			tokens := &tokenList{tokens: []string{fake.Issue("events@example.org")}}
			if err := sendOne(oauthConfig(srv, tc.kind, tc.sec, tokens), srv); err != nil {
				t.Fatal(err)
			}
			msgs := srv.Messages()
			if len(msgs) != 2 || msgs[0].User != "events@example.org" || msgs[1].To[0] != "bob@example.org" {
				t.Fatalf("delivered %+v", msgs)
			}
			if !strings.Contains(string(msgs[0].Data), "Subject: Reminder") {
				t.Fatalf("message:\n%s", msgs[0].Data)
			}
			if ok, refused := srv.Auths(); ok != 1 || len(refused) != 0 {
				t.Fatalf("sign-ins: %d ok, refused %q (one connection carries both messages)", ok, refused)
			}
		})
	}
}

// A refused token is dropped and a fresh one tried once; Gmail's 334
// error challenge is answered and its final 535 surfaces.
func TestARefusedTokenIsRenewedOnceThenReported(t *testing.T) {
	for _, google := range []bool{false, true} {
		fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Microsoft})
		srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check, Google: google})
		kind := core.MailSignInMicrosoft
		if google {
			kind = core.MailSignInGoogle
		}
		tokens := &tokenList{tokens: []string{"EwB-stale-token-0001", fake.Issue("events@example.org")}}
		if err := sendOne(oauthConfig(srv, kind, core.MailSecuritySTARTTLS, tokens), srv); err != nil {
			t.Fatalf("google=%v: a stale token then a fresh one: %v", google, err)
		}
		const bad = "EwB-revoked-token-0002"
		err := sendOne(oauthConfig(srv, kind, core.MailSecuritySTARTTLS, &tokenList{tokens: []string{bad}}), srv)
		var se *mail.SendError
		if !errors.As(err, &se) || se.Kind != mail.KindSignIn {
			t.Fatalf("google=%v: err = %v; want the sign-in refused", google, err)
		}
		want := "535 5.7.3"
		if google {
			want = "535 5.7.8"
		}
		if msg := se.Error(); !strings.Contains(msg, want) || !strings.Contains(msg, "sign in again") || strings.Contains(msg, bad) {
			t.Fatalf("google=%v: message %q", google, msg)
		}
		if srv.Count() != 2 {
			t.Fatalf("google=%v: %d delivered", google, srv.Count())
		}
	}
}

// A password server without STARTTLS is refused before any AUTH: the
// test server offers XOAUTH2 only over TLS, so signing in over a clear
// connection to it never happens either.
func TestXOAUTH2NeedsTLS(t *testing.T) {
	fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Google})
	srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check, Google: true})
	tok := fake.Issue("events@example.org")
	err := sendOne(oauthConfig(srv, core.MailSignInGoogle, core.MailSecurityNone, &tokenList{tokens: []string{tok}}), srv)
	if err == nil || srv.Count() != 0 || strings.Contains(err.Error(), tok) {
		t.Fatalf("err = %v, %d delivered", err, srv.Count())
	}
}

// An access token that expired since it was issued is refused by the
// server (535 5.7.3); the transport drops it and signs in with a fresh one.
func TestAnExpiredTokenIsRefusedAndReplaced(t *testing.T) {
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Microsoft, Now: clock, AccessTTL: time.Hour})
	srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check})
	old := fake.Issue("events@example.org")
	mu.Lock()
	now = now.Add(61 * time.Minute)
	mu.Unlock()
	tokens := &tokenList{tokens: []string{old, fake.Issue("events@example.org")}}
	if err := sendOne(oauthConfig(srv, core.MailSignInMicrosoft, core.MailSecuritySTARTTLS, tokens), srv); err != nil {
		t.Fatal(err)
	}
	if _, refused := srv.Auths(); len(refused) != 1 || refused[0] != mailoauthfake.ErrExpired.Error() {
		t.Fatalf("refused sign-ins: %q; want the expired token once", refused)
	}
}

// failingTokens cannot hand out a token.
type failingTokens struct{ err error }

func (f failingTokens) AccessToken(context.Context) (string, error) { return "", f.err }
func (failingTokens) Invalidate(string)                             {}

// A sign-in the service refused asks staff to sign in again; one that
// could not be renewed now (no network) is tried again later.
func TestATokenThatCannotBeHadSaysWhy(t *testing.T) {
	fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Microsoft})
	srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check})
	for _, tc := range []struct {
		err  error
		kind mail.ErrorKind
	}{
		{core.Errorf(core.EUNAUTHORIZED, "Reminders are paused: sign in again."), mail.KindSignIn},
		{core.Errorf(core.EUNAVAILABLE, "Could not reach Microsoft 365 to renew the sign-in; Turnout will retry."), mail.KindTransient},
	} {
		err := sendOne(oauthConfig(srv, core.MailSignInMicrosoft, core.MailSecuritySTARTTLS, failingTokens{tc.err}), srv)
		var se *mail.SendError
		if !errors.As(err, &se) || se.Kind != tc.kind || !se.Transient() || !strings.Contains(se.Error(), core.ErrorMessage(tc.err)) {
			t.Errorf("%v: got %v (kind %v)", tc.err, err, se)
		}
	}
	if srv.Count() != 0 {
		t.Fatal("mail went out without a token")
	}
}
