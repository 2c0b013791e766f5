package engine

import (
	"strconv"

	"golang.org/x/oauth2"
)

// maxExactFloat is 2^53: above it a float64 no longer holds every integer.
const maxExactFloat = 1 << 53

// tokenFields keeps the named non-secret fields of a token response as
// strings. golang.org/x/oauth2 decodes JSON numbers as float64, so a
// number is kept only while it is exact (a key above 2^53 is left for
// the adapter to read losslessly from the provider); strings are kept as
// sent.
func tokenFields(tok *oauth2.Token, names []string) map[string]string {
	if tok == nil || len(names) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, n := range names {
		switch v := tok.Extra(n).(type) {
		case string:
			if v != "" {
				out[n] = v
			}
		case float64:
			if v == float64(int64(v)) && v > -maxExactFloat && v < maxExactFloat {
				out[n] = strconv.FormatInt(int64(v), 10)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
