package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/turnout-app/turnout/core"
)

// DamagedSuffix is added to the name of a damaged data file when a backup
// takes its place, so that nothing is thrown away.
const DamagedSuffix = ".damaged"

// ReplaceDamaged puts the backup at backupPath in place of the data file
// at path when that file cannot be opened (call it only after Open failed
// with ErrDamaged), so Restore, which needs the file open, cannot run. The backup is copied
// and checked first, as Restore does; the damaged file is renamed, not
// deleted, and ReplaceDamaged returns its new name. The copy is renamed
// into place, so a crash leaves either no data file or the restored one.
func ReplaceDamaged(path, backupPath string) (keptAs string, err error) {
	if sameFile(backupPath, path) {
		return "", core.Errorf(core.EINVALID, "%s is the damaged data file itself; choose a backup file.", backupPath)
	}
	dir := filepath.Dir(path)
	tmp, err := copyToTemp(backupPath, dir)
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp) // a no-op after the rename
	if err := checkBackup(tmp, backupPath); err != nil {
		return "", err
	}
	keptAs = freeName(path + DamagedSuffix)
	if _, err := os.Stat(path); err == nil {
		if err := os.Rename(path, keptAs); err != nil {
			return "", fmt.Errorf("store: keep the damaged file: %w", err)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("store: install the backup: %w", err)
	}
	syncDir(dir)
	return keptAs, nil
}

// freeName is base, or base-2, base-3… whichever does not exist yet.
func freeName(base string) string {
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
		name = base + "-" + strconv.Itoa(i)
	}
}
