package engine_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/mail/mailoauthfake"
	"github.com/turnout-app/turnout/core/mail/smtpxoauth2test"
)

// headlessChromium opens each sign-in address in headless Chromium with
// a fresh profile, as the system browser would; the emulator's consent
// page presses Accept by itself.
func headlessChromium(t *testing.T) core.BrowserOpener {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("this test signs in with Chromium as the system browser: install it with \"apt-get install -y chromium\"")
	}
	return func(url string) error {
		profile, err := os.MkdirTemp("", "turnout-chromium-")
		if err != nil {
			return err
		}
		cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync", "--user-data-dir="+profile, url)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its helpers go with it
		if err := cmd.Start(); err != nil {
			os.RemoveAll(profile)
			return err
		}
		t.Cleanup(func() {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
			_ = cmd.Wait()
			os.RemoveAll(profile)
		})
		return nil
	}
}

// syncBuffer is a log both the engine and the test touch.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestSignInToMailAndSendThroughXOAUTH2: for Microsoft 365 and Google,
// staff sign in through headless Chromium; 200 reminders go through an
// SMTP server that accepts only live tokens of that sign-in. The access
// token expires mid-batch (renewed, nothing lost); then the service
// revokes the sign-in: the batch pauses with "sign in again", nothing
// fails, and after signing in again the rest go out: each registrant is
// reminded exactly once, and no token is in the data file or the log.
func TestSignInToMailAndSendThroughXOAUTH2(t *testing.T) {
	for _, kind := range []core.MailSignInKind{core.MailSignInMicrosoft, core.MailSignInGoogle} {
		t.Run(string(kind), func(t *testing.T) { signInAndSend(t, kind) })
	}
}

func signInAndSend(t *testing.T, kind core.MailSignInKind) {
	ctx := context.Background()
	const mailbox = "events@riverside.example.org"
	var clock *coretest.Clock
	fo := mailoauthfake.Options{Service: mailoauthfake.Microsoft, ClientID: "turnout-test-" + string(kind), Users: []string{"someone@riverside.example.org", mailbox},
		Now: func() time.Time { return clock.Now() }, AccessTTL: time.Hour, Auto: "allow"}
	clientSecret := ""
	if kind == core.MailSignInGoogle {
		fo.Service, fo.ClientSecret = mailoauthfake.Google, "GOCSPX-desktop-secret-1"
		clientSecret = fo.ClientSecret
	}
	fake := mailoauthfake.New(fo)
	idp := httptest.NewServer(fake.Handler())
	defer idp.Close()
	var fixture *mailFixture
	srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check, Google: kind == core.MailSignInGoogle,
		Delivered: func(n int) {
			switch n {
			case 80: // the access token expires mid-batch
				clock.Add(90 * time.Minute)
			case 140: // an administrator revokes Turnout's sign-in
				fake.RevokeUser(mailbox)
				clock.Add(90 * time.Minute)
			}
		}})
	logs := &syncBuffer{}
	fixture = newMailFixture(t, 200, 0, core.MailSettings{}, engine.WithMailer(mail.TrustingDialer(srv.RootCAs)),
		engine.WithOAuth(engine.OAuthOptions{Wait: time.Minute}), engine.WithLogger(slog.New(slog.NewTextHandler(logs, nil))))
	clock = fixture.clock
	keyring := coretest.NewSecrets()
	if _, err := fixture.db.UseSecrets(keyring); err != nil {
		t.Fatal(err)
	}
	eng := fixture.eng
	open := headlessChromium(t)
	start := time.Now()
	saved, err := eng.ConnectMail(ctx, core.MailConnectOptions{SignIn: kind, From: mailbox, ClientID: fo.ClientID, ClientSecret: clientSecret,
		OAuthURL: idp.URL, SMTPHost: srv.Host, SMTPPort: srv.Port}, open)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: signed in through headless Chromium in %v", kind, time.Since(start).Round(time.Millisecond))
	if saved.SignIn != kind || saved.User != mailbox || !saved.Token.Empty() || saved.NeedsSignIn {
		t.Fatalf("saved %+v", saved)
	}
	if got := fake.Consents(); len(got) != 1 || got[0] != mailbox {
		t.Fatalf("consented as %q; the sign-in should name the sending mailbox (login_hint)", got)
	}
	if n, err := eng.Remind(ctx, fixture.event.ID, engine.RemindOptions{}); err != nil || n != 200 {
		t.Fatalf("Remind = %d, %v", n, err)
	}
	opts := engine.MailOptions{Backoff: func(int) time.Duration { return time.Minute }}
	var paused error
	for i := 0; i < 10 && paused == nil; i++ {
		sum, err := eng.SendQueuedMailWith(ctx, opts)
		if err != nil {
			paused = err
		} else if sum.Remaining == 0 {
			break
		}
	}
	if paused == nil || !strings.Contains(core.ErrorMessage(paused), "Sign in again") {
		t.Fatalf("after the revocation: err = %v; want reminders paused until staff sign in again", paused)
	}
	if n := srv.Count(); n != 140 {
		t.Fatalf("%d delivered before the pause, want 140", n)
	}
	st, err := eng.MailSettings(ctx)
	if err != nil || !st.NeedsSignIn || !strings.Contains(st.SignInError, "Sign in again") {
		t.Fatalf("mail settings while paused: %+v, %v", st, err)
	}
	// Paused: the queue waits; nothing is refused, nothing sent.
	if _, err := eng.SendQueuedMailWith(ctx, opts); err == nil || srv.Count() != 140 {
		t.Fatalf("while paused: err = %v, delivered %d", err, srv.Count())
	}
	for _, r := range registrants(t, fixture) {
		if r.Reminder.Status == core.ReminderFailed {
			t.Fatalf("%s failed while the sign-in was refused: %+v", r.Email, r.Reminder)
		}
	}

	// Sign in again: nothing retyped; the waiting reminders go out now.
	if _, err := eng.ConnectMail(ctx, core.MailConnectOptions{SignIn: kind}, open); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		sum, err := eng.SendQueuedMailWith(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Remaining == 0 {
			break
		}
	}
	perAddress := map[string]int{}
	for _, m := range srv.Messages() {
		perAddress[m.To[0]]++
		if m.User != mailbox {
			t.Fatalf("a message went out signed in as %q", m.User)
		}
	}
	for _, r := range registrants(t, fixture) {
		if perAddress[r.Email] != 1 || r.Reminder.Status != core.ReminderSent {
			t.Errorf("%s: delivered %d times, reminder %+v; want sent once", r.Email, perAddress[r.Email], r.Reminder)
		}
	}
	c := fake.Counts()
	if c.CodeExchanges != 2 || c.Refreshes < 1 || c.RefusedRefreshes != 1 || srv.ExpiredMail() != 0 {
		t.Fatalf("identity service: %+v, messages refused on an expired token: %d", c, srv.ExpiredMail())
	}
	if st, _ := eng.MailSettings(ctx); st.NeedsSignIn {
		t.Fatal("still paused after signing in again")
	}
	raw, _ := os.ReadFile(eng.DataPath())
	for _, tok := range fake.Tokens() {
		if bytes.Contains(raw, []byte(tok)) || strings.Contains(logs.String(), tok) {
			t.Fatalf("a token of the sign-in is in the data file or the log")
		}
	}
	if !strings.Contains(logs.String(), "mail sign-in renewed") {
		t.Fatalf("the log does not show the renewal:\n%s", logs.String())
	}
}

func registrants(t *testing.T, f *mailFixture) []core.Registrant {
	t.Helper()
	var out []core.Registrant
	for _, r := range f.regs {
		got, err := f.eng.Registrant(context.Background(), f.event.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, got)
	}
	return out
}

// TestTheOutboxResumesAsSoonAsStaffSignInAgain: the outbox that kept
// failing while reminders were paused waits long between tries; signing
// in again wakes it, so the reminders leave at once, not an hour later.
func TestTheOutboxResumesAsSoonAsStaffSignInAgain(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const mailbox = "events@riverside.example.org"
	fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Google, ClientID: "gid", Users: []string{mailbox}})
	idp := httptest.NewServer(fake.Handler())
	defer idp.Close()
	srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check, Google: true})
	f := newMailFixture(t, 5, 0, core.MailSettings{}, engine.WithMailer(mail.TrustingDialer(srv.RootCAs)),
		engine.WithOAuth(engine.OAuthOptions{Wait: 30 * time.Second}),
		engine.WithMail(engine.MailOptions{Poll: time.Hour, Backoff: func(int) time.Duration { return time.Hour }}))
	cfg := core.MailSettings{Host: srv.Host, Port: srv.Port, User: mailbox, From: mailbox}
	cfg.MailSignIn = core.MailSignIn{SignIn: core.MailSignInGoogle, ClientID: "gid", OAuthURL: idp.URL}
	if _, err := f.eng.SaveMailSettings(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if n, err := f.eng.Remind(ctx, f.event.ID, engine.RemindOptions{}); err != nil || n != 5 {
		t.Fatalf("Remind = %d, %v", n, err)
	}
	done := make(chan struct{})
	go func() { f.eng.Serve(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	time.Sleep(300 * time.Millisecond) // the outbox finds the sign-in missing and waits an hour
	if srv.Count() != 0 {
		t.Fatal("mail went out without a sign-in")
	}
	if _, err := f.eng.ConnectMail(ctx, core.MailConnectOptions{SignIn: core.MailSignInGoogle}, mailoauthfake.Consent("allow")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the five reminders after signing in", 10*time.Second, func() bool { return srv.Count() == 5 })
}

// Saving the mail form keeps the sign-in (the form never holds the
// token); turning to a password server lets it go, from the password
// store too.
func TestSavingTheMailFormKeepsOrDropsTheSignIn(t *testing.T) {
	ctx := context.Background()
	keyring := coretest.NewSecrets()
	eng := openWithSecrets(t, t.TempDir()+"/turnout.db", keyring)
	cfg := core.MailSettings{Host: "smtp.gmail.com", Port: 587, User: "events@example.org", From: "events@example.org"}
	cfg.MailSignIn = core.MailSignIn{SignIn: core.MailSignInGoogle, ClientID: "gid", ClientSecret: "GOCSPX-1",
		Token: core.OAuthToken{AccessToken: "ya29.first", RefreshToken: "1//refresh"}}
	saved, err := eng.SaveMailSettings(ctx, cfg)
	if err != nil || saved.ClientSecret != "(set)" || !saved.Token.Empty() || keyring.Len() != 1 {
		t.Fatalf("saved %+v, %v; keyring %d", saved, err, keyring.Len())
	}
	saved.FromName = "Riverside Events" // the form, as staff saw it
	if _, err := eng.SaveMailSettings(ctx, saved); err != nil {
		t.Fatal(err)
	}
	got, err := eng.MailSettings(ctx)
	if err != nil || got.SignIn != core.MailSignInGoogle || got.Blocked() != nil || got.FromName != "Riverside Events" || got.ClientSecret != "(set)" {
		t.Fatalf("after saving the form: %+v, %v", got, err)
	}
	if _, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: "smtp.example.org", Port: 587, User: "office", Password: "pw-1",
		From: "events@example.org"}); err != nil {
		t.Fatal(err)
	}
	got, _ = eng.MailSettings(ctx)
	if got.SignIn.OAuth() || got.Password != "(set)" || keyring.Len() != 1 {
		t.Fatalf("a password server: %+v; keyring holds %d (the password only)", got, keyring.Len())
	}
}

// Turning from Google to a password server revokes Turnout's grant at
// Google, so no sign-in is left behind.
func TestGivingUpTheGoogleSignInRevokesIt(t *testing.T) {
	ctx := context.Background()
	const mailbox = "events@riverside.example.org"
	fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Google, ClientID: "gid", Users: []string{mailbox}})
	idp := httptest.NewServer(fake.Handler())
	defer idp.Close()
	srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check, Google: true})
	f := newMailFixture(t, 0, 0, core.MailSettings{}, engine.WithMailer(mail.TrustingDialer(srv.RootCAs)))
	if _, err := f.eng.ConnectMail(ctx, core.MailConnectOptions{SignIn: core.MailSignInGoogle, From: mailbox, ClientID: "gid",
		OAuthURL: idp.URL, SMTPHost: srv.Host, SMTPPort: srv.Port}, mailoauthfake.Consent("allow")); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.SaveMailSettings(ctx, core.MailSettings{Host: "smtp.example.org", Port: 587, User: "office", Password: "pw-1", From: mailbox}); err != nil {
		t.Fatal(err)
	}
	if n := fake.Counts().Revocations; n != 1 || len(fake.Tokens()) != 0 {
		t.Fatalf("revocations %d, tokens still live %d", n, len(fake.Tokens()))
	}
}
