package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/mail/mailpittest"
)

// TestKillDuringRemindersRepeatsAtMostTheMessageInFlight kills "turnout
// remind --now" with SIGKILL while it sends 1,000 reminders, runs it again,
// and checks that every registrant got exactly one reminder, except at most
// the one whose message was in flight at the kill.
func TestKillDuringRemindersRepeatsAtMostTheMessageInFlight(t *testing.T) {
	mp := mailpittest.Start(t)
	data := dataFile(t)
	// A fixed date would pass and turn reminders off.
	id := addEvent(t, data)
	csv := filepath.Join(t.TempDir(), "big.csv")
	writeBigCSV(t, csv, 1000)
	mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)
	mustRun(t, "--data", data, "mail", "set", "--host", mp.SMTPHost, "--port", strconv.Itoa(mp.SMTPPort),
		"--tls", "none", "--from", "office@example.org")

	child := turnoutProcess(t, "--data", data, "remind", "--event", id, "--now")
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for mp.Count(t) < 300 {
		if time.Now().After(deadline) {
			child.Process.Kill()
			t.Fatal("the first run never got 300 messages out")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()
	atKill := mp.Count(t)
	if atKill >= 1000 {
		t.Fatalf("the kill came too late (%d sent); the test proves nothing", atKill)
	}
	out := mustRun(t, "--data", data, "remind", "--event", id, "--now")
	if !strings.Contains(out, "0 reminder(s) waiting to send") {
		t.Errorf("the second run queued reminders again: %s", out)
	}
	per := map[string]int{}
	for _, m := range mp.Messages(t) {
		per[strings.ToLower(m.To[0].Address)]++
	}
	twice := 0
	for i := range 1000 {
		switch n := per["person"+strconv.Itoa(i)+"@example.org"]; n {
		case 1:
		case 2:
			twice++
		default:
			t.Errorf("person%d got %d reminders", i, n)
		}
	}
	if twice > 1 {
		t.Errorf("%d registrants got two reminders; only the one in flight may", twice)
	}
	t.Logf("killed after %d messages; after the restart %d addresses, %d got a repeat", atKill, len(per), twice)
	rep := mustRun(t, "--data", data, "--json", "report", "--event", id)
	if !strings.Contains(rep, `"reminded": 1000`) {
		t.Errorf("report does not count 1000 reminded:\n%s", rep)
	}
}
