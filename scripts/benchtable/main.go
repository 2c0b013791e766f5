// Command benchtable prints the benchmark figures of one `make bench` run
// beside their targets and the limits measured in the same run (the same
// work done by the library or server alone), with the ratio between them.
// A missed target is a row that says MISS, not a failure: the table is a
// report. It exits non-zero only when its inputs cannot be read.
//
//	go run ./scripts/benchtable -targets scripts/benchtable/targets.txt bench.txt...
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

func main() {
	targetsFile := flag.String("targets", "scripts/benchtable/targets.txt", "the targets list")
	flag.Parse()
	if err := run(*targetsFile, flag.Args(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(2)
	}
}

func run(targetsFile string, outputs []string, w io.Writer) error {
	tf, err := os.Open(targetsFile)
	if err != nil {
		return err
	}
	defer tf.Close()
	targets, err := ReadTargets(tf)
	if err != nil {
		return err
	}
	all := Results{}
	for _, name := range outputs {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		res, err := Parse(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		for k, v := range res {
			all[k] = v
		}
	}
	Print(w, Rows(targets, all))
	return nil
}

// Row is one printed line of the table.
type Row struct {
	Figure, Measured, Target, Limit, Ratio, Result string
}

// Rows compares each target with the results.
func Rows(targets []Target, res Results) []Row {
	var rows []Row
	for _, t := range targets {
		op := "<="
		if t.AtLeast {
			op = ">="
		}
		r := Row{Figure: t.Figure, Target: op + " " + num(t.Value) + " " + t.Metric.Unit, Limit: "-", Ratio: "-"}
		if t.NoTarget {
			r.Target = "none set"
		}
		v, ok := lookup(res, t.Metric)
		if !ok {
			r.Measured, r.Result = "no result", "NOT RUN"
			rows = append(rows, r)
			continue
		}
		r.Measured = num(v) + " " + t.Metric.Unit
		switch {
		case t.NoTarget:
			r.Result = "REPORT"
		case t.Met(v):
			r.Result = "PASS"
		default:
			r.Result = "MISS"
		}
		if t.Limit != nil {
			lv, ok := lookup(res, *t.Limit)
			switch {
			case !ok:
				r.Limit = "no result"
			default:
				r.Limit = num(lv) + " " + unitOf(*t.Limit, t.Metric)
				if t.LimitIs != "" {
					r.Limit += " (" + t.LimitIs + ")"
				}
				if lv != 0 {
					r.Ratio = strconv.FormatFloat(v/lv, 'f', 2, 64)
				}
				if !t.NoTarget && !t.Met(lv) {
					r.Result += "; limit misses too"
				}
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// unitOf is the limit's unit as a reader expects it: the figure's own
// unit when the limit is the same quantity under a prefixed name
// (ceiling-msg/s is in msg/s).
func unitOf(limit, figure Metric) string {
	if strings.HasSuffix(limit.Unit, "-"+figure.Unit) {
		return figure.Unit
	}
	return limit.Unit
}

func lookup(res Results, m Metric) (float64, bool) {
	v, ok := res[m.Bench][m.Unit]
	return v, ok
}

// num prints a figure with the precision that matters at its size.
func num(v float64) string {
	a := v
	if a < 0 {
		a = -a
	}
	switch {
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	case a >= 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case a >= 0.01 || a == 0:
		return strconv.FormatFloat(v, 'f', 3, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64) // 0.000109, not 0.000
}

// Print writes the rows as an aligned Markdown table.
func Print(w io.Writer, rows []Row) {
	head := Row{"figure", "measured", "target", "limit (same run)", "figure/limit", "result"}
	cells := func(r Row) []string { return []string{r.Figure, r.Measured, r.Target, r.Limit, r.Ratio, r.Result} }
	width := make([]int, 6)
	for _, r := range append([]Row{head}, rows...) {
		for i, c := range cells(r) {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(cs []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range cs {
			b.WriteString(" " + c + strings.Repeat(" ", width[i]-len([]rune(c))) + " |")
		}
		fmt.Fprintln(w, b.String())
	}
	line(cells(head))
	dashes := make([]string, 6)
	for i := range dashes {
		dashes[i] = strings.Repeat("-", width[i])
	}
	line(dashes)
	for _, r := range rows {
		line(cells(r))
	}
}
