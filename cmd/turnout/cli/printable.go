package cli

import (
	"fmt"
	"strings"
	"unicode"
)

// printable shows the control characters in text for a terminal as
// escapes (\x1b, \u202e): a name stored before Turnout removed them, or
// one from a provider, must not recolour, move the cursor or reverse the
// text in staff's terminal. Line breaks and tabs are the listing's own.
func printable(s string) string { return escapeControls(s, false) }

// printableJSON is printable for JSON output: encoding/json already
// escapes C0 controls but passes DEL, C1 controls and direction overrides
// through; they can only stand inside strings, where \u escapes are JSON.
func printableJSON(s string) string { return escapeControls(s, true) }

func escapeControls(s string, json bool) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case !unsafeRune(r):
			b.WriteRune(r)
		case r < 0x80 && !json:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
