package granttoken_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/granttoken"
)

// issuer hands out token N on the Nth request, valid an hour, or refuses
// with body when it is set.
func issuer(t *testing.T, calls *atomic.Int32, status int, body string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := calls.Add(1)
		w.WriteHeader(status)
		if body != "" {
			fmt.Fprint(w, body)
			return
		}
		fmt.Fprintf(w, `{"access_token":"tok-%d","expires_in":3600}`, n)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func source(u string, now func() time.Time) *granttoken.Source {
	return granttoken.New(http.DefaultClient, "zoom", "Office Zoom", now, func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodPost, u, nil)
	})
}

func TestTheTokenIsKeptUntilAMinuteBeforeItExpiresOrIsRefused(t *testing.T) {
	var calls atomic.Int32
	u := issuer(t, &calls, http.StatusOK, "")
	now := time.Now()
	s := source(u, func() time.Time { return now })
	ctx := context.Background()
	first, err := s.Token(ctx)
	if err != nil || first != "tok-1" {
		t.Fatalf("%q %v", first, err)
	}
	now = now.Add(58 * time.Minute)
	if again, _ := s.Token(ctx); again != first || calls.Load() != 1 {
		t.Fatalf("58 minutes on: %q after %d requests", again, calls.Load())
	}
	now = now.Add(90 * time.Second)
	if fresh, _ := s.Token(ctx); fresh != "tok-2" {
		t.Fatalf("59.5 minutes on: %q", fresh)
	}
	s.Invalidate("tok-1") // an old token: the cached one stays
	if tok, _ := s.Token(ctx); tok != "tok-2" {
		t.Fatalf("after invalidating an old token: %q", tok)
	}
	s.Invalidate("tok-2")
	if tok, _ := s.Token(ctx); tok != "tok-3" {
		t.Fatalf("after invalidating the cached token: %q", tok)
	}
}

func TestARefusalNamesTheAccountAndTheReasonWithoutSecrets(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"RFC 6749", `{"error":"invalid_grant","error_description":"The JWT has expired"}`, "The JWT has expired"},
		{"Zoom", `{"error":"invalid_client","reason":"Invalid client_id or client_secret"}`, "Invalid client_id or client_secret"},
		{"error only", `{"error":"invalid_client"}`, "invalid_client"},
		{"no body", `not json`, "Unauthorized"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls atomic.Int32
			_, err := source(issuer(t, &calls, http.StatusUnauthorized, tt.body), time.Now).Token(context.Background())
			var pe *core.ProviderError
			if !errors.As(err, &pe) || pe.Kind != core.PErrUnauthorized || pe.Provider != "Office Zoom" || pe.Message != tt.want || pe.HTTPStatus != 401 {
				t.Fatalf("%#v", err)
			}
		})
	}
}
