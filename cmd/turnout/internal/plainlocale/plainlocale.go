// Package plainlocale keeps Fyne's locale lookup quiet on machines whose
// locale is the C locale with an encoding (LANG=C.UTF-8, common on
// servers and in containers): Fyne takes "C" for a language, fails to
// parse it and prints a three-line error before any output. Turnout is
// in English, so English is what that locale means here.
//
// Fyne looks the locale up while its packages initialise, before main
// runs, so this is done in init. Go initialises the ready package with
// the smallest import path first; this one needs only os and strings and
// its path sorts before golang.org/x/text, which Fyne's lookup needs, so
// it always runs first. The blank import in cmd/turnout/main.go is all
// it takes.
package plainlocale

import (
	"os"
	"strings"
)

func init() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		loc := os.Getenv(v)
		if loc == "" {
			continue
		}
		if (strings.HasPrefix(loc, "C.") || strings.HasPrefix(loc, "POSIX.")) && os.Getenv("LANGUAGE") == "" {
			os.Setenv("LANGUAGE", "en")
		}
		return
	}
}
