package store

// The hand-written registrant codec that store/registrant_codec.go
// replaced, kept unchanged (but for its entry points' names) so that
// BenchmarkRegistrantCodec100k measures it beside the codec in use. Not
// used by the store; when core.Registrant changes it falls back to
// encoding/json and the benchmark skips it.

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// jsonScanner reads the compact JSON that encoding/json writes, for the
// hot records whose decoding dominates a report (see decodeRegistrant).
// It understands only the plain forms Marshal produces for our types:
// strings without escapes, integers, RFC 3339 times, nested objects. On
// anything else it gives up (failed is set) and the caller decodes the
// value with encoding/json instead, so it never has to be complete to be
// correct.
type jsonScanner struct {
	data   []byte
	i      int
	failed bool
}

func (s *jsonScanner) fail() {
	s.failed = true
	s.i = len(s.data)
}

func (s *jsonScanner) skipSpace() {
	// Marshal writes no space: one comparison decides the common case.
	for s.i < len(s.data) && s.data[s.i] <= ' ' {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *jsonScanner) expect(c byte) {
	s.skipSpace()
	if s.i < len(s.data) && s.data[s.i] == c {
		s.i++
		return
	}
	s.fail()
}

// nextField moves to the next key of an object opened with expect('{')
// and returns it with the colon consumed; ok is false at the closing brace
// or on failure.
//
//	s.expect('{')
//	for first := true; ; first = false {
//		key, ok := s.nextField(first)
//		if !ok { break }
//		switch string(key) { … decode the value … }
//	}
func (s *jsonScanner) nextField(first bool) (key []byte, ok bool) {
	s.skipSpace()
	if s.i < len(s.data) && s.data[s.i] == '}' {
		s.i++
		return nil, false
	}
	if !first {
		s.expect(',')
	}
	key = s.rawString()
	s.expect(':')
	return key, !s.failed
}

// end checks that nothing but space follows the top-level value.
func (s *jsonScanner) end() {
	s.skipSpace()
	if s.i != len(s.data) {
		s.fail()
	}
}

// rawString returns the bytes between the quotes of a string that needs
// no unescaping.
func (s *jsonScanner) rawString() []byte {
	s.skipSpace()
	if s.i >= len(s.data) || s.data[s.i] != '"' {
		s.fail()
		return nil
	}
	start := s.i + 1
	j := start
	for j < len(s.data) && plainStringByte[s.data[j]] {
		j++
	}
	if j == len(s.data) || s.data[j] != '"' {
		s.fail() // an escape, a control character or no closing quote
		return nil
	}
	s.i = j + 1
	return s.data[start:j]
}

// plainStringByte tells the bytes that stand for themselves inside a JSON
// string: all but the quote, the backslash and control characters.
var plainStringByte = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// string copies a string value, so it outlives the bbolt page it was read
// from. Invalid UTF-8 is left to encoding/json, which replaces it.
func (s *jsonScanner) string() string {
	b := s.rawString()
	if s.failed || !utf8.Valid(b) {
		s.fail()
		return ""
	}
	return string(b)
}

// time decodes a time with time.Time's own UnmarshalJSON, as encoding/json
// would.
func (s *jsonScanner) time() time.Time {
	s.skipSpace()
	start := s.i
	s.rawString()
	var t time.Time
	if s.failed || t.UnmarshalJSON(s.data[start:s.i]) != nil {
		s.fail()
	}
	return t
}

// number returns an integer token: digits with an optional minus sign and
// no leading zero. Fractions and exponents are left to encoding/json.
func (s *jsonScanner) number() []byte {
	s.skipSpace()
	start := s.i
	if s.i < len(s.data) && s.data[s.i] == '-' {
		s.i++
	}
	digits := s.i
	for s.i < len(s.data) && '0' <= s.data[s.i] && s.data[s.i] <= '9' {
		s.i++
	}
	if n := s.i - digits; n == 0 || (n > 1 && s.data[digits] == '0') {
		s.fail()
		return nil
	}
	return s.data[start:s.i]
}

func (s *jsonScanner) uint64() uint64 {
	tok := s.number()
	n, err := strconv.ParseUint(string(tok), 10, 64)
	if s.failed || err != nil {
		s.fail()
	}
	return n
}

func (s *jsonScanner) int() int {
	tok := s.number()
	n, err := strconv.ParseInt(string(tok), 10, strconv.IntSize)
	if s.failed || err != nil {
		s.fail()
	}
	return int(n)
}
