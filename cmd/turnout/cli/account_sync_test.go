package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

// "event import --account" syncs the account and says what it added and
// updated; "account list" shows the last sync; "account test" with no
// name tests every active account and turns off the failing one, saying
// why; an account with events cannot be removed.
func TestAccountSyncAndTestAllFromTheCommandLine(t *testing.T) {
	fake, srv := sandboxForCLI(t, 0)
	fake.AddMeeting(zoomfake.Meeting{ID: 70000000009, Kind: "webinar", Topic: "Held in spring",
		Start: coretest.Now().AddDate(0, -5, 0).Truncate(time.Minute), Duration: time.Hour})
	data := dataFile(t)
	addSandboxAccount(t, data, fake, srv)
	if out := mustRun(t, "--data", data, "account", "list"); !strings.Contains(out, "LAST SYNC") || !strings.Contains(out, "never") {
		t.Fatalf("account list before a sync:\n%s", out)
	}
	out := mustRun(t, "--data", data, "event", "import", "--account", "Main")
	if !strings.Contains(out, "2 events added and 0 updated") || !strings.Contains(out, "Held in spring") {
		t.Fatalf("first import:\n%s", out)
	}
	var again struct{ Added, Updated []any }
	if err := json.Unmarshal([]byte(mustRun(t, "--json", "--data", data, "event", "import", "--account", "Main")), &again); err != nil ||
		len(again.Added)+len(again.Updated) != 0 {
		t.Fatalf("second import: %+v %v", again, err)
	}
	if out := mustRun(t, "--data", data, "account", "list"); strings.Count(out, "never") != 0 {
		t.Fatalf("account list after a sync still says never:\n%s", out)
	}

	runIn(t, "", "--data", data, "account", "add", "zoom", "--name", "Bad", "--account-id", "x", "--client-id", "y",
		"--client-secret", "zz-wrong-secret", "--api-url", srv.URL+"/v2", "--oauth-url", srv.URL)
	code, out, errOut := runIn(t, "", "--data", data, "account", "test")
	if code != 1 || !strings.Contains(out, "1 of 2 accounts work") || !strings.Contains(out, "“Bad”") ||
		!strings.Contains(out, "turned it off") || !strings.Contains(errOut, "1 of 2 accounts failed") {
		t.Fatalf("account test (all): exit %d\n%s\n%s", code, out, errOut)
	}
	if strings.Contains(out+errOut, "zz-wrong-secret") {
		t.Fatal("the test printed a secret")
	}
	var list []struct {
		Name   string
		Active bool
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--json", "--data", data, "account", "list")), &list); err != nil || len(list) != 2 ||
		!list[0].Active || list[1].Active {
		t.Fatalf("after the test: %+v %v", list, err)
	}
	if code, _, errOut := runIn(t, "", "--data", data, "account", "remove", "Main"); code != 1 || !strings.Contains(errOut, "Turn the account off") {
		t.Fatalf("removing an account with events: exit %d %q", code, errOut)
	}
	if out := mustRun(t, "--data", data, "account", "remove", "Bad"); !strings.Contains(out, "removed") {
		t.Fatalf("remove: %q", out)
	}
}
