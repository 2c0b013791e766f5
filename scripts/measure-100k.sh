#!/usr/bin/env bash
# Opens the demo with 100,000 extra registrants in one event under Xvfb and
# reports how long the registrants screen takes to show them and how much
# memory Turnout uses (targets: under 1 s, under 300 MB). The last line is
# in `go test -bench` form so that scripts/benchtable can read it.
#
# Usage: scripts/measure-100k.sh [registrants]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
export LANG=${LANG:-en_US.UTF-8}
work=$(mktemp -d)
bin=$work/turnout
data=$work/demo.db
go build -tags migrated_fynedo -o "$bin" ./cmd/turnout

# Turnout logs to turnout.log beside the data file; stderr goes to logfile.
log=$work/turnout.log

run() { # start-screen logfile
	TURNOUT_START_SCREEN=$1 xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
		start=$(date +%s%N)
		: >"$5"
		"$0" --demo --demo-registrants "$1" --data "$2" 2>"$3" &
		pid=$!
		for i in $(seq 1 1200); do
			grep -q "events shown\|background work started" "$5" 2>/dev/null && [ "$4" != registrants ] && break
			grep -q "registrants shown" "$5" 2>/dev/null && break
			sleep 0.05
		done
		shown=$(date +%s%N)
		echo "process start to screen: $(( (shown - start) / 1000000 )) ms" | tee -a "$6"
		sleep 1
		grep VmRSS /proc/$pid/status
		if [ "$4" = registrants ]; then
			# Scroll through the table with the mouse wheel.
			xdotool mousemove 700 500
			t0=$(date +%s%N)
			xdotool click --repeat 300 --delay 5 5
			t1=$(date +%s%N)
			echo "300 wheel steps (5 ms apart): $(( (t1 - t0) / 1000000 )) ms"
			sleep 1
		fi
		grep -E "VmRSS|VmHWM|RssAnon|RssFile" /proc/$pid/status | tee -a "$6"
		kill $pid
		for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.25; done
		kill -9 $pid 2>/dev/null || true
	' "$bin" "$n" "$data" "$2" "$1" "$log" "$3"
}

echo "== seeding $n registrants (first start)"
t0=$(date +%s)
run events "$work/seed.log" "$work/seed.figures"
echo "seeding and first start took $(( $(date +%s) - t0 )) s; data file $(du -h "$data" | cut -f1)"
echo "== opening the registrants screen"
run registrants "$work/open.log" "$work/open.figures"
grep "registrants shown" "$log"
# The screen's own time (from the log), process start to screen, and the
# process's peak resident memory (VmHWM, kB) while showing and scrolling.
shown_ms=$(grep "registrants shown" "$log" | tail -1 | grep -o ' ms=[0-9]*' | cut -d= -f2 || true)
start_ms=$(grep "process start to screen" "$work/open.figures" | grep -o '[0-9]*' | head -1 || true)
hwm_kb=$(grep VmHWM "$work/open.figures" | tail -1 | grep -o '[0-9]*' || true)
if [ -n "$shown_ms" ] && [ -n "$start_ms" ] && [ -n "$hwm_kb" ]; then
	printf 'BenchmarkAppRegistrants100k\t1\t%s ms/shown\t%s ms-process-to-screen\t%s MB-peak-rss\n' \
		"$shown_ms" "$start_ms" "$((hwm_kb / 1024))"
else
	echo "The registrants screen did not show, so there are no figures; run this script alone to see why." >&2
fi
rm -rf "$work"
