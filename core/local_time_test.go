package core_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// nextTransition is the first change of loc's UTC offset after from
// where the offset goes forward (spring) or back (autumn), found from the
// zone's own rules.
func nextTransition(t *testing.T, loc *time.Location, from time.Time, forward bool) (at time.Time, before, after int) {
	t.Helper()
	now := from.In(loc)
	for range 40 {
		_, end := now.ZoneBounds()
		if end.IsZero() {
			break
		}
		_, b := now.Zone()
		_, a := end.Zone()
		if (a > b) == forward && a != b {
			return end, b, a
		}
		now = end
	}
	t.Fatalf("%s has no transition after %v", loc, from)
	return
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Issue 12, defect 10: a time inside the hour clocks skip was moved
// silently, one way in New York and the other in Berlin.
func TestParseLocalTimeRefusesATimeClocksSkip(t *testing.T) {
	for _, zone := range []string{"America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago"} {
		loc := mustZone(t, zone)
		jump, before, after := nextTransition(t, loc, time.Now(), true)
		skipped := time.Duration(after-before) * time.Second
		from := jump.In(time.FixedZone("", before)) // the last wall clock before the jump
		inGap := from.Add(skipped / 2).Format("2006-01-02 15:04")
		_, err := core.ParseLocalTime(inGap, zone)
		if core.ErrorCode(err) != core.EINVALID || !strings.Contains(core.ErrorMessage(err), "does not exist") ||
			!strings.Contains(core.ErrorMessage(err), jump.In(loc).Format("15:04")[1:]) {
			t.Errorf("%s %s: %v", zone, inGap, err)
		}
		// Either side of the gap is taken as typed.
		for _, ok := range []time.Time{from.Add(-time.Minute), jump.In(loc)} {
			got, err := core.ParseLocalTime(ok.Format("2006-01-02 15:04"), zone)
			if err != nil || !got.Equal(ok) {
				t.Errorf("%s %s: %v, %v", zone, ok.Format("2006-01-02 15:04"), got, err)
			}
		}
	}
}

func TestParseLocalTimeGapMessage(t *testing.T) {
	_, err := core.ParseLocalTime("2026-03-08 02:30", "America/New_York")
	want := "2:30 does not exist on 8 March 2026 in New York (clocks go from 2:00 to 3:00); choose 1:30 or 3:00."
	if core.ErrorMessage(err) != want {
		t.Errorf("message = %q\nwant      %q", core.ErrorMessage(err), want)
	}
}

// A time in the hour clocks go back over happens twice: it is refused
// until staff say which one.
func TestParseLocalTimeAsksWhichOfARepeatedTime(t *testing.T) {
	for _, zone := range []string{"America/New_York", "Europe/London", "Australia/Lord_Howe"} {
		loc := mustZone(t, zone)
		back, before, after := nextTransition(t, loc, time.Now(), false)
		repeated := time.Duration(before-after) * time.Second
		first := back.Add(-repeated / 2) // wall clock in the first pass
		second := back.Add(repeated / 2)
		if first.In(loc).Format("15:04") != second.In(loc).Format("15:04") {
			t.Fatalf("%s: %v and %v should show the same clock", zone, first.In(loc), second.In(loc))
		}
		typed := first.In(loc).Format("2006-01-02 15:04")
		_, err := core.ParseLocalTime(typed, zone)
		if msg := core.ErrorMessage(err); core.ErrorCode(err) != core.EINVALID || !strings.Contains(msg, "happens twice") {
			t.Errorf("%s %s: %v", zone, typed, err)
		}
		var rep *core.RepeatedTimeError
		if !errors.As(err, &rep) || !rep.First.Equal(first) || !rep.Second.Equal(second) {
			t.Fatalf("%s: %#v is not a RepeatedTimeError with both instants", zone, err)
		}
		for i, want := range []time.Time{first, second} {
			if got, err := core.ParseLocalTime(typed+" "+rep.Choices[i], zone); err != nil || !got.Equal(want) {
				t.Errorf("%s %s %s = %v, %v; want %v", zone, typed, rep.Choices[i], got, err, want)
			}
		}
		for choice, want := range map[string]time.Time{"first": first, "second": second, "SECOND": second} {
			if got, err := core.ParseLocalTime(typed+" "+choice, zone); err != nil || !got.Equal(want) {
				t.Errorf("%s %s %s = %v, %v; want %v", zone, typed, choice, got, err, want)
			}
		}
		a1, _ := first.In(loc).Zone()
		a2, _ := second.In(loc).Zone()
		if a1 != a2 {
			for abbr, want := range map[string]time.Time{a1: first, a2: second} {
				if got, err := core.ParseLocalTime(typed+" "+abbr, zone); err != nil || !got.Equal(want) {
					t.Errorf("%s %s %s = %v, %v; want %v", zone, typed, abbr, got, err, want)
				}
			}
			named := strings.Trim(a1+a2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == "" // "EDT", not "+11"
			if named && (!strings.Contains(core.ErrorMessage(err), a1) || !strings.Contains(core.ErrorMessage(err), a2)) {
				t.Errorf("%s: the message does not offer %s and %s: %s", zone, a1, a2, core.ErrorMessage(err))
			}
		}
	}
}

func TestParseLocalTimeRefusesLocal(t *testing.T) {
	if _, err := core.ParseLocalTime("2026-06-01 14:00", "Local"); core.ErrorCode(err) != core.EINVALID || !strings.Contains(core.ErrorMessage(err), "this computer's zone") {
		t.Errorf("Local: %v", err)
	}
	ev := core.Event{Title: "Webinar", Start: time.Now(), TimeZone: "Local", Duration: time.Hour}
	if err := ev.Validate(); core.ErrorCode(err) != core.EINVALID {
		t.Errorf("an event in zone Local was accepted: %v", err)
	}
	o := core.DefaultOffice()
	o.TimeZone = "local"
	if err := o.Validate(); core.ErrorCode(err) != core.EINVALID {
		t.Errorf("an office in zone local was accepted: %v", err)
	}
	if !core.MachineZone(" ") || !core.MachineZone("LOCAL") || core.MachineZone("UTC") {
		t.Error("MachineZone")
	}
}
