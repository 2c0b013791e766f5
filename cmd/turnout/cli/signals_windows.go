package cli

import (
	"os"
	"syscall"
)

// stopSignals end a command gracefully: Ctrl+C and the console closing
// or the user logging off (delivered to Go as SIGTERM).
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM}
