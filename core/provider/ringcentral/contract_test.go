package ringcentral_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
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

// loadSpec reads RingCentral's spec once per test binary (about 0.5 s).
func loadSpec(t testing.TB) routers.Router {
	specOnce.Do(func() {
		doc, err := openapi3.NewLoader().LoadFromFile("testdata/rc-public-openapi.yml")
		if err != nil {
			specErr = err
			return
		}
		specRouter, specErr = gorillamux.NewRouter(doc)
	})
	if specErr != nil {
		t.Fatalf("load rc-public-openapi.yml: %v", specErr)
	}
	return specRouter
}

// contract is an http.RoundTripper that checks every request against the
// spec before it is sent and every answer after, and counts the
// operations used. Answers the spec does not list (401, 429) pass.
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
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	vreq := req.Clone(context.Background())
	u := *req.URL
	u.Scheme, u.Host = "https", "platform.ringcentral.com"
	vreq.URL, vreq.Host = &u, "platform.ringcentral.com"
	if body != nil {
		vreq.Body = io.NopCloser(bytes.NewReader(body))
	}
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		c.t.Errorf("contract: %s %s is not in the spec: %v", req.Method, req.URL.RequestURI(), err)
		return c.next.RoundTrip(req)
	}
	form := strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
	in := &openapi3filter.RequestValidationInput{Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: authOK, MultiError: true, ExcludeRequestBody: form}}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		c.t.Errorf("contract: request %s %s (%s) breaks the spec: %v", req.Method, req.URL.RequestURI(), route.Operation.OperationID, err)
	}
	if form {
		// kin-openapi cannot decode a form into the token request's
		// anyOf/allOf schema: check the fields as an object instead.
		vals, _ := url.ParseQuery(string(body))
		obj := map[string]any{}
		for k := range vals {
			obj[k] = vals.Get(k)
		}
		schema := route.Operation.RequestBody.Value.Content.Get("application/x-www-form-urlencoded").Schema.Value
		if err := schema.VisitJSON(obj, openapi3.MultiErrors()); err != nil {
			c.t.Errorf("contract: form %s %s (%s) breaks the spec: %v", req.Method, req.URL.Path, route.Operation.OperationID, err)
		}
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
	if strings.HasPrefix(req.URL.Path, "/webinar/") && resp.Header.Get("X-Rate-Limit-Group") == "" && resp.StatusCode != http.StatusUnauthorized {
		c.t.Errorf("contract: answer to %s %s lacks the rate-limit headers", req.Method, req.URL.Path)
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

// authOK accepts the spec's security when a bearer token or Basic client
// authentication is sent, or none where the spec allows a public client.
func authOK(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if strings.HasPrefix(in.RequestValidationInput.Route.Operation.OperationID, "authorize") {
		return nil // the browser's sign-in page: the spec gives it the API's global OAuth2 security, which no browser has
	}
	h := in.RequestValidationInput.Request.Header.Get("Authorization")
	if strings.HasPrefix(h, "Bearer ") || strings.HasPrefix(h, "Basic ") {
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
