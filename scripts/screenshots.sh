#!/usr/bin/env bash
# Screenshots of the real app in demo mode under Xvfb: events, registrants,
# headcount and settings. Writes ./screenshots/*.png and fails when a capture
# is missing or blank (an all-black capture is ~250 bytes).
#
# Usage: scripts/screenshots.sh [output-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-screenshots}
mkdir -p "$out"
export LANG=${LANG:-en_US.UTF-8}

bin=$(mktemp -d)/turnout
go build -tags migrated_fynedo -o "$bin" ./cmd/turnout

shoot() { # screen file [width height]
	local screen=$1 file=$2 w=${3:-1280} h=${4:-800} data pid
	data=$(mktemp -d)/demo.db
	TURNOUT_START_SCREEN=$screen W=$w H=$h xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
		"$0" --demo --data "$1" 2>"$1.log" &
		pid=$!
		# Wait for the window to map, then for it to draw.
		for i in $(seq 1 60); do
			xdotool search --name "^Turnout" >/dev/null 2>&1 && break
			sleep 0.5
		done
		xdotool search --name "^Turnout" windowmove 0 0 windowsize $W $H >/dev/null 2>&1 || true
		sleep 3; xdotool mousemove $((W-10)) $((H-10)); sleep 1
		import -window root "$2"
		kill $pid
		for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.25; done
		kill -9 $pid 2>/dev/null || true
	' "$bin" "$data" "$file"
	local size
	size=$(stat -c %s "$file" 2>/dev/null || echo 0)
	if [ "$size" -lt 20000 ]; then
		echo "screenshots: $file is only $size bytes; the window did not draw" >&2
		cat "$data.log" >&2 || true
		return 1
	fi
	echo "$file ($size bytes)"
}

shoot events "$out/events.png"
shoot registrants "$out/registrants.png"
shoot headcount "$out/headcount.png"
shoot settings "$out/settings.png"
shoot new-event "$out/event-editor.png"
# The dialogs at the smallest window checked (1024×700).
shoot add-account "$out/add-account.png" 1024 700
shoot email-preview "$out/email-preview.png" 1024 700
