package openapicheck_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/turnout-app/turnout/core/coretest/openapicheck"
)

// recorder collects what the checker reports instead of failing the test.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// server answers like an emulator; a body of "bad" gets an answer that
// breaks the spec, and sandbox=false leaves out the emulator's header.
func server(t *testing.T, sandbox bool) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sandbox {
			w.Header().Set(openapicheck.EmulatorHeader, "Turnout Sandbox")
		}
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("answer") == "bad" {
			w.WriteHeader(http.StatusCreated)
			fmt.Fprint(w, `{"id": 7}`)
			return
		}
		w.WriteHeader(http.StatusCreated)
		fmt.Fprint(w, `{"id": "7"}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func send(t *testing.T, c *http.Client, url, contentType, body, auth string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func TestTheCheckerPassesWhatTheSpecAllowsAndReportsWhatBreaksIt(t *testing.T) {
	tests := []struct {
		name, path, contentType, body, auth string
		sandbox                             bool
		want                                string // part of the one report, or "" for none
	}{
		{"a good request and answer", "/v1/things", "application/json", `{"name":"a"}`, "Bearer x", true, ""},
		{"a missing field", "/v1/things", "application/json", `{"title":"a"}`, "Bearer x", true, "request POST /v1/things (addThing) breaks the spec"},
		{"no token", "/v1/things", "application/json", `{"name":"a"}`, "", true, "(addThing) breaks the spec"},
		{"an answer of the wrong type", "/v1/things?answer=bad", "application/json", `{"name":"a"}`, "Bearer x", true, "answer 201 to POST"},
		{"a path the spec lacks", "/v1/nothing", "application/json", `{}`, "Bearer x", true, "is not in testdata/tiny.yml"},
		{"an answer not from the Sandbox", "/v1/things", "application/json", `{"name":"a"}`, "Bearer x", false, "does not say it comes from the Turnout Sandbox"},
		{"a good form", "/v1/token", "application/x-www-form-urlencoded", "grant_type=refresh_token", "", true, ""},
		{"a form with a wrong value", "/v1/token", "application/x-www-form-urlencoded", "grant_type=password", "", true, "form POST /v1/token (token) breaks the spec"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := server(t, tt.sandbox)
			rec := &recorder{TB: t}
			ct := openapicheck.New(rec, nil, openapicheck.Options{Spec: "testdata/tiny.yml", Host: "api.example.test", FormBodies: true,
				PassStatus: []int{http.StatusTooManyRequests}})
			send(t, &http.Client{Transport: ct}, srv.URL+tt.path, tt.contentType, tt.body, tt.auth)
			switch {
			case tt.want == "" && len(rec.errs) > 0:
				t.Fatalf("reported %q", rec.errs)
			case tt.want != "" && (len(rec.errs) == 0 || !strings.Contains(strings.Join(rec.errs, "\n"), tt.want)):
				t.Fatalf("reported %q, want a report with %q", rec.errs, tt.want)
			}
			if tt.want == "" && tt.path == "/v1/things" && ct.Calls()["addThing"] != 1 {
				t.Fatalf("calls %v", ct.Calls())
			}
		})
	}
}

func TestUncheckedPathsPassAndAreNotCounted(t *testing.T) {
	srv := server(t, false)
	rec := &recorder{TB: t}
	ct := openapicheck.New(rec, nil, openapicheck.Options{Spec: "testdata/tiny.yml", Host: "api.example.test",
		Checked: func(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/v1/") }})
	send(t, &http.Client{Transport: ct}, srv.URL+"/oauth/token", "text/plain", "anything", "")
	if len(rec.errs) > 0 || len(ct.Calls()) > 0 {
		t.Fatalf("reported %q, counted %v", rec.errs, ct.Calls())
	}
}
