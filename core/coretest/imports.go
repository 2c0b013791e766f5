package coretest

import (
	"fmt"
	"slices"
	"strings"
)

// Module is Turnout's module path.
const Module = "github.com/turnout-app/turnout"

// Package is one package of the module and what its non-test files import,
// as `go list` reports them.
type Package struct {
	Path    string // full import path
	Imports []string
}

// Libraries are packages several adapters share; they import no adapter.
var Libraries = map[string]bool{
	"core/coretest":              true,
	"core/coretest/openapicheck": true, // test support: the adapters' OpenAPI contract checker
	"core/csvfile":               true,
	"core/granttoken":            true, // the cached token of a grant without a person (Zoom S2S, RingCentral JWT)
	"core/oauthsandbox":          true, // what the sign-in emulators share (consent follower, PKCE, redirects)
}

// Part names the part of the house a package belongs to: "core", "engine",
// "library", "adapter:<name>" (core/provider/zoom/... is
// "adapter:provider/zoom"; an adapter's subpackages, such as its emulator,
// are the same adapter), "store", "ui", "cmd", "assets", or "outside" for
// anything not in the module.
func Part(path string) string {
	rel, ok := strings.CutPrefix(path, Module)
	if !ok {
		return "outside"
	}
	rel = strings.TrimPrefix(rel, "/")
	first, rest, _ := strings.Cut(rel, "/")
	switch {
	case rel == "core":
		return "core"
	case rel == "core/engine" || strings.HasPrefix(rel, "core/engine/"):
		return "engine"
	case Libraries[rel]:
		return "library"
	case first == "core":
		parts := strings.Split(rest, "/")
		if parts[0] == "provider" && len(parts) > 1 {
			return "adapter:provider/" + parts[1]
		}
		return "adapter:" + parts[0]
	case first == "store", first == "ui", first == "cmd", first == "assets", first == "scripts":
		return first
	}
	return "module"
}

// allowed lists, for each kind of part, the kinds of part it may import
// besides its own subpackages ("adapter" means any adapter).
var allowed = map[string][]string{
	"core":    {},
	"library": {"core"},
	"adapter": {"core", "library", "assets"},
	"engine":  {"core", "library", "adapter"},
	"store":   {"core", "library"},
	"ui":      {"core", "library", "assets"},
	"assets":  {},
	"cmd":     {"core", "library", "adapter", "engine", "store", "ui", "assets"},
	"scripts": {"core", "library", "adapter", "engine", "store", "ui", "assets", "cmd"},
}

// outsideOnly names the outside packages only some parts may import: the
// embedded database is the store's, the toolkit the screens', the system
// browser the command's.
var outsideOnly = map[string][]string{
	"go.etcd.io/bbolt":       {"store"},
	"fyne.io/fyne/v2":        {"ui", "cmd", "assets"},
	"github.com/pkg/browser": {"cmd"},
}

// CheckImports returns one line per import that breaks the house rules
// (ARCHITECTURE.md).
func CheckImports(pkgs []Package) []string {
	var broken []string
	for _, p := range pkgs {
		from := Part(p.Path)
		kind, _, _ := strings.Cut(from, ":")
		for _, imp := range p.Imports {
			if msg := checkImport(from, kind, imp); msg != "" {
				broken = append(broken, fmt.Sprintf("%s imports %s: %s", strings.TrimPrefix(p.Path, Module+"/"), imp, msg))
			}
		}
	}
	return broken
}

func checkImport(from, kind, imp string) string {
	to := Part(imp)
	if to == "outside" {
		for prefix, parts := range outsideOnly {
			if (imp == prefix || strings.HasPrefix(imp, prefix+"/")) && !slices.Contains(parts, kind) {
				return "only " + strings.Join(parts, ", ") + " may use " + prefix
			}
		}
		if from == "core" && strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") {
			return "core holds the domain and uses the standard library only"
		}
		return ""
	}
	if to == from {
		return "" // a part's own subpackages: an adapter's emulator, cmd's cli
	}
	toKind, _, _ := strings.Cut(to, ":")
	if kind == "engine" && strings.HasPrefix(to, "adapter:provider/") {
		return "the engine reaches providers through the registry (core.Register), never by name"
	}
	if slices.Contains(allowed[kind], toKind) {
		return ""
	}
	if kind == "adapter" && toKind == "adapter" {
		return "adapters never import each other; put what they share in core or a library"
	}
	return kind + " may not import " + toKind
}
