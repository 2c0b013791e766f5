package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/store"
)

func init() {
	// run is never called: Main hands "restore" to runRestore before it
	// opens the data file, which may be damaged.
	commands = append(commands, command{[]string{"restore"}, "--from BACKUP-FILE [--force]", nil})
}

// runRestore puts a backup in place of the data file. A damaged file
// (one Turnout cannot open) is kept beside it under another name; a file
// that opens is replaced only with --force, since everything recorded
// since the backup is lost.
func runRestore(ctx context.Context, g Global, args []string, stdout, stderr io.Writer) int {
	f := newFlags("restore")
	from := f.String("from", "", "")
	force := f.Bool("force", false, "")
	f.require("from")
	if _, err := f.parse(args); err != nil {
		return fail(stderr, err)
	}
	path, err := g.DataPath()
	if err != nil {
		return fail(stderr, err)
	}
	eng, closeStore, logPath, err := openLogged(ctx, g)
	if errors.Is(err, store.ErrDamaged) {
		kept, err := store.ReplaceDamaged(path, *from)
		if err != nil {
			return fail(stderr, withLogPath(err, logPath))
		}
		fmt.Fprintf(stdout, "Restored %s from %s. The damaged file is kept as %s.\n", path, *from, kept)
		return 0
	} else if err != nil {
		return fail(stderr, err)
	}
	defer closeStore()
	if !*force {
		return fail(stderr, core.Errorf(core.ECONFLICT, "Restoring replaces everything in %s with the backup %s; whatever was recorded since the backup is lost. Add --force to go ahead.", path, *from))
	}
	if err := eng.Restore(ctx, *from); err != nil {
		return fail(stderr, withLogPath(err, logPath))
	}
	fmt.Fprintf(stdout, "Restored %s from %s.\n", path, *from)
	return 0
}
