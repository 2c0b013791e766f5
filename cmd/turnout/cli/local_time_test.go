package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/coretest"
)

// nextOffsetChange is eventZone's next change of UTC offset after now in
// the given direction (forward in spring, back in autumn).
func nextOffsetChange(t *testing.T, forward bool) (at time.Time, before, after int) {
	t.Helper()
	loc, err := time.LoadLocation(eventZone)
	if err != nil {
		t.Fatal(err)
	}
	now := coretest.Now().In(loc)
	for range 10 {
		_, end := now.ZoneBounds()
		_, b := now.Zone()
		_, a := end.In(loc).Zone()
		if a != b && (a > b) == forward {
			return end.In(loc), b, a
		}
		now = end.In(loc)
	}
	t.Fatal("no daylight-saving change found")
	return
}

// Issue 12, defect 10: "event add --start" in the hour clocks skip was
// moved silently; in the hour they repeat, one was picked silently.
func TestEventAddRefusesSkippedAndUnclearTimes(t *testing.T) {
	data := dataFile(t)
	jump, before, after := nextOffsetChange(t, true)
	gap := jump.In(time.FixedZone("", before)).Add(time.Duration(after-before) * time.Second / 2)
	code, _, errOut := run(t, "--data", data, "event", "add", "--title", "Spring", "--start", localTime(gap), "--tz", eventZone, "--url", "https://vimeo.com/1")
	if code == 0 || !strings.Contains(errOut, "does not exist") || !strings.Contains(errOut, "choose") {
		t.Errorf("time in the gap: exit %d, %q", code, errOut)
	}

	back, before, after := nextOffsetChange(t, false)
	loc := back.Location()
	first := back.Add(-time.Duration(before-after) * time.Second / 2)
	typed := localTime(first.In(loc))
	code, _, errOut = run(t, "--data", data, "event", "add", "--title", "Autumn", "--start", typed, "--tz", eventZone, "--url", "https://vimeo.com/1")
	if code == 0 || !strings.Contains(errOut, "happens twice") {
		t.Fatalf("repeated time: exit %d, %q", code, errOut)
	}
	abbr, _ := first.In(loc).Zone()
	id := strings.TrimSpace(mustRun(t, "--data", data, "event", "add", "--title", "Autumn", "--start", typed+" "+abbr, "--tz", eventZone, "--url", "https://vimeo.com/1"))
	if show := mustRun(t, "--data", data, "event", "show", id); !strings.Contains(show, first.In(loc).Format("2006-01-02 15:04 MST")) {
		t.Errorf("event show does not have the first %s:\n%s", typed, show)
	}
}

func TestEventAddWithLocalOrNoZoneUsesTheOfficeZoneAndSaysSo(t *testing.T) {
	data := dataFile(t)
	start := localTime(inDays(t, 5))
	for _, tz := range [][]string{{"--tz", "Local"}, {"--tz", ""}, nil} {
		args := append([]string{"--data", data, "event", "add", "--title", "Zoned", "--start", start, "--url", "https://vimeo.com/1"}, tz...)
		code, out, errOut := run(t, args...)
		if code != 0 || !strings.Contains(errOut, "America/New_York, the office's time zone") {
			t.Errorf("%v: exit %d, %q", tz, code, errOut)
			continue
		}
		if show := mustRun(t, "--data", data, "--json", "event", "show", strings.TrimSpace(out)); !strings.Contains(show, `"time_zone": "America/New_York"`) {
			t.Errorf("%v: stored %s", tz, show)
		}
	}
}
