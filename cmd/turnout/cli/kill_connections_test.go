package cli

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/mail/mailpittest"
)

// TestKillWhileSendingOnThreeConnections kills "turnout remind --now"
// with SIGKILL while it sends on three connections, at five random
// moments, and runs it again: every registrant has a reminder, and at
// most three (one per connection) have two.
func TestKillWhileSendingOnThreeConnections(t *testing.T) {
	if testing.Short() {
		t.Skip("five kills and restarts against mailpit; run without -short")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("TURNOUT_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (TURNOUT_KILL_SEED=%d replays it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	const people = 300
	mp := mailpittest.Start(t)
	for i := range killMoments {
		mp.DeleteAll(t)
		data := dataFile(t)
		id := addEvent(t, data)
		csv := filepath.Join(t.TempDir(), "people.csv")
		writeBigCSV(t, csv, people)
		mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)
		mustRun(t, "--data", data, "mail", "set", "--host", mp.SMTPHost, "--port", strconv.Itoa(mp.SMTPPort),
			"--tls", "none", "--from", "office@example.org")
		mustRun(t, "--data", data, "mail", "limits", "--preset", "custom", "--connections", "3")
		after := 1 + rng.IntN(people-2)
		killAfter(t, func() bool { return mp.Count(t) >= after }, 60*time.Second, "--data", data, "remind", "--event", id, "--now")
		mustRun(t, "--data", data, "remind", "--event", id, "--now")
		per := map[string]int{}
		for _, m := range mp.Messages(t) {
			per[strings.ToLower(m.To[0].Address)]++
		}
		twice := 0
		for p := range people {
			switch n := per[fmt.Sprintf("person%d@example.org", p)]; n {
			case 1:
			case 2:
				twice++
			default:
				t.Fatalf("kill %d after %d messages: person%d got %d reminders", i, after, p, n)
			}
		}
		t.Logf("kill %d after %d messages: %d got two", i, after, twice)
		if twice > 3 {
			t.Fatalf("kill %d after %d messages: %d people got two reminders; at most one per connection (3) may", i, after, twice)
		}
	}
}
