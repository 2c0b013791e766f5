package main

import (
	"bufio"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Results holds each benchmark's metrics by unit: results["BenchmarkX"]["msg/s"].
type Results map[string]map[string]float64

var (
	// BenchmarkName-2   	       1	1234 ns/op	 56.7 msg/s
	resultLine = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?\s+(\d+)\s+(.*)$`)
	// A benchmark whose output (a log line, a child process writing to
	// stderr) came between its name and its figures prints them apart:
	// the name, maybe followed by that output, and the figures on a later
	// line of their own.
	nameFirst   = regexp.MustCompile(`^(Benchmark\S+?)(?:-\d+)?(?:\s|$)`)
	figuresOnly = regexp.MustCompile(`^\s*(\d+)\s+(-?[0-9.]+(?:e[-+]?\d+)?\s+\S+.*)$`)
)

// Parse reads `go test -bench` output (plain text; other lines are
// skipped). When a benchmark appears more than once, the last run wins.
func Parse(r io.Reader) (Results, error) {
	res := Results{}
	pending := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if m := resultLine.FindStringSubmatch(line); m != nil && addFigures(res, m[1], m[3]) {
			pending = ""
			continue
		}
		if m := nameFirst.FindStringSubmatch(line); m != nil {
			pending = m[1]
			continue
		}
		if m := figuresOnly.FindStringSubmatch(line); m != nil && pending != "" && addFigures(res, pending, m[2]) {
			pending = ""
		}
	}
	return res, sc.Err()
}

// addFigures reads "value unit" pairs; it reports false when the text is
// not a list of them (so it was not a result line after all).
func addFigures(res Results, name, text string) bool {
	f := strings.Fields(text)
	if len(f) < 2 || len(f)%2 != 0 {
		return false
	}
	metrics := map[string]float64{}
	for i := 0; i < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return false
		}
		metrics[f[i+1]] = v
	}
	res[name] = metrics
	return true
}
