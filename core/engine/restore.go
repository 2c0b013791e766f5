package engine

import (
	"context"
)

// Restore replaces everything in the data file with the backup at path.
// The current data is lost unless it was backed up first.
func (e *Engine) Restore(ctx context.Context, path string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := e.store.Restore(path); err != nil {
		return err
	}
	e.log.Info("data restored from backup")
	return nil
}
