package main

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"

	"github.com/godbus/dbus/v5"
)

// TestTrayNeedsATrayHostOnTheBus: a D-Bus session alone is not a tray.
// Before, any session bus counted, so on a desktop without a tray area
// closing the window hid it into nothing and Turnout kept running.
func TestTrayNeedsATrayHostOnTheBus(t *testing.T) {
	addr := startSessionBus(t)
	if trayHostOnBus(addr) {
		t.Fatal("a session bus without a tray host was taken for a tray")
	}

	host, err := dbus.Connect(addr)
	if err != nil {
		t.Fatal(err)
	}
	defer host.Close()
	if reply, err := host.RequestName(statusNotifierWatcher, dbus.NameFlagDoNotQueue); err != nil || reply != dbus.RequestNameReplyPrimaryOwner {
		t.Fatalf("registering a tray host: %v %v", reply, err)
	}
	if !trayHostOnBus(addr) {
		t.Fatal("the tray host on the bus was not found")
	}
	if trayHostOnBus("unix:path=/nonexistent/bus") {
		t.Fatal("a bus that cannot be reached was taken for a tray")
	}
}

// startSessionBus runs a private dbus-daemon (package dbus, installed by
// make test-deps) and returns its address.
func startSessionBus(t *testing.T) string {
	t.Helper()
	daemon, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Fatal("dbus-daemon is missing: run make test-deps (Debian package dbus)")
	}
	cmd := exec.Command(daemon, "--session", "--nofork", "--print-address")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	return strings.TrimSpace(line)
}
