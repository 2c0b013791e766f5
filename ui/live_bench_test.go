package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// BenchmarkLiveRowChange100k changes one registrant of a 100,000-person
// event elsewhere (a check-in, then its undo) while the registrants table
// is open: the time until the table shows it, and proof that the whole
// list is never read again for it (list-loads stays 1, the opening).
func BenchmarkLiveRowChange100k(b *testing.B) {
	ctx := context.Background()
	eng := demoEngine100k(b)
	svc := eng.Services()
	counter := &countingRegistrants{RegistrantService: svc.Registrants}
	svc.Registrants = counter
	u := newApp(test.NewTempApp(b), svc, Options{}, &taskQueue{})
	playScene(u, ScreenRegistrants)
	u.wait()
	rs := u.event.registrants
	if len(rs.list.All) < 100_000 {
		b.Fatalf("screen shows %d registrants", len(rs.list.All))
	}
	var target = rs.list.All[len(rs.list.All)/2]
	for target.Attended() || !target.Active() {
		target = rs.list.All[rs.list.Index(target.ID)+1]
	}
	evID := rs.event.ID
	b.ResetTimer()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		start := time.Now()
		want := i%2 == 0
		var err error
		if want {
			_, err = eng.CheckInManually(ctx, evID, target.ID)
		} else {
			_, err = eng.UndoCheckIn(ctx, evID, target.ID)
		}
		if err != nil {
			b.Fatal(err)
		}
		for rs.list.All[rs.list.Index(target.ID)].Attended() != want {
			if time.Since(start) > time.Second {
				b.Fatalf("change %d not shown within a second", i)
			}
			time.Sleep(time.Millisecond)
			u.wait()
		}
		total += time.Since(start)
	}
	b.StopTimer()
	if n := counter.lists.Load(); n != 1 {
		b.Fatalf("the whole list was loaded %d times", n)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/change-shown")
	b.ReportMetric(float64(counter.lists.Load()), "list-loads")
	b.ReportMetric(float64(rs.live.Reads)/float64(b.N), "row-reads/change")
	b.ReportMetric(float64(rs.live.Refilters)/float64(b.N), "filter-passes/change")
}
