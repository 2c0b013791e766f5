package keyring

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	gokeyring "github.com/zalando/go-keyring"
)

// probeName is the entry Available writes and removes again.
const probeName = "probe"

// Available reports (nil) whether this computer's credential store works:
// it writes, reads and removes one entry within timeout. On Linux and the
// BSDs a session bus must be there first, so that nothing starts one
// behind the user's back (godbus would try dbus-launch).
func Available(timeout time.Duration) error {
	if err := sessionBus(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() {
		done <- func() error {
			if err := gokeyring.Set(Service, probeName, "ok"); err != nil {
				return err
			}
			v, err := gokeyring.Get(Service, probeName)
			if err == nil && v != "ok" {
				err = errors.New("the password store gave back another value")
			}
			_ = gokeyring.Delete(Service, probeName)
			return err
		}()
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("keyring: the password store does not work: %w", err)
		}
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("keyring: the password store did not answer within %s", timeout)
	}
}

func sessionBus() error {
	switch runtime.GOOS {
	case "windows", "darwin":
		return nil
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") != "" {
		return nil
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "bus")); err == nil {
			return nil
		}
	}
	return errors.New("keyring: no D-Bus session, so no Secret Service")
}
