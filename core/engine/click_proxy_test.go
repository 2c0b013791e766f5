package engine_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

// TestAThousandClicksThroughTheOfficeProxy: the endpoint with its
// default limits behind the reverse proxy staff named; 1,000 registrants
// click within the same minute (the test clock does not move, so no
// limit refills). Every one is redirected and every click stored.
func TestAThousandClicksThroughTheOfficeProxy(t *testing.T) {
	const n = 1000
	f := newMailFixture(t, n, 0, core.MailSettings{})
	ctx := context.Background()
	f.clock.Set(f.event.Start.Add(-5 * time.Minute))
	ts, _ := f.eng.TrackSettings(ctx)
	ts.TrustedProxies = []string{"127.0.0.1"}
	if _, err := f.eng.SaveTrackSettings(ctx, ts); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	paths := clickPaths(t, f)
	serveCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- f.eng.ServeClicks(serveCtx, engine.TrackOptions{Listener: ln}) }()

	base := "http://" + ln.Addr().String()
	client := noRedirect()
	var redirected, refused atomic.Int64
	var wg sync.WaitGroup
	var next atomic.Int64
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				req, _ := http.NewRequest(http.MethodGet, base+paths[i], nil)
				req.Header.Set("X-Forwarded-For", fmt.Sprintf("198.51.%d.%d", i/250, i%250+1))
				resp, err := client.Do(req)
				if err != nil {
					refused.Add(1)
					continue
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusFound {
					redirected.Add(1)
				} else {
					refused.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if redirected.Load() != n || refused.Load() != 0 {
		t.Fatalf("%d redirected, %d refused; want %d and 0", redirected.Load(), refused.Load(), n)
	}
	stored := 0
	if err := f.db.View(ctx, func(tx core.Tx) error {
		return tx.Clicks(f.event.ID, func(core.Click) error { stored++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	if stored != n {
		t.Fatalf("%d clicks stored, want %d", stored, n)
	}
}
