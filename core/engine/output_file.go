package engine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/turnout-app/turnout/core"
)

// CheckOutputFile says whether an export, report or backup may be written
// at path: never onto the data file or its log, by whatever spelling
// (another folder name, "..", a link), and an existing file only when
// staff said to replace it (overwrite). Existing files are compared as
// files, not names, so a hard link or a symbolic link is caught too.
func (e *Engine) CheckOutputFile(path string, overwrite bool) error {
	if err := e.refuseOwnFiles(path); err != nil {
		return err
	}
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return core.Errorf(core.EINVALID, "%s is a folder; add a file name to it.", path)
	case err == nil && !overwrite:
		return core.Errorf(core.ECONFLICT, "%s already exists.", path)
	}
	return nil
}

// refuseOwnFiles refuses path when it is the data file or its log, the
// files this Turnout keeps open: writing there would destroy every event
// and registrant (the data file) or what staff send to IT (the log).
func (e *Engine) refuseOwnFiles(path string) error {
	data := e.store.Path()
	if sameFileOrPlace(path, data) {
		return core.Errorf(core.EINVALID, "%s is Turnout's data file: saving there would destroy all your events and registrants. Choose another name.", path)
	}
	for _, name := range []string{core.LogFileName, core.LogFileName + ".1"} {
		if sameFileOrPlace(path, filepath.Join(filepath.Dir(data), name)) {
			return core.Errorf(core.EINVALID, "%s is Turnout's log file; choose another name.", path)
		}
	}
	return nil
}

// sameFileOrPlace reports whether a and b name the same file: the same
// file when both exist, else the same name in the same folder (so a file
// not written yet, like a fresh log, is recognised too).
func sameFileOrPlace(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	if (errA != nil && !errors.Is(errA, fs.ErrNotExist)) || (errB != nil && !errors.Is(errB, fs.ErrNotExist)) {
		return false
	}
	if filepath.Base(a) != filepath.Base(b) {
		return false
	}
	da, errA := os.Stat(filepath.Dir(a))
	db, errB := os.Stat(filepath.Dir(b))
	return errA == nil && errB == nil && os.SameFile(da, db)
}
