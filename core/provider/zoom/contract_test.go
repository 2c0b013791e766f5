package zoom_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core/coretest/openapicheck"
)

// newContract checks every API request against Zoom's official Meetings spec
// (testdata/Meetings.json) before it is sent, and every answer after. OAuth
// calls are not part of that spec and pass unchecked.
func newContract(t testing.TB, next http.RoundTripper) *openapicheck.Transport {
	return openapicheck.New(t, next, openapicheck.Options{
		Spec: "testdata/Meetings.json",
		Host: "api.zoom.us", // the spec's server is https://api.zoom.us/v2
		Checked: func(r *http.Request) bool {
			return strings.HasPrefix(r.URL.Path, "/v2/")
		},
	})
}
