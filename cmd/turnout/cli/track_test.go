package cli

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core/mail/mailpittest"
)

// TestRemindSaysWhyClicksAreNotCounted: with the default (loopback)
// tracking address, reminders carry the direct join link and the CLI
// says why and what to do.
func TestRemindSaysWhyClicksAreNotCounted(t *testing.T) {
	mp := mailpittest.Start(t)
	data := dataFile(t)
	id := addEvent(t, data)
	csv := filepath.Join(t.TempDir(), "few.csv")
	writeBigCSV(t, csv, 2)
	mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)
	mustRun(t, "--data", data, "mail", "set", "--host", mp.SMTPHost, "--port", strconv.Itoa(mp.SMTPPort),
		"--tls", "none", "--from", "office@example.org")
	out := mustRun(t, "--data", data, "remind", "--event", id, "--now")
	if !strings.Contains(out, "Clicks won't be counted until your tracking address is reachable from the internet") {
		t.Errorf("remind output does not say why clicks are not counted:\n%s", out)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 2 {
		t.Fatalf("%d messages sent, want 2", len(msgs))
	}
	if m := mp.Message(t, msgs[0].ID); strings.Contains(m.Text, "127.0.0.1") || !strings.Contains(m.Text, "https://vimeo.com/123") {
		t.Errorf("reminder does not carry the direct join link:\n%s", m.Text)
	}

	out = mustRun(t, "--data", data, "track", "set", "--listen", "0.0.0.0:8787", "--base-url", "https://clicks.example.org")
	if !strings.Contains(out, `run "turnout track check"`) {
		t.Errorf("track set does not ask for the check:\n%s", out)
	}
	mustRun(t, "--data", data, "track", "set", "--listen", "0.0.0.0:8787", "--base-url", "http://192.168.1.20:8787")
	if code, _, errOut := run(t, "--data", data, "track", "check"); code == 0 || !strings.Contains(errOut, "public address") {
		t.Errorf("track check on a private address: exit %d, %s", code, errOut)
	}
}

// TestEventClickWindowFlag: staff set how early clicks count; a window
// over a day is refused with what to do.
func TestEventClickWindowFlag(t *testing.T) {
	data := dataFile(t)
	start := localTime(inDays(t, 7))
	out := mustRun(t, "--data", data, "--json", "event", "add", "--title", "Open house", "--start", start,
		"--tz", eventZone, "--url", "https://vimeo.com/123", "--click-window", "60")
	if !strings.Contains(out, `"click_window": 3600000000000`) {
		t.Fatalf("event add --click-window 60 stored %s", out)
	}
	code, _, errOut := run(t, "--data", data, "event", "add", "--title", "Open house", "--start", start,
		"--tz", eventZone, "--url", "https://vimeo.com/123", "--click-window", "3000")
	if code == 0 || !strings.Contains(errOut, "at most 24 hours before the start") {
		t.Fatalf("a 50-hour click window: exit %d, %s", code, errOut)
	}
}

// TestTrackSetNamesTheReverseProxy: the proxy's addresses are kept and a
// mistyped one is refused with what to write.
func TestTrackSetNamesTheReverseProxy(t *testing.T) {
	data := dataFile(t)
	out := mustRun(t, "--data", data, "track", "set", "--listen", "127.0.0.1:8787", "--base-url", "https://clicks.example.org",
		"--trusted-proxy", "10.0.0.5, 10.0.1.0/24")
	if !strings.Contains(out, "Clicks forwarded by 10.0.0.5, 10.0.1.0/24") {
		t.Errorf("track set output:\n%s", out)
	}
	code, _, errOut := run(t, "--data", data, "track", "set", "--listen", "127.0.0.1:8787", "--base-url", "https://clicks.example.org",
		"--trusted-proxy", "proxy.office")
	if code == 0 || !strings.Contains(errOut, `Reverse proxy "proxy.office" is not an address`) {
		t.Errorf("a proxy name instead of an address: exit %d, %s", code, errOut)
	}
}
