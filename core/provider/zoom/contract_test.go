package zoom_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

var (
	specOnce   sync.Once
	specRouter routers.Router
	specErr    error
)

// loadSpec reads the vendored official spec once per test binary.
func loadSpec(t testing.TB) routers.Router {
	specOnce.Do(func() {
		loader := openapi3.NewLoader()
		doc, err := loader.LoadFromFile("testdata/Meetings.json")
		if err != nil {
			specErr = err
			return
		}
		specRouter, specErr = gorillamux.NewRouter(doc)
	})
	if specErr != nil {
		t.Fatalf("load Meetings.json: %v", specErr)
	}
	return specRouter
}

// contract is an http.RoundTripper that checks every API request against
// the official spec before it is sent, and every answer after. OAuth calls
// are not part of the Meetings spec and pass unchecked.
type contract struct {
	t      testing.TB
	router routers.Router
	next   http.RoundTripper

	mu   sync.Mutex
	seen map[string]int // operationId → calls
}

func newContract(t testing.TB, next http.RoundTripper) *contract {
	return &contract{t: t, router: loadSpec(t), next: next, seen: map[string]int{}}
}

func (c *contract) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == "/oauth/token" || len(req.URL.Path) < 4 || req.URL.Path[:4] != "/v2/" {
		return c.next.RoundTrip(req)
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	// The spec's server is https://api.zoom.us/v2: match on that.
	vreq := req.Clone(context.Background())
	u := *req.URL
	u.Scheme, u.Host = "https", "api.zoom.us"
	vreq.URL, vreq.Host = &u, "api.zoom.us"
	if body != nil {
		vreq.Body = io.NopCloser(bytes.NewReader(body))
	}
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		c.t.Errorf("contract: %s %s is not in Meetings.json: %v", req.Method, req.URL.RequestURI(), err)
		return c.next.RoundTrip(req)
	}
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: bearerOnly, MultiError: true}}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		c.t.Errorf("contract: request %s %s (%s) breaks the spec: %v", req.Method, req.URL.RequestURI(), route.Operation.OperationID, err)
	}
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
	if resp.Header.Get("X-Emulator") != "Turnout Sandbox" {
		c.t.Errorf("contract: answer to %s %s does not say it comes from the Turnout Sandbox", req.Method, req.URL.Path)
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.StatusCode, Header: resp.Header,
		Options: &openapi3filter.Options{MultiError: true}}
	out.SetBodyBytes(data)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		c.t.Errorf("contract: answer %d to %s %s (%s) breaks the spec: %v\n%s", resp.StatusCode, req.Method, req.URL.RequestURI(),
			route.Operation.OperationID, err, truncate(data))
	}
	return resp, nil
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// bearerOnly accepts the spec's OAuth security when a bearer token is sent.
func bearerOnly(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if h := in.RequestValidationInput.Request.Header.Get("Authorization"); len(h) > 7 && h[:7] == "Bearer " {
		return nil
	}
	return &openapi3filter.SecurityRequirementsError{}
}

func (c *contract) calls() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := map[string]int{}
	for k, v := range c.seen {
		out[k] = v
	}
	return out
}

var _ = url.Values{}
