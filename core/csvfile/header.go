package csvfile

import (
	"fmt"
	"strings"
	"unicode"
)

// HeaderKey reduces a column heading to lower-case letters and digits, so
// that "Join Time", "join_time", " JOIN-TIME " and "\uFEFFJoin time" all
// become "jointime" and one entry covers every spelling of case, spacing,
// punctuation and a stray byte order mark.
func HeaderKey(heading string) string {
	var b strings.Builder
	b.Grow(len(heading))
	for _, r := range heading {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r < 0x80:
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Note returns the key of a heading's annotation in trailing brackets: "utc"
// for "JOIN TIME (UTC)", "minutes" for "Duration [minutes]", "" for none.
func Note(heading string) string {
	_, note := splitNote(heading)
	return HeaderKey(note)
}

func splitNote(heading string) (base, note string) {
	h := strings.TrimSpace(heading)
	if h == "" {
		return h, ""
	}
	var open byte
	switch h[len(h)-1] {
	case ')':
		open = '('
	case ']':
		open = '['
	default:
		return h, ""
	}
	i := strings.LastIndexByte(h, open)
	if i <= 0 {
		return h, ""
	}
	return h[:i], h[i+1 : len(h)-1]
}

// Headings recognises the column headings of one kind of file.
type Headings[T any] struct{ byKey map[string]T }

// NewHeadings builds Headings from headings written any way HeaderKey
// accepts. Two spellings of one key that mean different things are a
// programming error and panic at start-up.
func NewHeadings[T comparable](names map[string]T) Headings[T] {
	byKey := make(map[string]T, len(names))
	for name, v := range names {
		key := HeaderKey(name)
		if old, dup := byKey[key]; dup && old != v {
			panic(fmt.Sprintf("csvfile: heading %q means both %v and %v", name, old, v))
		}
		byKey[key] = v
	}
	return Headings[T]{byKey: byKey}
}

// Lookup tells what a heading in a file means. A heading that is not
// known as written is tried again without its note in trailing brackets,
// so "Join Time (UTC)" is read as "Join Time" and "Email (work)" as
// "Email", while "Duration (seconds)" can still mean something else than
// "Duration (minutes)".
func (h Headings[T]) Lookup(heading string) (T, bool) {
	if v, ok := h.byKey[HeaderKey(heading)]; ok {
		return v, true
	}
	if base, note := splitNote(heading); note != "" {
		v, ok := h.byKey[HeaderKey(base)]
		return v, ok
	}
	var zero T
	return zero, false
}
