#!/usr/bin/env bash
# Screenshots of the real app in demo mode under Xvfb: the screens at
# 1280×800, then every screen and dialog (each start scene of
# ui/start_scenes.go) at the smallest window checked, 1024×700. Writes
# ./screenshots/*.png and fails when a capture is missing or blank (an
# all-black capture is ~250 bytes).
#
# Usage: scripts/screenshots.sh [output-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-screenshots}
mkdir -p "$out"
export LANG=${LANG:-en_US.UTF-8}

bin=$(mktemp -d)/turnout
go build -tags migrated_fynedo -o "$bin" ./cmd/turnout

# One X server for every shot: starting one per shot cost seconds each.
# A display whose server does not answer (a socket left by another run, a
# server that died starting) is passed over for the next free number.
xvfb=
trap '[ -z "$xvfb" ] || kill $xvfb 2>/dev/null || true' EXIT
for n in $(seq 90 140); do
	[ -e /tmp/.X$n-lock ] && continue
	Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
	xvfb=$!
	for i in $(seq 1 40); do
		DISPLAY=":$n" xdotool getdisplaygeometry >/dev/null 2>&1 && break 2
		kill -0 $xvfb 2>/dev/null || break
		sleep 0.25
	done
	kill $xvfb 2>/dev/null || true
	xvfb=
done
[ -n "$xvfb" ] || { echo "screenshots: no X server (Xvfb) would start on displays :90 to :140" >&2; exit 1; }
export DISPLAY=":$n"

shoot() { # screen file [width height]
	local screen=$1 file=$2 w=${3:-1280} h=${4:-800} data pid size win
	data=$(mktemp -d)/demo.db
	TURNOUT_START_SCREEN=$screen "$bin" --demo --data "$data" 2>"$data.log" &
	pid=$!
	# Wait for the window to map, then size it (Fyne sets its own size
	# just after mapping, so only once it has drawn).
	for i in $(seq 1 60); do
		win=$(xdotool search --onlyvisible --name "^Turnout" 2>/dev/null | head -1) && [ -n "$win" ] && break
		sleep 0.25
	done
	sleep 1
	xdotool windowmove "$win" 0 0 windowsize "$win" "$w" "$h" >/dev/null 2>&1 || true
	# A dialog opens a step at a time (playStartScene logs when done).
	for i in $(seq 1 40); do
		grep -q "start scene shown" "$(dirname "$data")/turnout.log" 2>/dev/null && break
		case $screen in events | settings | registrants | headcount | new-event) [ "$i" -ge 4 ] && break ;; esac
		sleep 0.25
	done
	xdotool mousemove $((w - 10)) $((h - 10))
	sleep 1
	import -window root "$file"
	kill $pid 2>/dev/null || true
	for i in $(seq 1 20); do kill -0 $pid 2>/dev/null || break; sleep 0.25; done
	kill -9 $pid 2>/dev/null || true
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
# Every screen and dialog at the smallest window checked.
# TestScreenshotsCoverEveryScene keeps this list complete.
dialogs=(
	events registrants registrants-managed headcount settings
	new-event edit-event delete-event push-finished
	add-registrant edit-registrant cancel-registration undo-check-in resend-all history
	email-preview import-preview
	check-in-result match-walk-in check-in-history export-progress export-finished
	add-account test-account reminder-templates mail-test mail-paused tracking-check brand-colour restore-confirm
	test-all-accounts sync-account remove-account headcount-sessions
	choose-session add-account-jwt
)
for d in "${dialogs[@]}"; do
	shoot "$d" "$out/1024-$d.png" 1024 700
done
