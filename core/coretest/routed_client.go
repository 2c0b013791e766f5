package coretest

import (
	"context"
	"net"
	"net/http"
	"sync"
)

// Router is an HTTP client whose requests all reach one address,
// whatever host their URL names: tests use it to check a public-looking
// tracking address against an endpoint on loopback. Plain http only.
type Router struct {
	mu   sync.Mutex
	addr string
}

// RouteTo sends every later request to addr (host:port).
func (r *Router) RouteTo(addr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addr = addr
}

// Client returns the routed client; https URLs are sent as plain http.
func (r *Router) Client() *http.Client {
	var d net.Dialer
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			r.mu.Lock()
			addr := r.addr
			r.mu.Unlock()
			return d.DialContext(ctx, network, addr)
		},
		DisableKeepAlives: true,
	}
	return &http.Client{Transport: plainHTTP{tr}}
}

// plainHTTP rewrites https requests to http before the transport sees
// them, so no TLS is needed on loopback.
type plainHTTP struct{ next http.RoundTripper }

func (p plainHTTP) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme == "https" {
		req = req.Clone(req.Context())
		req.URL.Scheme = "http"
	}
	return p.next.RoundTrip(req)
}
