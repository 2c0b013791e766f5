package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/track"
)

// trackedPaths proves a public tracking address for the data file (as
// an office forwarding it would) and returns each registrant's /j/ path
// and the port "turnout serve" will listen on.
func trackedPaths(t *testing.T, data, eventID string) ([]string, string) {
	t.Helper()
	ctx := context.Background()
	router := &coretest.Router{}
	eng, closeStore, err := Open(ctx, Global{Data: data}, engine.WithTrackCheckClient(router.Client()))
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	port := strconv.Itoa(freePort(t))
	if _, err := eng.SaveTrackSettings(ctx, core.TrackingSettings{Listen: "127.0.0.1:" + port,
		BaseURL: "https://clicks.example.org"}); err != nil {
		t.Fatal(err)
	}
	srv, err := eng.ClickServer(ctx, track.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	router.RouteTo(hs.Listener.Addr().String())
	_, err = eng.VerifyTrackingURL(ctx)
	hs.Close()
	srv.Close()
	if err != nil {
		t.Fatal(err)
	}
	id, _ := strconv.ParseInt(eventID, 10, 64)
	regs, err := eng.Registrants(ctx, core.ID(id))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, r := range regs {
		l, err := eng.TrackedLink(ctx, r.EventID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(l)
		paths = append(paths, u.Path)
	}
	return paths, port
}

// TestServeStoppedBySIGTERMKeepsEveryClick: a service manager or a logout
// stops "turnout serve" with SIGTERM while people click. Every click it
// redirected must be stored, and it exits cleanly. Before, only Ctrl+C
// stored the queue: SIGTERM killed it with clicks in memory.
func TestServeStoppedBySIGTERMKeepsEveryClick(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	csv := filepath.Join(t.TempDir(), "people.csv")
	writeBigCSV(t, csv, 200)
	mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)
	paths, port := trackedPaths(t, data, id)

	serve := turnoutProcess(t, "--data", data, "serve")
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	base := "http://127.0.0.1:" + port
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout: 5 * time.Second}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if resp, err := client.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			serve.Process.Kill()
			t.Fatal("turnout serve never answered")
		}
		time.Sleep(50 * time.Millisecond)
	}

	var redirects atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; ; i += 8 {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(base + paths[i%len(paths)])
				if err != nil {
					continue // the server is going away
				}
				resp.Body.Close()
				if resp.StatusCode == http.StatusFound {
					redirects.Add(1)
				}
			}
		}()
	}
	time.Sleep(700 * time.Millisecond)
	if err := serve.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := serve.Wait()
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("turnout serve stopped by SIGTERM: %v, want a clean exit", err)
	}
	if redirects.Load() == 0 {
		t.Fatal("no click was redirected")
	}

	ctx := context.Background()
	eng, closeStore, err := Open(ctx, Global{Data: data})
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore()
	evID, _ := strconv.ParseInt(id, 10, 64)
	regs, err := eng.Registrants(ctx, core.ID(evID))
	if err != nil {
		t.Fatal(err)
	}
	stored := 0
	for _, r := range regs {
		stored += r.Clicks
	}
	if int64(stored) != redirects.Load() {
		t.Fatalf("%d redirects sent, %d clicks stored", redirects.Load(), stored)
	}
}
