package openapicheck

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Options say how one provider's traffic is checked.
type Options struct {
	// Spec is the spec file, read once per test binary (relative to the
	// package under test, e.g. "testdata/Meetings.json").
	Spec string
	// Host is the host of the spec's server (e.g. "api.zoom.us"); requests
	// to the emulator are matched as if sent there, over https.
	Host string
	// Checked tells which requests the spec covers; others (OAuth, an
	// identity API) pass unchecked. Nil checks every request.
	Checked func(*http.Request) bool
	// Auth accepts the spec's security requirements; nil is BearerOnly.
	Auth openapi3filter.AuthenticationFunc
	// FormBodies checks application/x-www-form-urlencoded bodies field by
	// field against their schema (kin-openapi cannot decode a form into an
	// anyOf/allOf schema such as an OAuth token request's).
	FormBodies bool
	// PassStatus lists answer statuses the spec leaves out that pass
	// unchecked (e.g. a 429 the provider never documented).
	PassStatus []int
	// NoErrorBodies checks error answers (400 and up) for their status
	// only, for a spec that documents no error bodies.
	NoErrorBodies bool
	// CheckAnswer, if set, adds a provider's own check of each answer to a
	// checked request; a non-empty result is reported as a test error.
	CheckAnswer func(req *http.Request, resp *http.Response) string
}

// EmulatorHeader is the header every Turnout emulator sets on its answers;
// an answer without it means a test reached something else.
const EmulatorHeader = "X-Emulator"

// Transport is an http.RoundTripper that checks traffic against a spec and
// counts the operations seen. Breaches are reported with t.Errorf; the
// request still goes on, so one test shows every breach.
type Transport struct {
	t      testing.TB
	router routers.Router
	next   http.RoundTripper
	o      Options

	mu   sync.Mutex
	seen map[string]int // operationId → calls
}

// New returns a Transport sending through next (http.DefaultTransport if nil).
func New(t testing.TB, next http.RoundTripper, o Options) *Transport {
	t.Helper()
	if next == nil {
		next = http.DefaultTransport
	}
	if o.Auth == nil {
		o.Auth = BearerOnly
	}
	return &Transport{t: t, router: loadSpec(t, o.Spec), next: next, o: o, seen: map[string]int{}}
}

// RoundTrip checks the request, sends it, and checks the answer.
func (c *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if c.o.Checked != nil && !c.o.Checked(req) {
		return c.next.RoundTrip(req)
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	vreq := c.asSent(req, body)
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		c.t.Errorf("contract: %s %s is not in %s: %v", req.Method, req.URL.RequestURI(), c.o.Spec, err)
		return c.next.RoundTrip(req)
	}
	in := c.checkRequest(req, vreq, body, route, params)
	c.mu.Lock()
	c.seen[route.Operation.OperationID]++
	c.mu.Unlock()

	resp, err := c.next.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	c.checkAnswer(req, resp, data, in)
	return resp, nil
}

// asSent is the request as if it went to the spec's server.
func (c *Transport) asSent(req *http.Request, body []byte) *http.Request {
	vreq := req.Clone(context.Background())
	u := *req.URL
	u.Scheme, u.Host = "https", c.o.Host
	vreq.URL, vreq.Host = &u, c.o.Host
	if body != nil {
		vreq.Body = io.NopCloser(bytes.NewReader(body))
	}
	return vreq
}

func (c *Transport) checkRequest(req, vreq *http.Request, body []byte, route *routers.Route, params map[string]string) *openapi3filter.RequestValidationInput {
	form := c.o.FormBodies && strings.HasPrefix(req.Header.Get("Content-Type"), formType)
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: c.o.Auth, MultiError: true, ExcludeRequestBody: form}}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		c.t.Errorf("contract: request %s %s (%s) breaks the spec: %v", req.Method, req.URL.RequestURI(), route.Operation.OperationID, err)
	}
	if form {
		if err := checkForm(route, body); err != nil {
			c.t.Errorf("contract: form %s %s (%s) breaks the spec: %v", req.Method, req.URL.Path, route.Operation.OperationID, err)
		}
	}
	return in
}

func (c *Transport) checkAnswer(req *http.Request, resp *http.Response, data []byte, in *openapi3filter.RequestValidationInput) {
	if resp.Header.Get(EmulatorHeader) != "Turnout Sandbox" {
		c.t.Errorf("contract: answer to %s %s does not say it comes from the Turnout Sandbox", req.Method, req.URL.Path)
	}
	if c.o.CheckAnswer != nil {
		if msg := c.o.CheckAnswer(req, resp); msg != "" {
			c.t.Errorf("contract: answer to %s %s: %s", req.Method, req.URL.Path, msg)
		}
	}
	if slices.Contains(c.o.PassStatus, resp.StatusCode) {
		return
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Options: &openapi3filter.Options{MultiError: true, ExcludeResponseBody: c.o.NoErrorBodies && resp.StatusCode >= 400}}
	out.SetBodyBytes(data)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		c.t.Errorf("contract: answer %d to %s %s (%s) breaks the spec: %v\n%s", resp.StatusCode, req.Method, req.URL.RequestURI(),
			in.Route.Operation.OperationID, err, truncate(data))
	}
}

// Calls returns how many times each operation (by operationId) was called.
func (c *Transport) Calls() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]int, len(c.seen))
	for k, v := range c.seen {
		out[k] = v
	}
	return out
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}
