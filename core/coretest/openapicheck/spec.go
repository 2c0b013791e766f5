package openapicheck

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

const formType = "application/x-www-form-urlencoded"

type loaded struct {
	once   sync.Once
	router routers.Router
	err    error
}

// specs keeps each spec file's router for the test binary: a large spec
// takes about half a second to load.
var specs sync.Map // file → *loaded

func loadSpec(t testing.TB, file string) routers.Router {
	t.Helper()
	v, _ := specs.LoadOrStore(file, &loaded{})
	l := v.(*loaded)
	l.once.Do(func() {
		doc, err := openapi3.NewLoader().LoadFromFile(file)
		if err != nil {
			l.err = err
			return
		}
		l.router, l.err = gorillamux.NewRouter(doc)
	})
	if l.err != nil {
		t.Fatalf("load %s: %v", file, l.err)
	}
	return l.router
}

// checkForm checks a form body's fields as an object against the
// operation's form schema.
func checkForm(route *routers.Route, body []byte) error {
	rb := route.Operation.RequestBody
	if rb == nil || rb.Value.Content.Get(formType) == nil {
		return errors.New("the spec documents no form body here")
	}
	vals, _ := url.ParseQuery(string(body))
	obj := map[string]any{}
	for k := range vals {
		obj[k] = vals.Get(k)
	}
	return rb.Value.Content.Get(formType).Schema.Value.VisitJSON(obj, openapi3.MultiErrors())
}

// BearerOnly accepts the spec's security when a bearer token is sent.
func BearerOnly(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	if strings.HasPrefix(in.RequestValidationInput.Request.Header.Get("Authorization"), "Bearer ") {
		return nil
	}
	return &openapi3filter.SecurityRequirementsError{}
}
