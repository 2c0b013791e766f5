package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// "event sessions" lists the webinar's sessions in office time with
// their status, oldest first, and the same as JSON; the ID it prints
// links an event with "event add --xid2".
func TestEventSessionsListsTheWebinarsSessions(t *testing.T) {
	st := newRCStage(t)
	data := dataFile(t)
	later := st.start.Add(7 * 24 * time.Hour)
	next := st.fake.AddSession(st.wid, later, 90*time.Minute)
	jwt := filepath.Join(t.TempDir(), "rc.jwt")
	if err := os.WriteFile(jwt, []byte(st.fake.JWT()), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runIn(t, st.fake.ClientSecret()+"\n", "--data", data, "account", "add", "ringcentral", "--name", "Main RC",
		"--client-id", st.fake.ClientID(), "--client-secret-stdin", "--jwt-file", jwt, "--api-url", st.srv.URL); code != 0 {
		t.Fatalf("account add: %s %s", out, errOut)
	}
	mustRun(t, "--data", data, "office", "set", "--tz", "America/Chicago")
	chicago, _ := time.LoadLocation("America/Chicago")
	out := mustRun(t, "--data", data, "event", "sessions", "--account", "Main RC", "--xid", st.wid)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.Contains(lines[0], "SESSION ID") {
		t.Fatalf("event sessions printed:\n%s", out)
	}
	for i, want := range [][]string{
		{st.sid, st.start.In(chicago).Format("2006-01-02 15:04 MST"), "60 min", "held"},
		{next, later.In(chicago).Format("2006-01-02 15:04 MST"), "90 min", "upcoming"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i+1], w) {
				t.Errorf("line %q lacks %q", lines[i+1], w)
			}
		}
	}
	var list []struct {
		ID   string    `json:"id"`
		Past bool      `json:"past"`
		At   time.Time `json:"start"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "event", "sessions", "--account", "Main RC", "--xid", st.wid)), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != st.sid || !list[0].Past || list[1].ID != next || list[1].Past || !list[1].At.Equal(later) {
		t.Fatalf("--json: %+v", list)
	}
	if code, _, errOut := run(t, "--data", data, "event", "sessions", "--account", "Main RC"); code == 0 || !strings.Contains(errOut, "xid") {
		t.Errorf("without --xid: exit %d, %q", code, errOut)
	}
}
