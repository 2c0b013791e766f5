package cli

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// wiringFiles build the engine and its adapters; every other file holds
// commands, which see only core services.
var wiringFiles = map[string]bool{"global.go": true, "providers.go": true, "connect.go": true, "secrets.go": true}

// TestCommandsUseOnlyCoreServices keeps commands on core's interfaces:
// outside the wiring files nothing imports the engine or an adapter.
func TestCommandsUseOnlyCoreServices(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || wiringFiles[name] {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/turnout-app/turnout/core/") {
				t.Errorf("%s imports %s; a command takes core services, only wiring builds the engine", name, path)
			}
		}
	}
	if checked < 5 {
		t.Fatalf("only %d command files found; the test looks in the wrong folder", checked)
	}
}
