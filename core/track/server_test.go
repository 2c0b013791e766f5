package track

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/turnout-app/turnout/core"
)

type fakeBackend struct {
	mu     sync.Mutex
	dest   map[[2]core.ID]string
	clicks []core.Click
	calls  int
}

func (b *fakeBackend) Destination(_ context.Context, ev, reg core.ID) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	d, ok := b.dest[[2]core.ID{ev, reg}]
	if !ok {
		return "", core.NotFound("Registrant", reg)
	}
	return d, nil
}

func (b *fakeBackend) RecordClicks(_ context.Context, c []core.Click) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.clicks = append(b.clicks, c...)
	b.calls++
	return nil
}

func newTestServer(t *testing.T, cfg Config) (*Server, *fakeBackend, *Signer) {
	s := testSigner(t)
	b := &fakeBackend{dest: map[[2]core.ID]string{{1, 10}: "https://meet.example.org/a", {1, 11}: "https://meet.example.org/b"}}
	srv := New(s, b, cfg)
	t.Cleanup(srv.Close)
	return srv, b, s
}

func do(h http.Handler, method, target string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	req.Header.Set("User-Agent", "TestBrowser/1.0")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

func TestClickRedirectsToTheStoredJoinURLAndRecords(t *testing.T) {
	srv, b, s := newTestServer(t, Config{Rate: -1})
	w := do(srv.Handler(), http.MethodGet, "/j/"+s.Token(1, 10)+"?next=https://evil.example.com")
	if w.Code != http.StatusFound || w.Header().Get("Location") != "https://meet.example.org/a" {
		t.Fatalf("got %d Location %q, want 302 to the stored URL", w.Code, w.Header().Get("Location"))
	}
	if err := srv.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(b.clicks) != 1 || b.clicks[0].RegistrantID != 10 || b.clicks[0].UserAgent != "TestBrowser/1.0" {
		t.Fatalf("clicks recorded: %+v", b.clicks)
	}
	if w := do(srv.Handler(), http.MethodHead, "/j/"+s.Token(1, 11)); w.Code != http.StatusFound {
		t.Fatalf("HEAD: %d", w.Code)
	}
	srv.Flush(context.Background())
	if len(b.clicks) != 1 {
		t.Errorf("a HEAD (link checker) was counted as a click")
	}
}

func TestBadLinksNeverRedirect(t *testing.T) {
	srv, b, s := newTestServer(t, Config{Rate: -1})
	good := s.Token(1, 10)
	for name, path := range map[string]string{
		"truncated":     "/j/" + good[:len(good)-2],
		"forged":        "/j/" + strings.Repeat("A", len(good)),
		"re-targeted":   "/j/" + retarget(s, good, 1, 11),
		"unknown":       "/j/" + s.Token(2, 99),
		"extra segment": "/j/" + good + "/x",
		"no token":      "/j/",
		"other path":    "/admin",
		"encoded slash": "/j/" + good[:5] + "%2F" + good[5:],
	} {
		w := do(srv.Handler(), http.MethodGet, path)
		if w.Code != http.StatusNotFound || w.Header().Get("Location") != "" {
			t.Errorf("%s: %s gave %d Location %q, want a plain 404", name, path, w.Code, w.Header().Get("Location"))
		}
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("%s: content type %q", name, ct)
		}
	}
	if w := do(srv.Handler(), http.MethodPost, "/j/"+good); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d, want 405", w.Code)
	}
	srv.Flush(context.Background())
	if len(b.clicks) != 0 {
		t.Errorf("bad links recorded clicks: %+v", b.clicks)
	}
	if w := do(srv.Handler(), http.MethodGet, "/healthz"); w.Code != http.StatusOK {
		t.Errorf("/healthz: %d", w.Code)
	}
}

func TestServerTimeoutsAndHeaderLimit(t *testing.T) {
	srv, _, _ := newTestServer(t, Config{})
	hs := srv.HTTPServer()
	if hs.ReadHeaderTimeout <= 0 || hs.IdleTimeout <= 0 || hs.MaxHeaderBytes > 16<<10 {
		t.Fatalf("server limits: header timeout %v idle %v max header %d", hs.ReadHeaderTimeout, hs.IdleTimeout, hs.MaxHeaderBytes)
	}
}

// slowBackend holds every commit until released, like a disk that stalls.
type slowBackend struct {
	fakeBackend
	release chan struct{}
}

func (b *slowBackend) RecordClicks(ctx context.Context, c []core.Click) error {
	<-b.release
	return b.fakeBackend.RecordClicks(ctx, c)
}

func TestRedirectDoesNotWaitForTheDiskAndCloseStoresEveryClick(t *testing.T) {
	s := testSigner(t)
	b := &slowBackend{fakeBackend: fakeBackend{dest: map[[2]core.ID]string{{1, 10}: "https://meet.example.org/a"}},
		release: make(chan struct{})}
	srv := New(s, b, Config{Rate: -1})
	for range 5 {
		if w := do(srv.Handler(), http.MethodGet, "/j/"+s.Token(1, 10)); w.Code != http.StatusFound {
			t.Fatalf("click answered %d while the disk stalled", w.Code)
		}
	}
	close(b.release)
	srv.Close()
	if len(b.clicks) != 5 {
		t.Fatalf("Close stored %d of 5 queued clicks", len(b.clicks))
	}
}

func TestInstancePathAnswersWithTheInstanceID(t *testing.T) {
	srv, _, _ := newTestServer(t, Config{InstanceID: "turnout-abc"})
	if w := do(srv.Handler(), http.MethodGet, InstancePath); w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != "turnout-abc" {
		t.Errorf("%s: %d %q", InstancePath, w.Code, w.Body.String())
	}
	bare, _, _ := newTestServer(t, Config{})
	if w := do(bare.Handler(), http.MethodGet, InstancePath); w.Code != http.StatusNotFound {
		t.Errorf("%s without an ID: %d, want 404", InstancePath, w.Code)
	}
}
