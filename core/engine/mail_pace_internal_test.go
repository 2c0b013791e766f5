package engine

import (
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// The pace spaces messages one gap apart, never lets a minute carry more
// than PerMinute, and holds everything after a throttling answer.
func TestMailPaceSpacesAndHolds(t *testing.T) {
	var p mailPace
	prof := core.MailProfile{Preset: core.PresetCustom, PerMinute: 30, Connections: 3}
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	now := start
	var sent []time.Time
	for len(sent) < 95 {
		if d := p.take(now, prof); d > 0 {
			now = now.Add(d)
			continue
		}
		sent = append(sent, now)
	}
	for i := 1; i < len(sent); i++ {
		if gap := sent[i].Sub(sent[i-1]); gap < 2*time.Second {
			t.Fatalf("message %d left %s after the one before", i, gap)
		}
	}
	for i := range sent {
		n := 0
		for _, s := range sent[i:] {
			if s.Before(sent[i].Add(time.Minute)) {
				n++
			}
		}
		if n > 30 {
			t.Fatalf("%d messages in the minute from %s", n, sent[i].Sub(start))
		}
	}
	p.hold(now.Add(45 * time.Second))
	if d := p.take(now.Add(10*time.Second), prof); d != 35*time.Second {
		t.Fatalf("during a hold: wait %s, want 35s", d)
	}
	if d := p.take(now, core.MailProfile{Preset: core.PresetCustom}); d == 0 {
		t.Fatal("a hold applies without a per-minute limit too")
	}
	if d := p.take(now.Add(45*time.Second), core.MailProfile{Preset: core.PresetCustom}); d != 0 {
		t.Fatalf("after the hold, no limit: wait %s", d)
	}
}

// The day's window opens with its first message and reopens a day later;
// a pause lifts when its time comes.
func TestMailDayRollsOverAfterADay(t *testing.T) {
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var d mailDay
	d.count(start)
	d.count(start.Add(time.Hour))
	if d.Sent != 2 || !d.end(start).Equal(start.Add(24*time.Hour)) {
		t.Fatalf("%+v", d)
	}
	d.PausedUntil, d.Why = d.end(start), "limit"
	d.roll(start.Add(23 * time.Hour))
	if d.Sent != 2 || d.PausedUntil.IsZero() {
		t.Fatalf("within the day: %+v", d)
	}
	d.roll(start.Add(24 * time.Hour))
	if d.Sent != 0 || !d.Start.IsZero() || !d.PausedUntil.IsZero() || d.Why != "" {
		t.Fatalf("a day later: %+v", d)
	}
}
