package engine_test

import (
	"context"
	"net"
	"net/http"
	"sort"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/track"
)

// BenchmarkClickEndpoint: redirects per second and latency of the click
// endpoint (look up the tracked link, redirect, queue the click, store it)
// with 8 clients in a closed loop. In the same run the same client loop
// hits a bare net/http handler that only sends the same redirect: the
// ceiling of net/http on this machine, reported as bare-redirects/s and
// bare-p99-ms. The two take turns in rounds, so that load from other
// processes falls on both alike.
//
// 8 clients are enough to saturate 2 cores that also run the clients.
// More clients only queue (latency = clients / throughput) and measure
// the queue, not the endpoint.
func BenchmarkClickEndpoint(b *testing.B) {
	const clients, rounds = 8, 4
	f := newMailFixture(b, 500, 0, core.MailSettings{})
	base, srv := startClicks(b, f, track.Config{Rate: -1})
	bare := startBareRedirect(b)
	paths := clickPaths(b, f)
	b.StopTimer()
	var took, bareTook time.Duration
	var lat, bareLat []time.Duration
	for i := range rounds {
		n := b.N*(i+1)/rounds - b.N*i/rounds
		if n == 0 {
			continue
		}
		start := time.Now()
		bareLat = append(bareLat, clickAll(b, bare, paths, n, clients)...)
		bareTook += time.Since(start)

		b.StartTimer()
		start = time.Now()
		lat = append(lat, clickAll(b, base, paths, n, clients)...)
		// Every click is stored before the clock stops.
		if err := srv.Flush(context.Background()); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		b.StopTimer()
	}
	b.ReportMetric(float64(b.N)/took.Seconds(), "redirects/s")
	b.ReportMetric(percentileMs(lat, 99), "p99-ms")
	b.ReportMetric(percentileMs(lat, 50), "p50-ms")
	b.ReportMetric(float64(b.N)/bareTook.Seconds(), "bare-redirects/s")
	b.ReportMetric(percentileMs(bareLat, 99), "bare-p99-ms")
	var logged int
	f.db.View(context.Background(), func(tx core.Tx) error {
		return tx.Clicks(f.event.ID, func(core.Click) error { logged++; return nil })
	})
	if logged != b.N {
		b.Fatalf("recorded %d clicks of %d", logged, b.N)
	}
}

// startBareRedirect serves a handler that answers every GET with the
// same bodiless 302 the click endpoint sends, and does nothing else.
func startBareRedirect(b *testing.B) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "https://meet.example.org/spring")
		w.WriteHeader(http.StatusFound)
	})}
	go hs.Serve(ln)
	b.Cleanup(func() { hs.Close() })
	return "http://" + ln.Addr().String()
}

// percentileMs is the p-th percentile of lat in milliseconds (lat is
// sorted in place).
func percentileMs(lat []time.Duration, p int) float64 {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return float64(lat[len(lat)*p/100].Microseconds()) / 1000
}
