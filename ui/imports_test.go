package ui

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// forbiddenForScreens are the packages screens must not reach past the
// core services: the engine itself and the adapters.
var forbiddenForScreens = []string{
	"github.com/turnout-app/turnout/core/engine",
	"github.com/turnout-app/turnout/core/mail",
	"github.com/turnout-app/turnout/core/export",
	"github.com/turnout-app/turnout/core/track",
	"github.com/turnout-app/turnout/core/oauth",
	"github.com/turnout-app/turnout/core/provider",
	"github.com/turnout-app/turnout/store",
}

// TestScreensUseOnlyCoreServices keeps the screens on core's interfaces:
// no screen file imports the engine, an adapter or the store.
func TestScreensUseOnlyCoreServices(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			for _, bad := range forbiddenForScreens {
				if path == bad || strings.HasPrefix(path, bad+"/") {
					t.Errorf("%s imports %s; take a core service instead", name, path)
				}
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d screen files found; the test looks in the wrong folder", checked)
	}
}

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
