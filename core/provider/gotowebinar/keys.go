package gotowebinar

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// key is a GoTo key read exactly: the spec types the same key as an
// int64 JSON number in some schemas and as a string in others, and real
// keys exceed 2^53, so the literal digits are kept and never pass
// through float64.
type key string

func (k *key) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*k = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*k = key(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*k = key(n.String())
	return nil
}

// WebinarKey normalises a webinar key as staff type or paste it ("8439
// 8856 9402 3999 999", with dashes, or the registration URL's end) to
// GoTo's digits.
func WebinarKey(s string) (string, error) {
	d := strings.TrimSpace(s)
	if i := strings.LastIndexByte(d, '/'); i >= 0 {
		d = d[i+1:]
	}
	d = strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(d)
	if _, err := strconv.ParseInt(d, 10, 64); err != nil || d == "" {
		return "", core.Errorf(core.EINVALID, "Webinar key %q is not a number; copy the webinar key from GoTo Webinar (Settings → Webinar key).", s)
	}
	return d, nil
}
