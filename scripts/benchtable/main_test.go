package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sampleOutput = `goos: linux
goarch: amd64
pkg: github.com/turnout-app/turnout/core/engine
cpu: Some CPU
BenchmarkReminders5000-2   	       1	27000000000 ns/op	       172.5 ceiling-msg/s	       160.0 msg/s
BenchmarkClickEndpoint-2
time=2026-01-01T00:00:00Z level=INFO msg="a log line between name and figures"
    5000	    250000 ns/op	         4.20 bare-p99-ms	      9000 bare-redirects/s	   3.50 p99-ms	      4000 redirects/s
BenchmarkReport100k-2      	      10	  90000000 ns/op	        55.00 heap-MB
BenchmarkOpenRegistrants100k-2     	2026/12/02 01:04:43 INFO registrants shown event=1 count=100064 ms=1536
2026/12/02 01:04:46 INFO registrants shown event=1 count=100064 ms=2091
       3	2330347938 ns/op	       255.5 MB-heap	      2330 ms/open
PASS
ok  	github.com/turnout-app/turnout/core/engine	60.1s
BenchmarkReport100k-2      	      12	  80000000 ns/op	        50.00 heap-MB	 0.080 s/report	 0.020 scan-only-s
`

func TestParseReadsFiguresEvenWhenOutputSplitsTheLine(t *testing.T) {
	res, err := Parse(strings.NewReader(sampleOutput))
	if err != nil {
		t.Fatal(err)
	}
	if got := res["BenchmarkReminders5000"]["ceiling-msg/s"]; got != 172.5 {
		t.Errorf("ceiling = %v, want 172.5", got)
	}
	if got := res["BenchmarkClickEndpoint"]["redirects/s"]; got != 4000 {
		t.Errorf("redirects/s = %v, want 4000 (figures printed on the line after the name)", got)
	}
	if got := res["BenchmarkOpenRegistrants100k"]["ms/open"]; got != 2330 {
		t.Errorf("ms/open = %v, want 2330 (a log line followed the name)", got)
	}
	if got := res["BenchmarkReport100k"]["s/report"]; got != 0.08 {
		t.Errorf("s/report = %v, want 0.08 from the last run", got)
	}
	if _, ok := res["BenchmarkReport100k-2"]; ok {
		t.Error("the -GOMAXPROCS suffix was kept in the name")
	}
}

func TestReadTargetsRejectsRowsItCannotCompare(t *testing.T) {
	for _, bad := range []string{
		"Reminders | BenchmarkReminders5000 msg/s | 200",          // no direction
		"Reminders | BenchmarkReminders5000 | >= 200",             // no unit
		"Reminders | BenchmarkReminders5000 msg/s | >= lots",      // no number
		"Reminders | msg/s BenchmarkReminders5000 | >= 200",       // swapped
		"Reminders | BenchmarkReminders5000 msg/s | >= 200 | x y", // limit not a benchmark
		"just a figure",
	} {
		if _, err := ReadTargets(strings.NewReader(bad)); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

func TestRowsCompareFigureTargetAndLimit(t *testing.T) {
	targets, err := ReadTargets(strings.NewReader(`
# comment
Reminders | BenchmarkReminders5000 msg/s | >= 200 | BenchmarkReminders5000 ceiling-msg/s | go-simple-mail alone
Clicks p99 | BenchmarkClickEndpoint p99-ms | <= 50 | BenchmarkClickEndpoint bare-p99-ms | bare net/http
Report | BenchmarkReport100k s/report | <= 0.2 | BenchmarkReport100k scan-only-s
Import | BenchmarkImport100k s/import | <= 2
Clicks | BenchmarkClickEndpoint redirects/s | - | BenchmarkClickEndpoint bare-redirects/s
`))
	if err != nil {
		t.Fatal(err)
	}
	res, _ := Parse(strings.NewReader(sampleOutput))
	rows := Rows(targets, res)
	if len(rows) != 5 {
		t.Fatalf("%d rows, want 5", len(rows))
	}
	want := []Row{
		{"Reminders", "160 msg/s", ">= 200 msg/s", "172 msg/s (go-simple-mail alone)", "0.93", "MISS; limit misses too"},
		{"Clicks p99", "3.50 p99-ms", "<= 50.0 p99-ms", "4.20 p99-ms (bare net/http)", "0.83", "PASS"},
		{"Report", "0.080 s/report", "<= 0.200 s/report", "0.020 scan-only-s", "4.00", "PASS"},
		{"Import", "no result", "<= 2.00 s/import", "-", "-", "NOT RUN"},
		{"Clicks", "4000 redirects/s", "none set", "9000 redirects/s", "0.44", "REPORT"},
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, rows[i], want[i])
		}
	}
}

func TestRunPrintsOneAlignedTable(t *testing.T) {
	dir := t.TempDir()
	targets := filepath.Join(dir, "targets.txt")
	out := filepath.Join(dir, "bench.txt")
	os.WriteFile(targets, []byte("Reminders | BenchmarkReminders5000 msg/s | >= 150 | BenchmarkReminders5000 ceiling-msg/s\n"), 0o644)
	os.WriteFile(out, []byte(sampleOutput), 0o644)
	var buf bytes.Buffer
	if err := run(targets, []string{out}, &buf); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want header, rule and one row:\n%s", len(lines), buf.String())
	}
	for _, l := range lines[1:] {
		if len(l) != len(lines[0]) {
			t.Errorf("columns not aligned:\n%s", buf.String())
		}
	}
	if !strings.Contains(lines[2], "| PASS") || !strings.Contains(lines[2], "| 0.93") {
		t.Errorf("row: %s", lines[2])
	}
	if err := run(filepath.Join(dir, "missing.txt"), []string{out}, &buf); err == nil {
		t.Error("a missing targets file was not reported")
	}
}

func TestNumKeepsSmallFiguresReadable(t *testing.T) {
	for v, want := range map[float64]string{
		0.0001093: "0.000109", 0.08: "0.080", 1.5: "1.50", 74.54: "74.5", 5085.4: "5085", 0: "0.000",
	} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}
