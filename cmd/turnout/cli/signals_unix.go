//go:build !windows

package cli

import (
	"os"
	"syscall"
)

// stopSignals end a command gracefully: Ctrl+C, SIGTERM (systemd, a
// shutdown) and SIGHUP (the terminal or session closing).
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}
