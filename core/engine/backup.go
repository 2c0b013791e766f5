package engine

import (
	"io"
	"os"
	"path/filepath"

	"github.com/turnout-app/turnout/core"
)

// Backup writes a consistent copy of the data file to w.
func (e *Engine) Backup(w io.Writer) (int64, error) { return e.store.Backup(w) }

// BackupFile writes a consistent copy of the data file to path while
// Turnout keeps running. The copy holds credentials, so it is created 0600,
// and it appears only once complete.
func (e *Engine) BackupFile(path string) (int64, error) {
	if err := e.refuseOwnFiles(path); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".turnout-backup-*")
	if err != nil {
		return 0, core.Errorf(core.EINVALID, "Cannot write to the folder %s; choose another folder.", filepath.Dir(path))
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	n, err := e.store.Backup(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		e.log.Error("backup failed", "err", err)
		return 0, core.Errorf(core.EUNAVAILABLE, "The backup could not be written; check that the disk has space and try again.")
	}
	if err := e.refuseOwnFiles(path); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, core.Errorf(core.EINVALID, "Cannot save the backup as %s; choose another name or folder.", path)
	}
	e.log.Info("backup written", "bytes", n)
	return n, nil
}
