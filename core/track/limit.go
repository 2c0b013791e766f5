package track

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// Limits that never stop a real registrant. Links are signed, so a
// request for a link that is not Turnout's is a scanner or a typo: those
// are limited per client address. A real link is limited only per link
// (someone's mail filter fetching it in a loop), never per address: a
// whole office behind one proxy, or 1,000 people clicking through the
// office's reverse proxy within a minute, all get their redirect.

// badRequest answers a link that is not Turnout's: 404, or 429 when the
// address keeps sending them.
func (s *Server) badRequest(w http.ResponseWriter, r *http.Request) {
	if s.badByAddr != nil && !s.badByAddr.allow(s.clientAddr(r)) {
		tooMany(w)
		return
	}
	notFound(w)
}

func tooMany(w http.ResponseWriter) {
	w.Header().Set("Retry-After", "1")
	plain(w, http.StatusTooManyRequests, "Too many requests. Wait a moment and try the link again.")
}

// clientAddr is who sent r: the connection's address, or, when that is
// a proxy staff named, the nearest address in X-Forwarded-For that is
// not one of their proxies. X-Forwarded-For from anyone else is ignored
// (it is whatever the sender wrote).
func (s *Server) clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil || !s.trusted(addr) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a garbled header: stop at the last address we trust
		}
		if !s.trusted(hop) {
			return hop.String()
		}
	}
	return host
}

func (s *Server) trusted(a netip.Addr) bool {
	a = a.Unmap()
	for _, p := range s.cfg.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// limiter is a token bucket per key (a client address or a link).
type limiter struct {
	mu      sync.Mutex
	rate    float64
	burst   float64
	now     func() time.Time
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newLimiter(rate float64, burst int, now func() time.Time) *limiter {
	return &limiter{rate: rate, burst: float64(burst), now: now, buckets: map[string]*bucket{}}
}

func (l *limiter) allow(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.swept) > time.Minute {
		// Forget addresses whose bucket is full again.
		for k, b := range l.buckets {
			if now.Sub(b.last).Seconds()*l.rate >= l.burst {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
