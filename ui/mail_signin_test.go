package ui

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/mail/mailoauthfake"
	"github.com/turnout-app/turnout/core/mail/smtpxoauth2test"
	"github.com/turnout-app/turnout/store"
)

// TestMailSignInFromTheBannerAndThePause: settings that wait for a
// Microsoft 365 sign-in show the banner; "Sign in again" signs in through
// the (emulated) browser and the banner goes; when the service later
// refuses the renewal while the outbox sends, the banner is back by the
// outbox's own change and a hidden window gets a desktop notification.
func TestMailSignInFromTheBannerAndThePause(t *testing.T) {
	ctx := context.Background()
	const mailbox, clientID = "events@riverside.example.org", "cid-ui-1"
	clock := coretest.NewClock(testNow)
	fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Microsoft, ClientID: clientID, Users: []string{mailbox}, Now: clock.Now})
	idp := httptest.NewServer(fake.Handler())
	defer idp.Close()
	srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check})
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(clock), engine.WithMailer(mail.TrustingDialer(srv.RootCAs)), engine.WithOAuth(engine.OAuthOptions{Wait: 30 * time.Second}))
	cfg := core.MailSettings{Host: srv.Host, Port: srv.Port, User: mailbox, From: mailbox}
	cfg.MailSignIn = core.MailSignIn{SignIn: core.MailSignInMicrosoft, ClientID: clientID, OAuthURL: idp.URL}
	if _, err := eng.SaveMailSettings(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	u := newApp(a, eng.Services(), Options{OpenURL: mailoauthfake.Consent("allow")}, &taskQueue{})
	u.wait()
	if !u.mailBanner.box.Visible() || !strings.Contains(u.mailBanner.text.Text, "sign in again to Microsoft 365") {
		t.Fatalf("no banner before the first sign-in: %q", u.mailBanner.text.Text)
	}
	u.mailBanner.onSignInAgain()
	u.wait()
	if u.mailBanner.box.Visible() {
		t.Fatal("the banner stayed after signing in")
	}
	m := u.settings.mail
	if !strings.Contains(m.signIn.state.Text, "Signed in with Microsoft 365 as "+mailbox) {
		t.Fatalf("sign-in state: %q", m.signIn.state.Text)
	}
	// Saving the form keeps the sign-in.
	m.fromName.SetText("Riverside Events")
	m.onSave()
	u.wait()
	if st, _ := eng.MailSettings(ctx); st.SignIn != core.MailSignInMicrosoft || st.Blocked() != nil || st.FromName != "Riverside Events" {
		t.Fatalf("after saving the form: %+v", st)
	}
	// A reminder waits in the outbox; the service revokes the sign-in, so
	// the next renewal is refused while the outbox sends.
	queueOneReminder(t, eng, db, clock.Now())
	fake.RevokeUser(mailbox)
	clock.Add(2 * time.Hour)
	u.hidden = true
	test.AssertNotificationSent(t, fyne.NewNotification("Reminders are paused",
		"Sign in again to Microsoft 365 in Turnout's Settings → Mail; nothing is lost."), func() {
		if sum, err := eng.SendQueuedMail(ctx); err == nil || sum.Sent != 0 || !strings.Contains(core.ErrorMessage(err), "Sign in again") {
			t.Fatalf("sending after the revocation: %+v, %v", sum, err)
		}
		// Nobody calls the banner: the outbox's own change brings it.
		for deadline := time.Now().Add(5 * time.Second); !u.mailBanner.paused && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
			u.wait()
		}
	})
	if !u.mailBanner.box.Visible() {
		t.Fatal("no banner after the service refused the sign-in")
	}
}

// queueOneReminder adds an event a day after now with one registrant and
// queues the reminder.
func queueOneReminder(t *testing.T, eng *engine.Engine, db *store.DB, now time.Time) {
	t.Helper()
	ctx := context.Background()
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Spring alumni webinar", Start: now.Add(24 * time.Hour), Duration: time.Hour,
		TimeZone: "Europe/London", Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://meet.example.org/spring"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, func(tx core.Tx) error {
		return tx.PutRegistrant(&core.Registrant{EventID: ev.ID, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org",
			Status: core.StatusRegistered, RegisteredAt: now, UpdatedAt: now})
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := eng.Remind(ctx, ev.ID, core.RemindOptions{}); err != nil || n != 1 {
		t.Fatalf("Remind = %d, %v", n, err)
	}
}

// A backup from another computer has no mail sign-in: the restore note
// says to sign in again.
func TestRestoredSecretsNoteAsksForTheMailSignIn(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "turnout.db")
	open := func(keyring core.SecretStore) (*engine.Engine, *store.DB) {
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		if _, err := db.UseSecrets(keyring); err != nil {
			t.Fatal(err)
		}
		return engine.New(db, engine.WithClock(coretest.NewClock(testNow))), db
	}
	eng, db := open(coretest.NewSecrets())
	cfg := core.MailSettings{Host: "smtp.gmail.com", Port: 587, User: "events@example.org", From: "events@example.org"}
	cfg.MailSignIn = core.MailSignIn{SignIn: core.MailSignInGoogle, ClientID: "gid", Token: core.OAuthToken{AccessToken: "ya29.a", RefreshToken: "1//r"}}
	if _, err := eng.SaveMailSettings(ctx, cfg); err != nil {
		t.Fatal(err)
	}
	if note := restoredSecretsNote(ctx, eng, eng); note != "" {
		t.Fatalf("nothing is missing, yet: %q", note)
	}
	db.Close()
	there, _ := open(coretest.NewSecrets())
	if note := restoredSecretsNote(ctx, there, there); !strings.Contains(note, "sign in to Google again") {
		t.Fatalf("note: %q", note)
	}
}

// A server that refuses passwords with 5.7.30 (Microsoft 365 after the
// switch-off) points at Sign in with Microsoft 365.
func TestAPasswordRefusedWith5730PointsAtTheSignIn(t *testing.T) {
	u, _ := newTestUI(t)
	u.ShowSettings()
	u.wait()
	m := u.settings.mail
	m.showTestResult("ann@example.org", core.MailSettings{}, core.Errorf(core.EUNAUTHORIZED,
		"The mail server smtp.office365.com refused: 550 5.7.30 Basic authentication is not supported for Client Submission"))
	if !strings.Contains(m.testResult.Text, "press Sign in with Microsoft 365") || m.signIn.microsoft.Importance != widget.HighImportance {
		t.Fatalf("result %q, button importance %v", m.testResult.Text, m.signIn.microsoft.Importance)
	}
}
