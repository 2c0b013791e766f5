package ringcentral_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/turnout-app/turnout/core/coretest/openapicheck"
)

// newContract checks every request against RingCentral's spec
// (testdata/rc-public-openapi.yml, OAuth included) before it is sent and
// every answer after, and counts the operations used. Answers the spec does
// not list (401, 429) pass. The token request is a form whose anyOf/allOf
// schema kin-openapi cannot decode: its fields are checked as an object.
func newContract(t testing.TB, next http.RoundTripper) *openapicheck.Transport {
	return openapicheck.New(t, next, openapicheck.Options{
		Spec:        "testdata/rc-public-openapi.yml",
		Host:        "platform.ringcentral.com",
		Auth:        authOK,
		FormBodies:  true,
		CheckAnswer: rateLimitHeaders,
	})
}

// rateLimitHeaders: every Webinar API answer but a 401 names its rate-limit
// group, which the adapter paces itself by.
func rateLimitHeaders(req *http.Request, resp *http.Response) string {
	if strings.HasPrefix(req.URL.Path, "/webinar/") && resp.Header.Get("X-Rate-Limit-Group") == "" && resp.StatusCode != http.StatusUnauthorized {
		return "lacks the rate-limit headers"
	}
	return ""
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
