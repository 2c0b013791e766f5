package cli

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail/mailoauthfake"
	"github.com/turnout-app/turnout/core/mail/smtpxoauth2test"
	"github.com/turnout-app/turnout/store"
)

// TestMailConnectMicrosoftWithHeadlessChromium: "turnout mail connect
// microsoft" opens Chromium through $BROWSER at the emulated Microsoft
// identity platform, checks the token with an XOAUTH2 sign-in, and saves
// it; "mail show" names the mailbox and the sign-in, never a token; "mail
// test" sends through the XOAUTH2-only server.
func TestMailConnectMicrosoftWithHeadlessChromium(t *testing.T) {
	t.Setenv("BROWSER", headlessBrowser(t))
	const mailbox, clientID = "events@riverside.example.org", "cid-mail-cli"
	fake := mailoauthfake.New(mailoauthfake.Options{Service: mailoauthfake.Microsoft, ClientID: clientID, Users: []string{mailbox}, Auto: "allow"})
	idp := httptest.NewServer(fake.Handler())
	defer idp.Close()
	srv := smtpxoauth2test.Start(t, smtpxoauth2test.Options{Check: fake.Check})
	data := dataFile(t)
	env := []string{"SSL_CERT_FILE=" + srv.CertFile} // the child process trusts the test server

	code, out, errOut := runWith(t, env, "--data", data, "mail", "connect", "microsoft", "--from", mailbox, "--client-id", clientID,
		"--tenant", "riverside.example.org", "--oauth-url", idp.URL, "--smtp", "127.0.0.1:"+strconv.Itoa(srv.Port), "--timeout", "60s")
	if code != 0 || !strings.Contains(out, "Signed in with Microsoft 365 as "+mailbox) {
		t.Fatalf("mail connect: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, idp.URL+"/riverside.example.org/oauth2/v2.0/authorize?") {
		t.Errorf("the sign-in address was not shown to copy: %s", errOut)
	}
	_, show, _ := runWith(t, env, "--data", data, "mail", "show")
	if !strings.Contains(show, "sign-in=microsoft") || !strings.Contains(show, "Signed in with Microsoft 365 as "+mailbox) {
		t.Fatalf("mail show:\n%s", show)
	}
	_, js, _ := runWith(t, env, "--data", data, "--json", "mail", "show")
	if !strings.Contains(js, `"sign_in": "microsoft"`) {
		t.Fatalf("mail show --json:\n%s", js)
	}
	code, out2, errOut2 := runWith(t, env, "--data", data, "mail", "test", "--to", "ann@example.org")
	if code != 0 || srv.Count() != 1 || srv.Messages()[0].User != mailbox {
		t.Fatalf("mail test: exit %d, %d delivered\n%s%s", code, srv.Count(), out2, errOut2)
	}
	raw, _ := os.ReadFile(data)
	logData, _ := os.ReadFile(filepath.Join(filepath.Dir(data), "turnout.log"))
	tokens := fake.Tokens()
	if len(tokens) < 2 {
		t.Fatalf("the emulator handed out %d tokens", len(tokens))
	}
	for _, tok := range tokens {
		for name, text := range map[string]string{"output": out + errOut + show + js + out2 + errOut2, "log": string(logData), "data file": string(raw)} {
			if strings.Contains(text, tok) {
				t.Errorf("a token of the mail sign-in is in the %s", name)
			}
		}
	}
}

// TestNoMailSignInTokenInTheDataFileOrABackup: a data file that kept the
// mail sign-in's tokens in clear text is sealed on the first open; the
// backup holds none, and on another computer reminders ask to sign in
// again.
func TestNoMailSignInTokenInTheDataFileOrABackup(t *testing.T) {
	const access, refresh = "EwB-Mail-Access-4471", "M.C5-Mail-Refresh-9902"
	computer := func() []string {
		return []string{SecretStoreEnv + "=file", SecretKeyFileEnv + "=" + filepath.Join(t.TempDir(), "secret.key")}
	}
	data := dataFile(t)
	db, err := store.Open(data) // no secret store: tokens in clear
	if err != nil {
		t.Fatal(err)
	}
	cfg := core.MailSettings{Host: "smtp.office365.com", Port: 587, User: "events@example.org", From: "events@example.org"}
	cfg.MailSignIn = core.MailSignIn{SignIn: core.MailSignInMicrosoft, ClientID: "cid-1",
		Token: core.OAuthToken{AccessToken: access, RefreshToken: refresh, TokenType: "Bearer"}}
	if _, err := engine.New(db).SaveMailSettings(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	db.Close()
	holds := func(path string) bool {
		b, _ := os.ReadFile(path)
		return strings.Contains(string(b), access) || strings.Contains(string(b), refresh)
	}
	if !holds(data) {
		t.Fatal("fixture: the old data file holds no token")
	}
	here := computer()
	code, show, errOut := runWith(t, here, "--data", data, "mail", "show")
	if code != 0 || !strings.Contains(show, "Signed in with Microsoft 365 as events@example.org") || strings.Contains(show, "Sign in again") {
		t.Fatalf("mail show: exit %d\n%s%s", code, show, errOut)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errOut := runWith(t, here, "--data", data, "backup", "--out", backup); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	for _, f := range []string{data, backup} {
		if holds(f) {
			t.Fatalf("%s holds a mail token in clear text", filepath.Base(f))
		}
	}
	moved := filepath.Join(t.TempDir(), "turnout.db")
	raw, _ := os.ReadFile(backup)
	if err := os.WriteFile(moved, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	there := computer()
	_, show2, _ := runWith(t, there, "--data", moved, "mail", "show")
	code, _, errOut = runWith(t, there, "--data", moved, "mail", "test", "--to", "ann@example.org")
	if !strings.Contains(show2, "Sign in again") || code == 0 || !strings.Contains(errOut, "Sign in again") {
		t.Fatalf("on another computer: show\n%s\nmail test exit %d: %s", show2, code, errOut)
	}
	for _, s := range []string{show, show2, errOut} {
		if strings.Contains(s, access) || strings.Contains(s, refresh) {
			t.Fatal("a token is in the output")
		}
	}
}

// The mistakes of "mail connect" are one line each, and nothing opens a
// browser for them.
func TestMailConnectRefusesWhatItCannotUse(t *testing.T) {
	t.Setenv("BROWSER", "/nonexistent/browser")
	data := dataFile(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"mail", "connect", "yahoo", "--from", "a@example.org"}, "choose microsoft or google"},
		{[]string{"mail", "connect", "--from", "a@example.org"}, "say which service"},
		{[]string{"mail", "connect", "google", "--from", "a@example.org", "--smtp", "smtp.gmail.com"}, "is not HOST:PORT"},
		{[]string{"mail", "connect", "microsoft"}, "Type the address reminders are sent from"},
		{[]string{"mail", "connect", "microsoft", "--from", "a@example.org", "--oauth-url", "http://10.1.2.3"}, "http"},
	} {
		code, out, errOut := run(t, append([]string{"--data", data}, tc.args...)...)
		if code == 0 || !strings.Contains(errOut, tc.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("turnout %s: exit %d, stderr %q (want one line with %q)\n%s", strings.Join(tc.args, " "), code, errOut, tc.want, out)
		}
	}
}
