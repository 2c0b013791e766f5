// Package store keeps Turnout's data in a single bbolt file. It implements
// core.Store and is the only package that imports bbolt.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/turnout-app/turnout/core"
)

// lockTimeout is how long Open waits for another process to let go of the
// data file before deciding that Turnout is already running.
const lockTimeout = 2 * time.Second

// DB is a Turnout data file. It is safe for concurrent use; as with bbolt,
// a goroutine must not start a transaction while it is inside another one.
type DB struct {
	path string

	// mu guards bolt: transactions hold it for reading, Restore and Close
	// for writing while they swap or drop the file underneath.
	mu   sync.RWMutex
	bolt *bolt.DB
	// secrets keeps client secrets, tokens and the mail password off the
	// file (secrets.go); nil keeps them in the records.
	secrets *secretKeeper
}

var _ core.Store = (*DB)(nil)

// errClosed is returned by every method after Close (or after a Restore
// that could not reopen the file).
var errClosed = core.Errorf(core.EUNAVAILABLE, "Turnout's data file is closed. Restart Turnout.")

// Open opens the data file at path, creating it if needed (its folder
// must exist: a mistyped folder must not quietly start an empty file),
// and brings its schema up to date. It fails with core.ErrAlreadyRunning
// when another process has the file open, and with a message naming the
// file (ErrDamaged in the chain) when the file is damaged.
func Open(path string) (*DB, error) {
	if err := checkPlace(path); err != nil {
		return nil, err
	}
	if err := checkFile(path); err != nil {
		return nil, err
	}
	b, err := openFile(path)
	if err != nil {
		return nil, err
	}
	return &DB{path: path, bolt: b}, nil
}

// openFile opens path with bbolt and migrates it; on error nothing is left
// open.
func openFile(path string) (b *bolt.DB, err error) {
	// checkFile catches a file cut short before bbolt maps it; a page
	// damaged inside the file still makes bbolt panic or fault while it
	// rebuilds its freelist, which becomes the same message.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, damagedFile(path, fmt.Sprintf("a page cannot be read: %v", r))
		}
	}()
	b, err = bolt.Open(path, 0o600, boltOptions(false))
	if err != nil {
		return nil, openError(path, err)
	}
	if err := migrate(b, path); err != nil {
		_ = b.Close()
		return nil, err
	}
	return b, nil
}

// boltOptions are the options every open uses.
//
// The map freelist and NoFreelistSync make commits cheaper: the freelist
// is neither searched linearly nor written out on every commit. Measured
// on a file of 100,000 registrants with 12,000 free pages: one small
// Update 1.0–1.3 ms against 1.5–2.8 ms, the import of 100,000 about 15%
// faster. The price is that Open rebuilds the freelist by walking the
// file: 40–70 ms for that file (BenchmarkOpen100k), once per start.
//
// InitialMmapSize reserves address space up front. Without it bbolt
// remaps as the file grows, and every remap during a commit copies every
// key and value the transaction touched: about ten remaps for an import of
// 100,000 registrants. Reserving address space costs nothing on Unix; on
// Windows bbolt would grow the file to that size at once, so there the
// file grows as before.
func boltOptions(readOnly bool) *bolt.Options {
	o := &bolt.Options{
		Timeout:        lockTimeout,
		ReadOnly:       readOnly,
		FreelistType:   bolt.FreelistMapType,
		NoFreelistSync: true,
	}
	if runtime.GOOS != "windows" && !readOnly {
		o.InitialMmapSize = 1 << 30
	}
	return o
}

// openError turns bbolt's open errors into messages staff can act on.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return fmt.Errorf("store: open %s: %w", path, core.ErrAlreadyRunning)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum),
		// bbolt has no sentinel for a file cut short after its first page.
		strings.Contains(err.Error(), "file size too small"):
		return fmt.Errorf("store: open %s: %v: %w", path, err, notDataFile(path))
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("store: open %s: %v: %w", path, err, core.Errorf(core.EUNAVAILABLE,
			"Turnout may not open its data file %s. Check the file's permissions.", path))
	}
	return fmt.Errorf("store: open %s: %w", path, err)
}

func notDataFile(path string) *core.Error {
	return core.Errorf(core.EINVALID, "%s is not a Turnout data file.", path)
}

func newerSchema(version uint64) *core.Error {
	return core.Errorf(core.EINVALID, "This data file was written by a newer Turnout (schema %d); install the newer version.", version)
}

// checkSchema reads the file's schema version and refuses files this binary
// cannot use. fresh reports a file with no buckets at all: a new file.
func checkSchema(tx *bolt.Tx, path string) (version uint64, fresh bool, err error) {
	version, ok, err := readSchemaVersion(tx)
	if err != nil {
		return 0, false, fmt.Errorf("store: %v: %w", err, notDataFile(path))
	}
	if !ok {
		// A bbolt file with buckets but no meta bucket belongs to some
		// other program: leave it alone.
		if k, _ := tx.Cursor().First(); k != nil {
			return 0, false, notDataFile(path)
		}
		return 0, true, nil
	}
	if version > schemaVersion() {
		return 0, false, newerSchema(version)
	}
	return version, false, nil
}

// migrate brings the file up to schemaVersion in one transaction. A file
// that is already current, or that is refused, is not written to at all.
func migrate(b *bolt.DB, path string) error {
	var from uint64
	err := b.View(func(tx *bolt.Tx) error {
		var err error
		from, _, err = checkSchema(tx, path)
		return err
	})
	if err != nil || from == schemaVersion() {
		return err
	}
	err = b.Update(func(tx *bolt.Tx) error {
		for v := from; v < schemaVersion(); v++ {
			if err := migrations[v](tx); err != nil {
				return fmt.Errorf("migration %d: %w", v+1, err)
			}
		}
		return writeSchemaVersion(tx, schemaVersion())
	})
	if err != nil {
		return fmt.Errorf("store: migrate %s from schema %d: %w", path, from, err)
	}
	return nil
}

// View runs fn in a read-only transaction. The Tx must not be used after fn
// returns.
func (db *DB) View(ctx context.Context, fn func(core.Tx) error) error {
	return db.run(ctx, false, fn)
}

// Update runs fn in a read-write transaction and commits it when fn returns
// nil; an error (or panic) from fn rolls every write back. The Tx must not
// be used after fn returns.
func (db *DB) Update(ctx context.Context, fn func(core.Tx) error) error {
	return db.run(ctx, true, fn)
}

func (db *DB) run(ctx context.Context, writable bool, fn func(core.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.bolt == nil {
		return errClosed
	}
	body := func(btx *bolt.Tx) error {
		t := &tx{b: btx, secrets: db.secrets}
		// bbolt frees the transaction's memory when fn returns; a Tx kept
		// beyond that must fail loudly rather than read freed pages.
		defer func() { t.ended = true }()
		if err := fn(t); err != nil {
			return err
		}
		return t.finish()
	}
	if writable {
		return db.bolt.Update(body)
	}
	return db.bolt.View(body)
}

// Backup writes a consistent copy of the data file to w from a read
// transaction, so the store stays usable (writers are not blocked) while
// it runs. It returns the number of bytes written.
func (db *DB) Backup(w io.Writer) (int64, error) {
	db.mu.RLock()
	defer db.mu.RUnlock()
	if db.bolt == nil {
		return 0, errClosed
	}
	var n int64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("store: backup: %w", err)
	}
	return n, nil
}

// Path is where the data file lives.
func (db *DB) Path() string { return db.path }

// Close waits for running transactions and closes the file. Closing twice
// is harmless.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.bolt == nil {
		return nil
	}
	err := db.bolt.Close()
	db.bolt = nil
	if err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}
