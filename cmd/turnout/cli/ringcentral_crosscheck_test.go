package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
)

// TestRingCentralCheckInSaysWhereParticipantIDsDisagree: `turnout checkin`
// tells staff, in its summary, about a registrant RingCentral marks as
// joined whom its participant list does not show.
func TestRingCentralCheckInSaysWhereParticipantIDsDisagree(t *testing.T) {
	st := newRCStage(t)
	data := dataFile(t)
	jwt := filepath.Join(t.TempDir(), "rc.jwt")
	if err := os.WriteFile(jwt, []byte(st.fake.JWT()), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runIn(t, st.fake.ClientSecret()+"\n", "--data", data, "account", "add", "ringcentral", "--name", "RC",
		"--client-id", st.fake.ClientID(), "--client-secret-stdin", "--jwt-file", jwt, "--api-url", st.srv.URL); code != 0 {
		t.Fatalf("account add: %s%s", out, errOut)
	}
	id := strings.TrimSpace(mustRun(t, "--data", data, "event", "add", "--provider", "ringcentral", "--xid", st.wid, "--xid2", st.sid, "--account", "RC"))
	for _, p := range [][2]string{{"ann@example.org", "Ann"}, {"bob@example.org", "Bob"}} {
		mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", p[0], "--first", p[1], "--last", "Reader")
	}
	mustRun(t, "--data", data, "push", "--event", id)
	st.fake.Finish(st.sid, rcfake.Device{Email: "ann@example.org", FirstName: "Ann", LastName: "Reader", Join: st.start, Leave: st.start.Add(50 * time.Minute)})
	if !st.fake.SetParticipantID(st.sid, "bob@example.org", "900000002") {
		t.Fatal("bob is not registered at RingCentral")
	}
	out := mustRun(t, "--data", data, "checkin", "--event", id)
	if !strings.Contains(out, "1 attended") ||
		!strings.Contains(out, "RingCentral Webinar says 1 more person joined than its participant list shows: Bob Reader (bob@example.org).") ||
		!strings.Contains(out, "check them in by hand if they attended") {
		t.Fatalf("checkin:\n%s", out)
	}
}
