package coretest_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core/coretest"
)

// TestTheHouseKeepsItsImportRules checks every package of the module against
// the rules of ARCHITECTURE.md, from what `go list` says it imports.
func TestTheHouseKeepsItsImportRules(t *testing.T) {
	cmd := exec.Command("go", "list", "-tags", "migrated_fynedo", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./...")
	cmd.Dir = moduleRoot(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []coretest.Package
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkgs = append(pkgs, coretest.Package{Path: fields[0], Imports: fields[1:]})
	}
	if len(pkgs) < 10 {
		t.Fatalf("go list found %d packages", len(pkgs))
	}
	for _, msg := range coretest.CheckImports(pkgs) {
		t.Error(msg)
	}
}

func TestImportRulesRefuseWhatTheyShould(t *testing.T) {
	m := coretest.Module + "/"
	tests := []struct {
		name    string
		from    string
		imports string
		refused bool
	}{
		{"a screen imports an adapter", "ui", "core/mail", true},
		{"a screen imports the store", "ui", "store", true},
		{"a screen imports the toolkit", "ui", "fyne.io/fyne/v2/widget", false},
		{"an adapter imports another", "core/provider/zoom", "core/oauth", true},
		{"an emulator imports its adapter", "core/provider/zoom/zoomfake", "core/provider/zoom", false},
		{"an adapter imports a library", "core/csvimport", "core/csvfile", false},
		{"an adapter imports the contract checker", "core/provider/zoom", "core/coretest/openapicheck", false},
		{"an emulator imports the sign-in emulators' library", "core/mail/mailoauthfake", "core/oauthsandbox", false},
		{"the contract checker imports an adapter", "core/coretest/openapicheck", "core/provider/zoom", true},
		{"an adapter imports the engine", "core/mail", "core/engine", true},
		{"core imports a third party", "core", "github.com/xhit/go-simple-mail/v2", true},
		{"core imports the standard library", "core", "net/http", false},
		{"core imports an adapter", "core", "core/mail", true},
		{"the engine opens bbolt", "core/engine", "go.etcd.io/bbolt", true},
		{"the store opens bbolt", "store", "go.etcd.io/bbolt", false},
		{"an adapter opens the browser", "core/oauth", "github.com/pkg/browser", true},
		{"the store imports the engine", "store", "core/engine", true},
		{"the command wires everything", "cmd/turnout/cli", "store", false},
		{"the engine names a provider", "core/engine", "core/provider/zoom", true},
		{"the engine uses the mail adapter", "core/engine", "core/mail", false},
		{"a screen imports the engine", "ui", "core/engine", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp := tt.imports
			if first, _, _ := strings.Cut(imp, "/"); first == "core" || first == "ui" || first == "store" {
				imp = m + imp
			}
			got := coretest.CheckImports([]coretest.Package{{Path: m + tt.from, Imports: []string{imp}}})
			if refused := len(got) > 0; refused != tt.refused {
				t.Fatalf("refused = %v (%v), want %v", refused, got, tt.refused)
			}
		})
	}
}
