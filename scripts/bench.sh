#!/usr/bin/env bash
# Runs every benchmark once (core, store, ui, then the real app under Xvfb)
# and ends with one table: each figure beside its target and the limit
# measured in the same run, with the ratio (scripts/benchtable). A missed
# target is a MISS row, not a failure; the script fails only when a
# benchmark itself failed, after printing the table.
#
# Usage: scripts/bench.sh [output file, default bin/bench.txt]
set -uo pipefail
cd "$(dirname "$0")/.."
export LANG=${LANG:-en_US.UTF-8} CGO_ENABLED=1
out=${1:-bin/bench.txt}
mkdir -p "$(dirname "$out")"
: >"$out"
failed=0
step() {
	echo "== $*" | tee -a "$out"
	"$@" 2>&1 | tee -a "$out"
	[ "${PIPESTATUS[0]}" = 0 ] || { echo "FAILED: $*" | tee -a "$out"; failed=1; }
}
step go test -run '^$' -bench . -benchmem -timeout 30m -tags migrated_fynedo ./core/... ./store/...
step go test -run '^$' -bench . -benchtime 3x -timeout 30m -tags migrated_fynedo ./ui/
step scripts/measure-100k.sh
echo
echo "Benchmarks side by side with their limits (raw output: $out)"
go run ./scripts/benchtable -targets scripts/benchtable/targets.txt "$out" || failed=1
exit $failed
