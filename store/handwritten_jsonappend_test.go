package store

// The hand-written registrant codec that store/registrant_codec.go
// replaced, kept unchanged (but for its entry points' names) so that
// BenchmarkRegistrantCodec100k measures it beside the codec in use. Not
// used by the store; when core.Registrant changes it falls back to
// encoding/json and the benchmark skips it.

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// jsonAppender writes JSON byte for byte as encoding/json's Marshal does,
// for the hot records whose encoding dominates an import (see
// encodeRegistrant). Like jsonScanner it only knows the plain cases: a
// string that Marshal would escape, or a time it would refuse, sets failed
// and the caller falls back to json.Marshal.
type jsonAppender struct {
	buf    []byte
	failed bool
	comma  bool // whether the next field needs a comma before it
}

func (a *jsonAppender) openObject() {
	a.buf = append(a.buf, '{')
	a.comma = false
}

func (a *jsonAppender) closeObject() {
	a.buf = append(a.buf, '}')
	a.comma = true
}

// key writes `"name":`, name being a literal that needs no escaping.
func (a *jsonAppender) key(name string) {
	if a.comma {
		a.buf = append(a.buf, ',')
	}
	a.buf = append(a.buf, '"')
	a.buf = append(a.buf, name...)
	a.buf = append(a.buf, '"', ':')
	a.comma = true
}

func (a *jsonAppender) string(s string) {
	if !marshalsVerbatim(s) {
		a.failed = true
		return
	}
	a.buf = append(a.buf, '"')
	a.buf = append(a.buf, s...)
	a.buf = append(a.buf, '"')
}

// time writes what time.Time's MarshalJSON writes; AppendText is the same
// strict RFC 3339 and fails on the same times.
func (a *jsonAppender) time(t time.Time) {
	a.buf = append(a.buf, '"')
	b, err := t.AppendText(a.buf)
	if err != nil {
		a.failed = true
		return
	}
	a.buf = append(b, '"')
}

func (a *jsonAppender) uint64(n uint64) { a.buf = strconv.AppendUint(a.buf, n, 10) }

func (a *jsonAppender) int(n int) { a.buf = strconv.AppendInt(a.buf, int64(n), 10) }

// The field helpers below follow the struct tags: omitempty drops "" and
// 0, omitzero drops a zero time.

func (a *jsonAppender) stringField(name, s string) { a.key(name); a.string(s) }

func (a *jsonAppender) stringFieldOmitEmpty(name, s string) {
	if s != "" {
		a.stringField(name, s)
	}
}

func (a *jsonAppender) timeField(name string, t time.Time) { a.key(name); a.time(t) }

func (a *jsonAppender) timeFieldOmitZero(name string, t time.Time) {
	if !t.IsZero() {
		a.timeField(name, t)
	}
}

func (a *jsonAppender) intFieldOmitEmpty(name string, n int) {
	if n != 0 {
		a.key(name)
		a.int(n)
	}
}

// marshalsVerbatim reports whether encoding/json writes s between quotes
// unchanged: valid UTF-8 without quotes, backslashes, control characters,
// the HTML characters < > & or the JavaScript line separators U+2028 and
// U+2029, all of which Marshal escapes.
func marshalsVerbatim(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			continue
		}
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return false
		}
	}
	return ascii || utf8.ValidString(s) && !strings.ContainsAny(s, "\u2028\u2029")
}
