package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/keyring/keyringtest"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
	"github.com/turnout-app/turnout/store"
)

// The four kinds of secret an office's data file used to hold.
const (
	fixtureClientSecret = "cs-Keys-Secret-5531"
	fixtureAccessToken  = "at-Browser-Access-7749"
	fixtureRefreshToken = "rt-Browser-Refresh-2208"
	fixtureMailPassword = "Smtp-Pass-Word-6620"
)

var fixtureSecrets = []string{fixtureClientSecret, fixtureAccessToken, fixtureRefreshToken, fixtureMailPassword}

// writeClearDataFile writes a data file as Turnout kept it before secrets
// left it: every secret in clear text (checked, so the test means
// something).
func writeClearDataFile(t *testing.T, path string, srv *httptest.Server, cr core.Credentials) {
	t.Helper()
	db, err := store.Open(path) // no secret store: the old way
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = db.Update(ctx, func(tx core.Tx) error {
		keys := core.Account{Name: "Keys", Provider: core.ProviderZoom, Active: true, Credentials: cr,
			APIURL: srv.URL + "/v2", OAuthURL: srv.URL}
		if err := tx.PutAccount(&keys); err != nil {
			return err
		}
		browser := core.Account{Name: "Browser", Provider: core.ProviderZoom, Active: true, Auth: core.AuthUser,
			Credentials: core.Credentials{ClientID: "cid-browser"},
			Token:       core.OAuthToken{AccessToken: fixtureAccessToken, RefreshToken: fixtureRefreshToken, TokenType: "bearer"}}
		return tx.PutAccount(&browser)
	})
	if err == nil {
		_, err = engine.New(db).SaveMailSettings(ctx, core.MailSettings{Host: "smtp.example.org", Port: 587,
			User: "events@example.org", Password: fixtureMailPassword, From: "events@example.org"})
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	if found := secretsIn(t, path); len(found) != len(fixtureSecrets) {
		t.Fatalf("fixture: the old data file holds only %q", found)
	}
}

// secretsIn lists the fixture secrets a file holds in clear text (what
// "strings FILE | grep" would find).
func secretsIn(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, s := range fixtureSecrets {
		if bytes.Contains(raw, []byte(s)) {
			found = append(found, s)
		}
	}
	return found
}

// runWith runs the real command line in a child process with env added.
func runWith(t *testing.T, env []string, args ...string) (int, string, string) {
	t.Helper()
	return runWithStdin(t, env, "", args...)
}

// runWithStdin is runWith with stdin.
func runWithStdin(t *testing.T, env []string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	cmd := turnoutProcess(t, args...)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if err != nil {
		code = -1
		if cmd.ProcessState != nil {
			code = cmd.ProcessState.ExitCode()
		}
	}
	if s := out.String() + errOut.String(); strings.Contains(s, "goroutine ") || strings.Contains(s, "panic:") {
		t.Fatalf("turnout %s crashed:\n%s", strings.Join(args, " "), s)
	}
	return code, out.String(), errOut.String()
}

// TestNoSecretInTheDataFileOrABackup: an old data file with every kind of
// secret in clear text is opened by the real binary, with a real Secret
// Service (gnome-keyring on a private D-Bus session) and with the sealed
// fallback. Afterwards neither the data file nor a backup holds a secret;
// the secrets still work; and the backup opened on another computer asks
// to reconnect the accounts and to type the mail password again.
func TestNoSecretInTheDataFileOrABackup(t *testing.T) {
	for _, mode := range []string{"keyring", "file"} {
		t.Run(mode, func(t *testing.T) {
			computer := func() []string {
				if mode == "keyring" {
					return []string{SecretStoreEnv + "=keyring", "DBUS_SESSION_BUS_ADDRESS=" + keyringtest.Start(t)}
				}
				return []string{SecretStoreEnv + "=file", SecretKeyFileEnv + "=" + filepath.Join(t.TempDir(), "secret.key")}
			}
			here := computer()
			fake := zoomfake.New(zoomfake.Options{AccountID: "acc-keys", ClientID: "cid-keys", ClientSecret: fixtureClientSecret})
			srv := httptest.NewServer(fake.Handler())
			defer srv.Close()
			data := dataFile(t)
			writeClearDataFile(t, data, srv, fake.Credentials())

			if code, out, errOut := runWith(t, here, "--data", data, "account", "list"); code != 0 || !strings.Contains(out, "Keys") {
				t.Fatalf("account list: exit %d\n%s%s", code, out, errOut)
			}
			if found := secretsIn(t, data); len(found) > 0 {
				t.Fatalf("after the first open the data file still holds %q", found)
			}
			// The client secret still signs in, now read from safe keeping.
			if code, out, errOut := runWith(t, here, "--data", data, "account", "test", "Keys"); code != 0 || !strings.Contains(out, "works") {
				t.Fatalf("account test: exit %d\n%s%s", code, out, errOut)
			}
			_, out, _ := runWith(t, here, "--data", data, "mail", "show")
			if !strings.Contains(out, "password=(set)") || !strings.Contains(out, "Passwords") {
				t.Fatalf("mail show:\n%s", out)
			}
			backup := filepath.Join(t.TempDir(), "backup.db")
			if code, _, errOut := runWith(t, here, "--data", data, "backup", "--out", backup); code != 0 {
				t.Fatalf("backup: %s", errOut)
			}
			for _, f := range []string{data, backup} {
				if found := secretsIn(t, f); len(found) > 0 {
					t.Fatalf("%s holds %q in clear text", filepath.Base(f), found)
				}
			}

			// The backup on another computer: nothing crashes, the accounts
			// ask to be connected again, the mail password is not set.
			there := computer()
			moved := filepath.Join(t.TempDir(), "turnout.db")
			raw, _ := os.ReadFile(backup)
			if err := os.WriteFile(moved, raw, 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runWith(t, there, "--data", moved, "account", "list")
			if code != 0 || strings.Count(out, "connect the account again") != 2 {
				t.Fatalf("account list on another computer: exit %d\n%s%s", code, out, errOut)
			}
			code, out, errOut = runWith(t, there, "--data", moved, "mail", "show")
			if code != 0 || !strings.Contains(out, "password=(none)") || !strings.Contains(out, "not set on this computer") {
				t.Fatalf("mail show on another computer: exit %d\n%s%s", code, out, errOut)
			}
			code, _, errOut = runWith(t, there, "--data", moved, "mail", "test", "--to", "ann@example.org")
			if code == 0 || !strings.Contains(errOut, "Type it again") {
				t.Fatalf("mail test on another computer: exit %d: %s", code, errOut)
			}
			// Staff type the client secret again: the account works, and
			// the secret is again kept off the file.
			code, _, errOut = runWith(t, there, "--data", moved, "account", "reconnect", "Keys")
			if code == 0 || !strings.Contains(errOut, "Type the client secret of Keys again") {
				t.Fatalf("reconnect without the secret: exit %d: %s", code, errOut)
			}
			code, out, errOut = runWithStdin(t, there, fixtureClientSecret+"\n", "--data", moved, "account", "reconnect", "Keys", "--client-secret-stdin")
			if code != 0 || !strings.Contains(out, `Account "Keys" works again`) {
				t.Fatalf("reconnect with the secret: exit %d\n%s%s", code, out, errOut)
			}
			if _, out, _ = runWith(t, there, "--data", moved, "account", "list"); strings.Count(out, "connect the account again") != 1 {
				t.Fatalf("after reconnecting Keys:\n%s", out)
			}
			if found := secretsIn(t, moved); len(found) > 0 {
				t.Fatalf("after reconnecting, the data file holds %q", found)
			}
		})
	}
}

// TestAnEchoingServerPutsNoCredentialInTheLog: a provider whose errors
// echo the request (headers and body) leaves no credential in turnout.log,
// the output or the account's last error in the data file.
func TestAnEchoingServerPutsNoCredentialInTheLog(t *testing.T) {
	const clientID, secret = "cid-Echo-31", "cs-Echo-Secret-8812"
	const access = "EchoAccessToken0123456789abcdefABCDEF0123456789"
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dump, _ := httputil.DumpRequest(r, true)
		switch {
		case r.URL.Path == "/oauth/token" && r.URL.Query().Get("account_id") == "echo-token":
			w.WriteHeader(http.StatusUnauthorized)
			json.NewEncoder(w).Encode(map[string]string{"error": "invalid_client", "reason": string(dump)})
		case r.URL.Path == "/oauth/token":
			json.NewEncoder(w).Encode(map[string]any{"access_token": access, "token_type": "bearer", "expires_in": 3600})
		default:
			w.WriteHeader(http.StatusBadRequest)
			w.Write(dump)
		}
	}))
	defer echo.Close()
	data := dataFile(t)
	var all strings.Builder
	for _, acc := range []string{"echo-token", "echo-api"} {
		code, out, errOut := runIn(t, secret+"\n", "--data", data, "account", "add", "zoom", "--name", acc,
			"--account-id", acc, "--client-id", clientID, "--client-secret-stdin", "--api-url", echo.URL+"/v2", "--oauth-url", echo.URL)
		if code != 0 {
			t.Fatalf("account add: %s", errOut)
		}
		code, out2, errOut2 := runIn(t, "", "--data", data, "account", "test", acc)
		if code == 0 {
			t.Fatalf("account test %s passed against a server that refuses everything", acc)
		}
		_, out3, _ := runIn(t, "", "--data", data, "--json", "account", "list")
		all.WriteString(out + errOut + out2 + errOut2 + out3)
	}
	logData, err := os.ReadFile(filepath.Join(filepath.Dir(data), "turnout.log"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(logData), "account test failed") != 2 {
		t.Fatalf("the log lacks the two failures:\n%s", logData)
	}
	raw, _ := os.ReadFile(data)
	basic := base64.StdEncoding.EncodeToString([]byte(clientID + ":" + secret))
	for _, s := range []string{secret, basic, access} {
		for name, text := range map[string]string{"turnout.log": string(logData), "output": all.String(), "data file": string(raw)} {
			if strings.Contains(text, s) {
				t.Errorf("%s holds the credential %q:\n%s", name, s, text)
			}
		}
	}
}

// TestPlainHTTPProviderAddressesAreRefused: credentials never travel over
// plain HTTP beyond this computer.
func TestPlainHTTPProviderAddressesAreRefused(t *testing.T) {
	t.Setenv("BROWSER", "/nonexistent/browser")
	data := dataFile(t)
	for _, flags := range [][]string{{"--oauth-url", "http://10.1.2.3"}, {"--api-url", "http://10.1.2.3/v2"}} {
		args := append([]string{"--data", data, "account", "add", "zoom", "--name", "Plain", "--account-id", "a",
			"--client-id", "b", "--client-secret-stdin"}, flags...)
		code, _, errOut := runIn(t, "s3cret-Value\n", args...)
		if code == 0 || !strings.Contains(errOut, "https") || !strings.Contains(errOut, "http://10.1.2.3") {
			t.Errorf("account add %v: exit %d: %s", flags, code, errOut)
		}
		code, _, errOut = runIn(t, "", append([]string{"--data", data, "account", "connect", "zoom", "--name", "Plain2",
			"--client-id", "b", "--timeout", "5s"}, flags...)...)
		if code == 0 || !strings.Contains(errOut, "only over https") {
			t.Errorf("account connect %v: exit %d: %s", flags, code, errOut)
		}
	}
	if out := mustRun(t, "--data", data, "account", "list"); strings.Contains(out, "Plain") {
		t.Errorf("a refused account was saved:\n%s", out)
	}
}
