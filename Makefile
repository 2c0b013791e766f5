# Turnout. `make run` starts the demo; `make test` runs every test. Both
# install the Debian/Ubuntu packages they need when they are missing.

GO        ?= go
TAGS      := migrated_fynedo
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export LANG := en_US.UTF-8
export CGO_ENABLED := 1

# cgo, X11 and GL headers for Fyne; Xvfb and ImageMagick for screenshots.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri xvfb xauth imagemagick xdotool
# LibreOffice checks that exported files open cleanly; Chromium is the
# "system browser" of the OAuth tests and renders reminder emails; a D-Bus
# session bus tells whether a tray host is there; gnome-keyring is the real
# Secret Service the secret tests start on their own private bus.
TEST_PKGS  := libreoffice-calc chromium dbus gnome-keyring
# mailpit is the real SMTP server the reminder tests send through.
MAILPIT    := github.com/axllent/mailpit@v1.27.11
export PATH := $(PATH):$(shell $(GO) env GOPATH)/bin

# Packages that don't import fyne/v2/app, tested with the race detector.
RACE_PKGS  := ./core/... ./store/...

.PHONY: run test test-next-year bench build deps test-deps lint screenshots package clean

run: deps
	$(GO) run -tags $(TAGS) ./cmd/turnout --demo

build: deps
	$(GO) build -tags $(TAGS) -o bin/turnout ./cmd/turnout

# The command line runs on the real clock (everything else injects one):
# test-next-year runs its tests again with the calendar a year ahead, so a
# test that hides a literal date fails today instead of on that date. -short
# skips only the 100,000-row kill test, which reads no date.
NEXT_YEAR := 8784h

test: deps test-deps lint
	$(GO) test -race -count=1 $(RACE_PKGS)
	$(GO) test -count=1 -tags $(TAGS) $$($(GO) list ./... | grep -v -e /core -e /store)
	$(MAKE) --no-print-directory test-next-year
	scripts/screenshots.sh screenshots

test-next-year:
	TURNOUT_TEST_CLOCK_SHIFT=$(NEXT_YEAR) $(GO) test -count=1 -short -tags $(TAGS) ./cmd/...

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); [ -z "$$out" ] || { echo "gofmt needed:"; echo "$$out"; exit 1; }
	$(GO) vet -tags $(TAGS) ./...

# Every benchmark once (about 10 minutes), ending with one table: each
# figure, its target, the limit measured in the same run, and the ratio.
bench: deps
	@command -v mailpit >/dev/null || { echo "Installing mailpit"; $(GO) install $(MAILPIT); }
	scripts/bench.sh bin/bench.txt

# Screenshots of the real app in demo mode under Xvfb (CI keeps them).
screenshots: deps
	scripts/screenshots.sh screenshots

# A Linux package (tar.xz with .desktop file and icon) built by the fyne tool.
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
package: build
	$(GO) run $(FYNE_TOOL) package --os linux --exe bin/turnout --name Turnout --icon assets/icon.png --app-id app.turnout.desktop

# deps installs what a fresh Debian/Ubuntu machine lacks, and nothing when
# everything is there.
deps:
	@missing=$$(for p in $(BUILD_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing: $$missing"; \
	$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi

test-deps:
	@missing=$$(for p in $(TEST_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then echo "Installing: $$missing"; \
	$(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; fi
	@command -v mailpit >/dev/null || { echo "Installing mailpit"; $(GO) install $(MAILPIT); }

clean:
	rm -rf bin screenshots
