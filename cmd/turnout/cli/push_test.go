package cli

import (
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

const crashMeeting = 91533842071

func sandboxForCLI(t *testing.T, delay time.Duration) (*zoomfake.Server, *httptest.Server) {
	fake := zoomfake.New(zoomfake.Options{AddDelay: delay, PerWindow: zoomfake.ProLimits})
	fake.AddMeeting(zoomfake.Meeting{ID: crashMeeting, Topic: "Volunteer Leaders", Start: coretest.Now().Add(72 * time.Hour).Truncate(time.Minute),
		TimeZone: "America/New_York", Duration: time.Hour, Password: "lead2go"})
	srv := httptest.NewServer(fake.Handler())
	t.Cleanup(srv.Close)
	return fake, srv
}

func addSandboxAccount(t *testing.T, data string, fake *zoomfake.Server, srv *httptest.Server) {
	cr := fake.Credentials()
	code, _, errOut := runIn(t, cr.ClientSecret+"\n", "--data", data, "account", "add", "zoom", "--name", "Main", "--account-id", cr.AccountID,
		"--client-id", cr.ClientID, "--client-secret-stdin", "--api-url", srv.URL+"/v2", "--oauth-url", srv.URL)
	if code != 0 {
		t.Fatal(errOut)
	}
}

func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut strings.Builder
	code := Main(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestKillDuringPushThenRestartAddsNobodyTwice(t *testing.T) {
	fake, srv := sandboxForCLI(t, 15*time.Millisecond)
	data := dataFile(t)
	addSandboxAccount(t, data, fake, srv)
	id := strings.TrimSpace(mustRun(t, "--data", data, "event", "add", "--provider", "zoom", "--kind", "meeting",
		"--xid", fmt.Sprint(crashMeeting), "--account", "Main"))
	csv := filepath.Join(t.TempDir(), "people.csv")
	writeBigCSV(t, csv, 300)
	mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)

	killPushMidway(t, data, id, 80, 20*time.Second, func() int { return fake.Stats().AddCalls })
	before := fake.Stats().AddCalls
	if before < 80 || before >= 300 {
		t.Fatalf("killed after %d adds; want mid-push", before)
	}
	inFlight := jobsInFlight(t, data)

	out := mustRun(t, "--data", data, "push", "--event", id)
	if !strings.Contains(out, "0 couldn't be registered, 0 still waiting") {
		t.Fatalf("restart push: %s", out)
	}
	regs := fake.RegistrantList(crashMeeting)
	emails := make([]string, len(regs))
	for i, r := range regs {
		emails[i] = r.Email
	}
	registeredOnce(t, emails)
	st := fake.Stats()
	if len(regs) != 300 {
		t.Fatalf("Zoom has %d registrants, want 300", len(regs))
	}
	// Every person was added exactly once: jobs caught in flight were
	// looked up, not added again.
	if st.AddCalls != 300 {
		t.Fatalf("%d add calls for 300 people (%d before the kill, %d jobs in flight)", st.AddCalls, before, inFlight)
	}
	t.Logf("killed after %d adds with %d jobs in flight; restart finished with %d adds in all", before, inFlight, st.AddCalls)
}

func TestSecretsNeverPrinted(t *testing.T) {
	fake, srv := sandboxForCLI(t, 0)
	data := dataFile(t)
	const secret = "sandbox-secret"
	cr := fake.Credentials()
	if cr.ClientSecret != secret {
		t.Fatal("fixture")
	}
	addSandboxAccount(t, data, fake, srv)
	var all strings.Builder
	for _, args := range [][]string{{"account", "list"}, {"--json", "account", "list"}, {"account", "test", "Main"},
		{"--json", "account", "test", "Main"}, {"account", "disable", "Main"}, {"--json", "account", "enable", "Main"},
		{"event", "add", "--xid", fmt.Sprint(crashMeeting), "--account", "Main"}, {"--json", "event", "list"}} {
		_, out, errOut := runIn(t, "", append([]string{"--data", data}, args...)...)
		all.WriteString(out + errOut)
	}
	// Wrong credentials: the error must not echo them either.
	runIn(t, "", "--data", data, "account", "add", "zoom", "--name", "Bad", "--account-id", "x", "--client-id", "y",
		"--client-secret", "zz-wrong-secret", "--api-url", srv.URL+"/v2", "--oauth-url", srv.URL)
	_, out, errOut := runIn(t, "", "--data", data, "account", "test", "Bad")
	all.WriteString(out + errOut)
	if !strings.Contains(errOut, "did not accept") {
		t.Fatalf("bad credentials: %q", errOut)
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	mustRun(t, "--data", data, "backup", "--out", backup)
	for _, s := range []string{secret, "zz-wrong-secret"} {
		if strings.Contains(all.String(), s) {
			t.Fatalf("secret %q printed:\n%s", s, all.String())
		}
	}
	// Kept, but not in the data file nor in its backup.
	for _, f := range []string{data, backup} {
		raw, _ := os.ReadFile(f)
		for _, s := range []string{secret, "zz-wrong-secret"} {
			if strings.Contains(string(raw), s) {
				t.Fatalf("%s holds the secret %q in clear text", f, s)
			}
		}
	}
	if _, _, errOut := runIn(t, "", "--data", data, "account", "test", "Main"); errOut != "" {
		t.Fatalf("the secret kept out of the data file no longer works: %s", errOut)
	}
}
