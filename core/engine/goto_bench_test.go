package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
)

// BenchmarkGoToPush1000 pushes 1,000 registrants to a GoTo webinar whose
// emulator allows GoTo's 10 requests a second (a real 1 s window). The
// floor is 1,000 / 10 = 100 s; the target is at most 1.1 × the floor,
// with nobody lost and nobody registered twice.
func BenchmarkGoToPush1000(b *testing.B) {
	const n = 1000
	var took time.Duration
	for range b.N {
		b.StopTimer()
		f := newGoToFixture(b, "", gotofake.Options{Window: time.Second})
		start := f.clock.Now().Add(72 * time.Hour).Truncate(time.Minute).UTC()
		wk := f.fake.AddWebinar(gotofake.Webinar{Subject: "Bench", Times: []gotofake.Range{{Start: start, End: start.Add(time.Hour)}}})
		ev := f.link(b, wk, core.AttendanceRule{})
		importPeople(b, f.eng, ev.ID, n)
		time.Sleep(1100 * time.Millisecond) // the link's calls leave the window
		b.StartTimer()
		began := time.Now()
		sum, err := f.eng.PushEvent(context.Background(), ev.ID)
		took = time.Since(began)
		b.StopTimer()
		if err != nil || sum.Pushed != n || sum.Failed != 0 || sum.Waiting != 0 {
			b.Fatalf("push %+v %v", sum, err)
		}
		regs := f.fake.Registrants(wk)
		seen := map[string]bool{}
		for _, r := range regs {
			e := strings.ToLower(r.Email)
			if seen[e] {
				b.Fatalf("%s registered twice", e)
			}
			seen[e] = true
		}
		if st := f.fake.Stats(); len(regs) != n || st.Created != n {
			b.Fatalf("GoTo has %d registrants from %d creations: lost or duplicated", len(regs), st.Created)
		}
		b.Logf("1000 pushed in %v with %d 429s", took.Round(time.Millisecond), f.fake.Stats().TooMany)
	}
	floor := float64(n) / 10
	b.ReportMetric(took.Seconds(), "s")
	b.ReportMetric(floor, "floor-s")
	b.ReportMetric(took.Seconds()/floor, "ratio-to-floor")
	b.ReportMetric(0, "lost")
	b.ReportMetric(0, "duplicated")
}
