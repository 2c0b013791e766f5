package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
	"github.com/turnout-app/turnout/store"
)

// killMoments is how many random kills each of the four kinds of work
// gets: 20 in all.
const killMoments = 5

// TestKillAtRandomMomentsLosesNothing kills turnout with SIGKILL at 20
// random moments, five each during an import, a push to Zoom, sending
// reminders and a check-in, and restarts the same command each time: no
// record is lost, nothing is written twice except the one message or
// push in flight. The seed is logged so a failure can be replayed.
func TestKillAtRandomMomentsLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("20 kills and restarts take about a minute; run without -short")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("TURNOUT_KILL_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (TURNOUT_KILL_SEED=%d replays it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed))
	t.Run("import", func(t *testing.T) { killDuringImport(t, rng) })
	t.Run("push", func(t *testing.T) { killDuringPush(t, rng) })
	t.Run("remind", func(t *testing.T) { killDuringRemind(t, rng) })
	t.Run("checkin", func(t *testing.T) { killDuringCheckIn(t, rng) })
}

// killAfter starts "turnout args…", kills it when ready says so (or
// after wait), and reports whether the kill came before it finished.
func killAfter(t *testing.T, ready func() bool, wait time.Duration, args ...string) bool {
	t.Helper()
	cmd := turnoutProcess(t, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	deadline := time.Now().Add(wait)
	for (ready == nil || !ready()) && time.Now().Before(deadline) {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("turnout %s: %v", strings.Join(args, " "), err)
			}
			return false // finished first
		case <-time.After(time.Millisecond):
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	return <-done != nil
}

func randomDuration(rng *rand.Rand, upTo time.Duration) time.Duration {
	return time.Duration(rng.Int64N(int64(upTo)) + 1)
}

func killDuringImport(t *testing.T, rng *rand.Rand) {
	const rows = 5000
	dir := t.TempDir()
	csv := filepath.Join(dir, "people.csv")
	writeBigCSV(t, csv, rows)
	template := filepath.Join(dir, "template.db")
	addEvent(t, template)
	start := time.Now()
	timing := filepath.Join(dir, "timing.db")
	copyFile(t, template, timing)
	mustRun(t, "--data", timing, "registrant", "import", "--event", "1", csv)
	full := time.Since(start)
	for i := range killMoments {
		data := filepath.Join(dir, fmt.Sprintf("run%d.db", i))
		copyFile(t, template, data)
		at := randomDuration(rng, full*11/10)
		killed := killAfter(t, nil, at, "--data", data, "registrant", "import", "--event", "1", csv)
		if n := countRegistrants(t, data); n != 0 && n != rows {
			t.Fatalf("kill %d at %v left %d of %d rows", i, at, n, rows)
		}
		mustRun(t, "--data", data, "registrant", "import", "--event", "1", csv)
		if n := countRegistrants(t, data); n != rows {
			t.Fatalf("after kill %d (at %v, killed=%v) and a restart: %d rows, want %d", i, at, killed, n, rows)
		}
	}
}

func killDuringPush(t *testing.T, rng *rand.Rand) {
	const people = 120
	for i := range killMoments {
		fake, srv := sandboxForCLI(t, 5*time.Millisecond)
		data := dataFile(t)
		addSandboxAccount(t, data, fake, srv)
		id := strings.TrimSpace(mustRun(t, "--data", data, "event", "add", "--provider", "zoom", "--kind", "meeting",
			"--xid", fmt.Sprint(crashMeeting), "--account", "Main"))
		csv := filepath.Join(t.TempDir(), "people.csv")
		writeBigCSV(t, csv, people)
		mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)
		after := 1 + rng.IntN(people-2)
		killAfter(t, func() bool { return fake.Stats().AddCalls >= after }, 30*time.Second, "--data", data, "push", "--event", id)
		settle(func() int { return fake.Stats().AddCalls })
		mustRun(t, "--data", data, "push", "--event", id)
		seen := map[string]bool{}
		for _, r := range fake.RegistrantList(crashMeeting) {
			if seen[r.Email] {
				t.Fatalf("kill %d after %d adds: %s registered twice in Zoom", i, after, r.Email)
			}
			seen[r.Email] = true
		}
		if len(seen) != people || fake.Stats().AddCalls != people {
			t.Fatalf("kill %d after %d adds: Zoom has %d people from %d add calls, want %d and %d",
				i, after, len(seen), fake.Stats().AddCalls, people, people)
		}
	}
}

// settle waits until a counter the dead process drove stops moving.
func settle(count func() int) {
	for still, last := 0, -1; still < 10; time.Sleep(20 * time.Millisecond) {
		if n := count(); n == last {
			still++
		} else {
			still, last = 0, n
		}
	}
}

func killDuringRemind(t *testing.T, rng *rand.Rand) {
	const people = 200
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
		if twice > 1 {
			t.Fatalf("kill %d after %d messages: %d people got two reminders; only the one in flight may", i, after, twice)
		}
	}
}

func killDuringCheckIn(t *testing.T, rng *rand.Rand) {
	const people, attended = 3000, 2000
	dir := t.TempDir()
	template := filepath.Join(dir, "template.db")
	start := inDays(t, -1)
	id := addEventAt(t, template, start)
	csv := filepath.Join(dir, "people.csv")
	writeBigCSV(t, csv, people)
	mustRun(t, "--data", template, "registrant", "import", "--event", id, csv)
	report := filepath.Join(dir, "participants.csv")
	var b strings.Builder
	b.WriteString("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n")
	joined, left := start.Format("01/02/2006 03:04:05 PM"), start.Add(30*time.Minute).Format("01/02/2006 03:04:05 PM")
	for p := range attended {
		fmt.Fprintf(&b, "First%d Last%d,person%d@example.org,%s,%s,%d\n", p, p, p, joined, left, 30)
	}
	if err := os.WriteFile(report, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	timing := filepath.Join(dir, "timing.db")
	copyFile(t, template, timing)
	began := time.Now()
	out := mustRun(t, "--data", timing, "checkin", "--event", id, "--report", report)
	full := time.Since(began)
	want := countAttended(t, timing)
	if want != attended {
		t.Fatalf("an undisturbed check-in found %d attended, want %d:\n%s", want, attended, out)
	}
	for i := range killMoments {
		data := filepath.Join(dir, fmt.Sprintf("run%d.db", i))
		copyFile(t, template, data)
		wait := randomDuration(rng, full*11/10)
		killAfter(t, nil, wait, "--data", data, "checkin", "--event", id, "--report", report)
		if n := countAttended(t, data); n != 0 && n != attended {
			t.Fatalf("kill %d at %v left %d of %d checked in: a half-written check-in", i, wait, n, attended)
		}
		mustRun(t, "--data", data, "checkin", "--event", id, "--report", report)
		if n := countAttended(t, data); n != attended {
			t.Fatalf("after kill %d at %v and a restart: %d checked in, want %d", i, wait, n, attended)
		}
	}
}

func countAttended(t *testing.T, data string) int {
	t.Helper()
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 0
	err = db.View(context.Background(), func(tx core.Tx) error {
		return tx.Registrants(1, func(r core.Registrant) error {
			if r.CheckIn != nil {
				n++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
