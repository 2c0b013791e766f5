package engine_test

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/track"
)

// startClicks serves the click endpoint of f on a loopback port.
func startClicks(t testing.TB, f *mailFixture, cfg track.Config) (string, *track.Server) {
	srv, err := f.eng.ClickServer(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(ctx, ln); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return "http://" + ln.Addr().String(), srv
}

func noRedirect() *http.Client {
	return &http.Client{
		Transport:     &http.Transport{MaxIdleConnsPerHost: 64},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// clickAll sends n GETs spread over the registrants with `workers`
// connections and returns each request's latency.
func clickAll(t testing.TB, base string, paths []string, n, workers int) []time.Duration {
	client := noRedirect()
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	var bad atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				start := time.Now()
				resp, err := client.Get(base + paths[i%len(paths)])
				if err != nil || resp.StatusCode != http.StatusFound {
					bad.Add(1)
				}
				if resp != nil {
					resp.Body.Close()
				}
				lat[i] = time.Since(start)
			}
		}()
	}
	wg.Wait()
	if bad.Load() > 0 {
		t.Fatalf("%d of %d clicks did not redirect", bad.Load(), n)
	}
	return lat
}

func clickPaths(t testing.TB, f *mailFixture) []string {
	var paths []string
	for _, r := range f.regs {
		l, err := f.eng.TrackedLink(context.Background(), f.event.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, l[len("https://clicks.riverside.example.org"):])
	}
	return paths
}

func TestClickLoadRecordsEveryClick(t *testing.T) {
	f := newMailFixture(t, 100, 0, core.MailSettings{})
	f.clock.Set(f.event.Start.Add(-10 * time.Minute)) // inside the click window
	base, srv := startClicks(t, f, track.Config{Rate: -1})
	paths := clickPaths(t, f)
	const n = 3000
	clickAll(t, base, paths, n, 16)
	if err := srv.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	var logged int
	if err := f.db.View(context.Background(), func(tx core.Tx) error {
		return tx.Clicks(f.event.ID, func(core.Click) error { logged++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	if logged != n {
		t.Fatalf("click log holds %d clicks, %d were sent", logged, n)
	}
	regs, _ := f.eng.Registrants(context.Background(), f.event.ID)
	total := 0
	for _, r := range regs {
		total += r.Clicks
		if r.CheckIn == nil || r.CheckIn.Source != core.SourceClick {
			t.Fatalf("%s clicked on a link-only event but is not checked in by click: %+v", r.Email, r.CheckIn)
		}
	}
	if total != n {
		t.Fatalf("registrants' click counts add up to %d, want %d", total, n)
	}
	h, _ := f.eng.Report(context.Background(), f.event.ID)
	if h.Clicked != 100 || h.AttendedBy[core.SourceClick] != 100 {
		t.Errorf("report: Clicked %d, attended by click %d; want 100, 100", h.Clicked, h.AttendedBy[core.SourceClick])
	}
}

func TestClickRedirectsToPersonalJoinURL(t *testing.T) {
	f := newMailFixture(t, 3, 0, core.MailSettings{})
	base, _ := startClicks(t, f, track.Config{Rate: -1})
	paths := clickPaths(t, f)
	resp, err := noRedirect().Get(base + paths[0] + "?u=https://evil.example.com")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "https://meet.example.org/spring?personal=abc123" {
		t.Fatalf("Location = %q, want the registrant's personal join URL", loc)
	}
	resp, _ = noRedirect().Get(base + paths[1])
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != "https://meet.example.org/spring" {
		t.Fatalf("Location = %q, want the event's join URL", loc)
	}
}

var _ = engine.TrackOptions{}
