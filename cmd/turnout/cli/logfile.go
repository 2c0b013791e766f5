package cli

import (
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/turnout-app/turnout/core"
)

// maxLogBytes is when the log starts afresh, keeping one older file, so an
// always-on "turnout serve" never fills the disk.
const maxLogBytes = 5 << 20

// rotatingFile is the log file beside the data file.
type rotatingFile struct {
	mu   sync.Mutex
	path string
	f    *os.File
	size int64
}

func openRotatingFile(path string) (*rotatingFile, error) {
	r := &rotatingFile{path: path}
	return r, r.open()
}

func (r *rotatingFile) open() error {
	f, err := os.OpenFile(r.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return err
	}
	r.f, r.size = f, info.Size()
	return nil
}

func (r *rotatingFile) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.size+int64(len(p)) > maxLogBytes {
		r.f.Close()
		os.Rename(r.path, r.path+".1")
		if err := r.open(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

func (r *rotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.f.Close()
}

// openLog returns the logger of a data file: turnout.log in the same
// folder. Logs never carry secrets; the engine and adapters see to that.
// When the folder cannot take a log, logging is off rather than fatal.
func openLog(dataPath string) (*slog.Logger, func() error) {
	f, err := openRotatingFile(filepath.Join(filepath.Dir(dataPath), "turnout.log"))
	if err != nil {
		return slog.New(slog.DiscardHandler), func() error { return nil }
	}
	// Every line passes core.RedactSecrets: an adapter that logs a server's
	// answer verbatim still cannot put a credential in the file.
	h := core.RedactingHandler(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo}))
	return slog.New(h), f.Close
}
