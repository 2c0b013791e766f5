package engine

import (
	"testing"

	"golang.org/x/oauth2"
)

// A key sent as a JSON number above 2^53 reaches oauth2 as a float64
// that no longer holds it: it is dropped rather than kept wrong (the
// adapter then asks the provider); strings and small numbers are kept.
func TestTokenFieldsKeepOnlyExactValues(t *testing.T) {
	tok := (&oauth2.Token{AccessToken: "a"}).WithExtra(map[string]any{
		"organizer_key": float64(8439885694023999999), "account_key": "7209878915730016262",
		"small": float64(42), "email": "o@example.org", "firstName": ""})
	got := tokenFields(tok, []string{"organizer_key", "account_key", "small", "email", "firstName", "absent"})
	want := map[string]string{"account_key": "7209878915730016262", "small": "42", "email": "o@example.org"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}
