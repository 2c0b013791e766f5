package ringcentral_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/ringcentral"
	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
)

// BenchmarkRingCentralPush100: 100 registrants pushed as bulk work by
// four workers (as the engine's push does) against rcfake's Heavy group
// shortened to 10 requests per 1 s window. The floor is what the limit
// allows at best, registrants ÷ limit × window = 10 s; the pacer should
// come within 5 % of it and draw no 429.
func BenchmarkRingCentralPush100(b *testing.B) {
	const n, limit, window = 100, 10, time.Second
	floor := time.Duration(n/limit) * window
	var total time.Duration
	tooMany := 0
	for range b.N {
		b.StopTimer()
		fake := rcfake.New(rcfake.Options{HeavyLimit: limit, Window: window})
		srv := httptest.NewServer(fake.Handler())
		_, sid := fake.AddWebinar("Benchmark", time.Now().Add(24*time.Hour), time.Hour)
		c := ringcentral.New(ringcentral.Config{APIURL: srv.URL, Credentials: fake.Credentials(), HTTP: &http.Client{Timeout: 30 * time.Second}})
		ctx := core.WithBulk(context.Background())
		work := make(chan int)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var firstErr error
		b.StartTimer()
		began := time.Now()
		for range 4 {
			wg.Go(func() {
				for i := range work {
					if _, err := c.AddRegistrant(ctx, core.KindWebinar, "w/"+sid, person(i)); err != nil {
						mu.Lock()
						firstErr = err
						mu.Unlock()
					}
				}
			})
		}
		for i := range n {
			work <- i
		}
		close(work)
		wg.Wait()
		total += time.Since(began)
		b.StopTimer()
		srv.Close()
		if firstErr != nil {
			b.Fatal(firstErr)
		}
		if got := len(fake.Registrants(sid)); got != n {
			b.Fatalf("%d registrants at the emulator, want %d", got, n)
		}
		tooMany += fake.Stats().TooMany
		b.StartTimer()
	}
	if tooMany != 0 {
		b.Fatalf("%d answers 429: the pacer overran the limit", tooMany)
	}
	secs := total.Seconds() / float64(b.N)
	b.ReportMetric(secs, "s/push")
	b.ReportMetric(floor.Seconds(), "floor-s")
	b.ReportMetric(secs/floor.Seconds(), "ratio")
	b.ReportMetric(float64(tooMany), "429s")
}
