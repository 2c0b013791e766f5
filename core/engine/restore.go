package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
)

// restorer is implemented by stores that can swap in a backup file.
type restorer interface {
	Restore(backupPath string) error
}

// CanRestore reports whether this data file can be replaced by a backup
// while Turnout runs.
func (e *Engine) CanRestore() bool {
	_, ok := e.store.(restorer)
	return ok
}

// Restore replaces everything in the data file with the backup at path.
// The current data is lost unless it was backed up first.
func (e *Engine) Restore(ctx context.Context, path string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r, ok := e.store.(restorer)
	if !ok {
		return core.Errorf(core.EUNAVAILABLE, "This data file cannot be restored while Turnout runs. Quit Turnout and copy the backup over %s.", e.store.Path())
	}
	if err := r.Restore(path); err != nil {
		return err
	}
	e.log.Info("data restored from backup")
	return nil
}
