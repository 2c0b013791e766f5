package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// Restore replaces the data file with the backup at backupPath.
//
// The backup is first copied next to the data file and the copy checked
// (opened read-only as a Turnout file of a known schema, complete and
// readable to the last page), so the bytes that get installed are the
// bytes that were checked. Only then are transactions stopped, the live
// file closed and the copy renamed over it, which is atomic: a crash
// leaves either the old file or the restored one. Until that rename every
// failure leaves the current data untouched and the store open.
//
// Every ID sequence (sequenceBuckets in schema.go) is carried forward
// from the current file, so records created after the backup was taken
// never have their IDs handed out a second time (links in emails already
// sent, queued jobs and audit entries name those IDs).
func (db *DB) Restore(backupPath string) error {
	if sameFile(backupPath, db.path) {
		return core.Errorf(core.EINVALID, "%s is the data file in use, not a backup; choose a backup file.", backupPath)
	}
	dir := filepath.Dir(db.path)
	tmp, err := copyToTemp(backupPath, dir)
	if err != nil {
		return err
	}
	// After the rename tmp no longer exists and this does nothing.
	defer os.Remove(tmp)
	if err := checkBackup(tmp, backupPath); err != nil {
		return err
	}

	db.mu.Lock()
	defer db.mu.Unlock()
	if db.bolt == nil {
		return errClosed
	}
	if err := carrySequences(db.bolt, tmp); err != nil {
		return err
	}
	if err := db.bolt.Close(); err != nil {
		return db.reopenAfter(fmt.Errorf("store: restore: close data file: %w", err))
	}
	if err := os.Rename(tmp, db.path); err != nil {
		return db.reopenAfter(fmt.Errorf("store: restore: replace data file: %w", err))
	}
	syncDir(dir)
	b, err := openFile(db.path)
	db.bolt = b
	if err != nil {
		return fmt.Errorf("store: restore: reopen: %w", err)
	}
	if db.secrets != nil { // a backup from before secrets left the file
		if _, err := db.sealClearSecrets(); err != nil {
			return fmt.Errorf("store: restore: %w", err)
		}
	}
	return nil
}

// reopenAfter reopens the untouched data file after a failed restore step
// and returns cause (joined with the reopen error, if any).
func (db *DB) reopenAfter(cause error) error {
	b, err := openFile(db.path)
	db.bolt = b
	return errors.Join(cause, err)
}

// copyToTemp copies src to a new 0600 file in dir (the data file's
// folder, so that the rename stays on one file system) and syncs it.
func copyToTemp(src, dir string) (tmpPath string, err error) {
	in, err := os.Open(src)
	if errors.Is(err, fs.ErrNotExist) {
		return "", core.Errorf(core.ENOTFOUND, "The backup file %s was not found.", src)
	} else if err != nil {
		return "", fmt.Errorf("store: restore: open backup: %w", err)
	}
	defer in.Close()
	// CreateTemp makes the file 0600, like the data file.
	out, err := os.CreateTemp(dir, ".turnout-restore-*")
	if err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	defer func() {
		if err != nil {
			_ = out.Close()
			_ = os.Remove(out.Name())
		}
	}()
	if _, err = io.Copy(out, in); err != nil {
		return "", fmt.Errorf("store: restore: copy backup: %w", err)
	}
	if err = out.Sync(); err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	if err = out.Close(); err != nil {
		return "", fmt.Errorf("store: restore: %w", err)
	}
	return out.Name(), nil
}

// checkBackup opens path read-only and refuses it unless it is a complete
// Turnout data file of a schema this binary knows. name is the file as the
// user chose it, for messages.
func checkBackup(path, name string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	if info.Size() == 0 {
		return notDataFile(name)
	}
	if err := checkFile(path); errors.Is(err, ErrDamaged) {
		return damaged(name, err) // cut short: bbolt would fault on it
	} else if err != nil {
		return notDataFile(name)
	}
	b, err := bolt.Open(path, 0o600, boltOptions(true))
	if err != nil {
		return openError(name, err)
	}
	defer b.Close()
	return b.View(func(tx *bolt.Tx) error {
		// bbolt maps pages up to the size its meta page claims; a file cut
		// short would fault on the first read past its end.
		if tx.Size() > info.Size() {
			return damaged(name, fmt.Errorf("file is %d bytes, meta page says %d", info.Size(), tx.Size()))
		}
		return withoutPanics(name, func() error {
			if _, fresh, err := checkSchema(tx, name); err != nil {
				return err
			} else if fresh {
				return notDataFile(name)
			}
			if err := readEverything(tx); err != nil {
				return damaged(name, err)
			}
			return nil
		})
	})
}

func damaged(name string, cause error) error {
	return fmt.Errorf("store: %v: %w", cause, core.Errorf(core.EINVALID,
		"%s is incomplete or damaged; choose another backup.", name))
}

// withoutPanics runs fn, turning the panics (and, with SetPanicOnFault,
// the memory faults) that bbolt raises on a damaged page into an error.
func withoutPanics(name string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = damaged(name, fmt.Errorf("reading pages: %v", r))
		}
	}()
	return fn()
}

// readEverything walks every bucket and key, so that a damaged page shows
// up now rather than after the file was installed.
func readEverything(tx *bolt.Tx) error {
	return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return readBucket(b) })
}

func readBucket(b *bolt.Bucket) error {
	return b.ForEach(func(k, v []byte) error {
		if v == nil {
			if child := b.Bucket(k); child != nil {
				return readBucket(child)
			}
		}
		return nil
	})
}

// carrySequences raises each ID sequence in the file at path to at least
// the live file's value.
func carrySequences(live *bolt.DB, path string) error {
	seqs := make(map[string]uint64, len(sequenceBuckets))
	err := live.View(func(tx *bolt.Tx) error {
		for _, name := range sequenceBuckets {
			if b := tx.Bucket(name); b != nil {
				seqs[string(name)] = b.Sequence()
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: restore: read sequences: %w", err)
	}
	restored, err := bolt.Open(path, 0o600, boltOptions(false))
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	err = restored.Update(func(tx *bolt.Tx) error {
		for name, seq := range seqs {
			if b := tx.Bucket([]byte(name)); b != nil && b.Sequence() < seq {
				if err := b.SetSequence(seq); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if cerr := restored.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("store: restore: carry sequences: %w", err)
	}
	return nil
}

// syncDir makes a rename in dir durable. It is best effort: some systems
// (Windows) cannot sync a folder, and the rename has happened either way.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

func sameFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	return err == nil && os.SameFile(ia, ib)
}
