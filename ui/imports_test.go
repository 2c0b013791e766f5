package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// That no screen imports the engine, an adapter or the store is one of the
// house rules checked for every package in core/coretest.

// TestScreensDoNotReachAllServices: a screen's constructor picks its
// services from the App once; its methods use those fields, never the
// App's full set (s.app.svc).
func TestScreensDoNotReachAllServices(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	reach := regexp.MustCompile(`\.app\.svc\b`)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if loc := reach.FindIndex(src); loc != nil {
			line := 1 + strings.Count(string(src[:loc[0]]), "\n")
			t.Errorf("%s:%d reaches every service through the App; give the screen a field for the one it uses", name, line)
		}
	}
}
