package zoomfake

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"
)

// Crowd scripts a large event: n join rows from start, every tenth person
// rejoining once (two rows), every 50th a guest without an email, every
// 25th someone who never registered. registrantIDs (may be nil) are
// handed out to the registered people in order.
func Crowd(start time.Time, n int, registrantIDs []string) []Join {
	joins := make([]Join, 0, n)
	person := 0
	for len(joins) < n {
		p := person
		person++
		j := Join{UserID: fmt.Sprintf("%d", 16778240+p), Name: fmt.Sprintf("Person %d", p),
			Email: fmt.Sprintf("person%d@example.org", p)}
		switch {
		case p%50 == 49:
			j.Email, j.Name = "", fmt.Sprintf("iPhone (%d)", p)
		case p%25 == 24:
			j.Email = fmt.Sprintf("walkin%d@example.net", p)
		default:
			if p < len(registrantIDs) {
				j.RegistrantID = registrantIDs[p]
			} else {
				j.RegistrantID = fmt.Sprintf("sbxreg%08d", p)
			}
		}
		j.Join = start.Add(time.Duration(p%15) * time.Minute)
		j.Leave = j.Join.Add(time.Duration(20+p%40) * time.Minute)
		joins = append(joins, j)
		if p%10 == 9 && len(joins) < n { // dropped and rejoined: a new user_id, a second row
			again := j
			again.UserID = fmt.Sprintf("%d", 33556480+p)
			again.Join = j.Leave.Add(2 * time.Minute)
			again.Leave = again.Join.Add(15 * time.Minute)
			joins = append(joins, again)
		}
	}
	return joins
}

// InProcess returns an http.Client whose requests the emulator answers
// directly, without a socket: the in-app Sandbox works with no network.
func (s *Server) InProcess() *http.Client {
	return &http.Client{Transport: handlerTransport{s.Handler()}, Timeout: 30 * time.Second}
}

type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	if r.Host == "" {
		r.Host = r.URL.Host
	}
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}
