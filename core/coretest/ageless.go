package coretest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
)

// calendarLiteral matches a date written into a string: 2026-12-01,
// 12/01/2026, "1 Dec 2026".
var calendarLiteral = regexp.MustCompile(`\b(19|20)\d\d-[01]\d-[0-3]\d\b|\b[01]\d/[0-3]\d/(19|20)\d\d\b|\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (19|20)\d\d\b`)

// DatedLine is a calendar date written into a test that runs on the real
// clock: the test passes today and fails once that date is behind us.
type DatedLine struct {
	File string
	Line int
	Text string
}

// RealClockDates parses one Go test file and returns the calendar dates
// written into it when the file runs code on the real clock: when
// realClock is true (the command line, which always uses the real clock),
// or when the file builds an engine without an injected clock
// (engine.New without engine.WithClock). Dates in files that inject a
// clock are data and are not reported.
func RealClockDates(filename string, src []byte, realClock bool) ([]DatedLine, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filename, src, 0)
	if err != nil {
		return nil, err
	}
	if !realClock && !buildsEngineOnRealClock(f) {
		return nil, nil
	}
	var found []DatedLine
	report := func(n ast.Node, text string) {
		found = append(found, DatedLine{File: filename, Line: fset.Position(n.Pos()).Line, Text: text})
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				break
			}
			for _, date := range calendarLiteral.FindAllString(n.Value, -1) {
				// 2006 is the year of Go's layout strings ("2006-01-02").
				if !strings.Contains(date, "2006") {
					report(n, date)
					break
				}
			}
		case *ast.CallExpr:
			if isCall(n, "time", "Date") && len(n.Args) > 0 {
				if lit, ok := n.Args[0].(*ast.BasicLit); ok && lit.Kind == token.INT {
					if year, _ := strconv.Atoi(lit.Value); year >= 1900 {
						report(n, "time.Date("+lit.Value+", …)")
					}
				}
			}
		}
		return true
	})
	return found, nil
}

// buildsEngineOnRealClock tells whether a call engine.New(...) in the file
// passes no engine.WithClock option.
func buildsEngineOnRealClock(f *ast.File) bool {
	real := false
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !isCall(call, "engine", "New") {
			return true
		}
		withClock := false
		for _, arg := range call.Args[1:] {
			ast.Inspect(arg, func(m ast.Node) bool {
				if c, ok := m.(*ast.CallExpr); ok && isCall(c, "engine", "WithClock") {
					withClock = true
				}
				return true
			})
		}
		// A call that spreads a slice of options (opts...) cannot be
		// seen into here; it is trusted.
		if !withClock && !call.Ellipsis.IsValid() {
			real = true
		}
		return true
	})
	return real
}

func isCall(call *ast.CallExpr, pkg, name string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != name {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg
}
