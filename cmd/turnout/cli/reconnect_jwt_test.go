package cli

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
)

// TestReconnectAJWTAccountWhoseSecretsStayedBehind: a RingCentral JWT
// account added on one computer, its data file opened on another whose
// secret store holds neither the client secret nor the JWT. Reconnecting
// asks for both, takes the JWT from a file, works again, and keeps both
// out of the data file and the output.
func TestReconnectAJWTAccountWhoseSecretsStayedBehind(t *testing.T) {
	fake := rcfake.New(rcfake.Options{HeavyLimit: 10, Window: time.Second})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	computer := func(name string) []string {
		return []string{SecretStoreEnv + "=file", SecretKeyFileEnv + "=" + filepath.Join(t.TempDir(), name+".key")}
	}
	here, there := computer("here"), computer("there")
	jwt := filepath.Join(t.TempDir(), "rc.jwt")
	if err := os.WriteFile(jwt, []byte(fake.JWT()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	data := dataFile(t)
	var all strings.Builder
	do := func(env []string, stdin string, args ...string) (int, string, string) {
		t.Helper()
		code, out, errOut := runWithStdin(t, env, stdin, append([]string{"--data", data}, args...)...)
		all.WriteString(out + errOut)
		return code, out, errOut
	}
	if code, out, errOut := do(here, fake.ClientSecret()+"\n", "account", "add", "ringcentral", "--name", "Main RC",
		"--client-id", fake.ClientID(), "--client-secret-stdin", "--jwt-file", jwt, "--api-url", srv.URL); code != 0 {
		t.Fatalf("account add: exit %d\n%s%s", code, out, errOut)
	}

	// The same data file on another computer.
	if code, out, _ := do(there, "", "account", "list"); code != 0 || !strings.Contains(out, "connect the account again") {
		t.Fatalf("account list there: exit %d\n%s", code, out)
	}
	if code, _, _ := do(there, "", "account", "test", "Main RC"); code == 0 {
		t.Fatal("account test passed with no secrets on this computer")
	}
	code, _, errOut := do(there, fake.ClientSecret()+"\n", "account", "reconnect", "Main RC", "--client-secret-stdin")
	if code == 0 || !strings.Contains(errOut, "Give the JWT credential of Main RC again too") || !strings.Contains(errOut, "--jwt-file FILE") {
		t.Fatalf("reconnect without the JWT: exit %d: %s", code, errOut)
	}
	code, _, errOut = do(there, fake.ClientSecret()+"\n", "account", "reconnect", "Main RC", "--client-secret-stdin", "--jwt-file", jwt+".missing")
	if code == 0 || !strings.Contains(errOut, "could not read the jwt credential from "+jwt+".missing") {
		t.Fatalf("reconnect with a missing JWT file: exit %d: %s", code, errOut)
	}
	grants := fake.Stats().JWTGrants
	code, out, errOut := do(there, fake.ClientSecret()+"\n", "account", "reconnect", "Main RC", "--client-secret-stdin", "--jwt-file", jwt)
	if code != 0 || !strings.Contains(out, `Account "Main RC" works again`) {
		t.Fatalf("reconnect: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := do(there, "", "account", "test", "Main RC"); code != 0 || !strings.Contains(out, "works") {
		t.Fatalf("account test after reconnecting: exit %d\n%s", code, out)
	}
	if fake.Stats().JWTGrants <= grants {
		t.Error("the reconnected account did not sign in with its JWT")
	}
	if _, out, _ := do(there, "", "account", "list"); strings.Contains(out, "connect the account again") {
		t.Errorf("after reconnecting the account still asks for it:\n%s", out)
	}
	raw, _ := os.ReadFile(data)
	for _, s := range []string{fake.JWT(), fake.ClientSecret()} {
		if strings.Contains(string(raw), s) || strings.Contains(all.String(), s) {
			t.Errorf("a secret (%.8s…) is in the data file or the output", s)
		}
	}
}
