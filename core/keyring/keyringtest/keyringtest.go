// Package keyringtest runs a real Secret Service for tests: a private
// D-Bus session bus (dbus-daemon) with gnome-keyring-daemon on it,
// unlocked with a throwaway password and keeping its files in a temporary
// folder, so no test touches the password store of the person running it.
// Debian packages: dbus, gnome-keyring (make test-deps installs both).
package keyringtest

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/godbus/dbus/v5"
)

// secretsName is the Secret Service's name on the bus.
const secretsName = "org.freedesktop.secrets"

// Start starts the bus and the keyring, stopped at the test's cleanup,
// and returns the bus address for DBUS_SESSION_BUS_ADDRESS. A missing
// program fails the test with what to install; it never skips.
func Start(t testing.TB) string {
	t.Helper()
	busd, err := exec.LookPath("dbus-daemon")
	if err != nil {
		t.Fatal("dbus-daemon is missing: run make test-deps (Debian package dbus)")
	}
	gkd, err := exec.LookPath("gnome-keyring-daemon")
	if err != nil {
		t.Fatal("gnome-keyring-daemon is missing: run make test-deps (Debian package gnome-keyring)")
	}
	dir := t.TempDir()
	bus := exec.Command(busd, "--session", "--nofork", "--print-address")
	out, err := bus.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := bus.Start(); err != nil {
		t.Fatalf("dbus-daemon: %v", err)
	}
	t.Cleanup(func() { bus.Process.Kill(); bus.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	addr := strings.TrimSpace(line)

	run := filepath.Join(dir, "run")
	if err := os.Mkdir(run, 0o700); err != nil {
		t.Fatal(err)
	}
	keyring := exec.Command(gkd, "--foreground", "--components=secrets", "--unlock", "--control-directory", run)
	keyring.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_RUNTIME_DIR=" + run, "DBUS_SESSION_BUS_ADDRESS=" + addr}
	keyring.Stdin = strings.NewReader("throwaway-test-password")
	var logs strings.Builder
	keyring.Stdout, keyring.Stderr = &logs, &logs
	if err := keyring.Start(); err != nil {
		t.Fatalf("gnome-keyring-daemon: %v", err)
	}
	t.Cleanup(func() { keyring.Process.Kill(); keyring.Wait() })
	if err := waitForName(addr, 15*time.Second); err != nil {
		t.Fatalf("gnome-keyring-daemon did not come up on the test bus: %v\n%s", err, logs.String())
	}
	return addr
}

// waitForName waits until the Secret Service owns its name on the bus.
func waitForName(addr string, limit time.Duration) error {
	conn, err := dbus.Connect(addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline := time.Now().Add(limit)
	for {
		var has bool
		err := conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, secretsName).Store(&has)
		if err == nil && has {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s has no owner after %s (%v)", secretsName, limit, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
