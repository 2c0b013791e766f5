package cli

import (
	"fmt"
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

// openLog returns the logger of a data file and the path of the log it
// writes: turnout.log in the same folder or, when that folder cannot take
// it (missing, read-only), in the user's cache folder, so every message
// that says "send the log file" has a log to send. Logs never carry
// secrets; the engine and adapters see to that. When no folder can take a
// log, logging is off rather than fatal and the path is "".
func openLog(dataPath string) (*slog.Logger, func() error, string) {
	for _, path := range logPlaces(dataPath) {
		f, err := openRotatingFile(path)
		if err == nil {
			// Every line passes core.RedactSecrets: an adapter that logs a
			// server's answer verbatim still cannot put a credential in the file.
			h := core.RedactingHandler(slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelInfo}))
			return slog.New(h), f.Close, path
		}
	}
	return slog.New(slog.DiscardHandler), func() error { return nil }, ""
}

// logPlaces are where the log may go, in order of preference. The
// fallback folders are created; the data file's folder is not.
func logPlaces(dataPath string) []string {
	places := []string{filepath.Join(filepath.Dir(dataPath), core.LogFileName)}
	for _, dir := range []func() (string, error){os.UserCacheDir, os.UserConfigDir, func() (string, error) { return os.TempDir(), nil }} {
		if d, err := dir(); err == nil && os.MkdirAll(filepath.Join(d, "Turnout"), 0o700) == nil {
			places = append(places, filepath.Join(d, "Turnout", core.LogFileName))
		}
	}
	return places
}

// withLogPath turns an unexpected error (one with no message for staff)
// into one that says where its details were logged.
func withLogPath(err error, logPath string) error {
	if core.ErrorCode(err) != core.EINTERNAL {
		return err
	}
	where := "The details could not be logged."
	if logPath != "" {
		where = "The details are in the log file " + logPath + "; if it keeps happening, send that file to your IT contact."
	}
	return fmt.Errorf("%w: %w", err, core.Errorf(core.EINTERNAL, "Something went wrong inside Turnout. %s", where))
}
