package main

import (
	"os"
	"runtime"

	"github.com/godbus/dbus/v5"
)

// statusNotifierWatcher is the D-Bus name a Linux tray host (a panel's
// tray area) owns; the tray library registers its icon with it.
const statusNotifierWatcher = "org.kde.StatusNotifierWatcher"

// trayAvailable reports whether a system tray can be shown. On Linux and
// the BSDs that needs a D-Bus session with a tray host on it: without
// one the tray icon never appears, and a window closed "to the tray"
// would vanish while Turnout kept running (and kept the click port).
func trayAvailable() bool {
	switch runtime.GOOS {
	case "darwin", "windows":
		return true
	}
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		return false
	}
	return trayHostOnBus(os.Getenv("DBUS_SESSION_BUS_ADDRESS"))
}

// trayHostOnBus asks the session bus at addr whether a tray host is
// registered.
func trayHostOnBus(addr string) bool {
	conn, err := dbus.Connect(addr)
	if err != nil {
		return false
	}
	defer conn.Close()
	var owned bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, statusNotifierWatcher).Store(&owned)
	return err == nil && owned
}
