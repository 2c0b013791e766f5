package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Metric names one figure of one benchmark: BenchmarkReminders5000 msg/s.
type Metric struct {
	Bench, Unit string
}

func (m Metric) String() string { return m.Bench + " " + m.Unit }

// Target is one row of the table: a figure, the value it must reach, and
// optionally the limit measured in the same run that it is compared to.
type Target struct {
	Figure string
	Metric Metric
	// AtLeast: the figure must be >= Value (a rate); otherwise <= Value
	// (a time or a size).
	AtLeast bool
	Value   float64
	// NoTarget: the figure is shown beside its limit without a target
	// (no issue names one).
	NoTarget bool
	Limit    *Metric // nil: no limit measured for this figure
	// LimitIs says what the limit is, in a few words.
	LimitIs string
}

// Met reports whether v reaches the target.
func (t Target) Met(v float64) bool {
	if t.NoTarget {
		return true
	}
	if t.AtLeast {
		return v >= t.Value
	}
	return v <= t.Value
}

// ReadTargets reads the targets list: one row per line,
//
//	figure | Benchmark unit | >= or <= value, or - | limit Benchmark unit or - | what the limit is
//
// Blank lines and lines starting with # are skipped.
func ReadTargets(r io.Reader) ([]Target, error) {
	var ts []Target
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		t, err := parseTarget(line)
		if err != nil {
			return nil, fmt.Errorf("targets line %d: %w", n, err)
		}
		ts = append(ts, t)
	}
	return ts, sc.Err()
}

func parseTarget(line string) (Target, error) {
	cols := strings.Split(line, "|")
	for i := range cols {
		cols[i] = strings.TrimSpace(cols[i])
	}
	if len(cols) < 3 || len(cols) > 5 {
		return Target{}, fmt.Errorf("want 3 to 5 columns separated by |, got %d", len(cols))
	}
	t := Target{Figure: cols[0]}
	var err error
	if t.Metric, err = parseMetric(cols[1]); err != nil {
		return Target{}, err
	}
	op, num, _ := strings.Cut(cols[2], " ")
	switch op {
	case "-":
		t.NoTarget = true
	case ">=":
		t.AtLeast = true
	case "<=":
	default:
		return Target{}, fmt.Errorf("target %q must start with >= or <=", cols[2])
	}
	if t.Value, err = strconv.ParseFloat(strings.TrimSpace(num), 64); err != nil && !t.NoTarget {
		return Target{}, fmt.Errorf("target %q: %v", cols[2], err)
	}
	if len(cols) >= 4 && cols[3] != "-" && cols[3] != "" {
		m, err := parseMetric(cols[3])
		if err != nil {
			return Target{}, err
		}
		t.Limit = &m
	}
	if len(cols) == 5 {
		t.LimitIs = cols[4]
	}
	return t, nil
}

func parseMetric(s string) (Metric, error) {
	f := strings.Fields(s)
	if len(f) != 2 || !strings.HasPrefix(f[0], "Benchmark") {
		return Metric{}, fmt.Errorf("%q is not \"BenchmarkName unit\"", s)
	}
	return Metric{Bench: f[0], Unit: f[1]}, nil
}
