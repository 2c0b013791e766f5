// Package cli is Turnout's command line: the same binary as the desktop
// app, for scripts and for offices that keep Turnout on an always-on PC. It
// only parses, calls the engine and prints; the work is the engine's.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/store"
)

// Global holds the options that come before any sub-command.
type Global struct {
	Data string // data file; "" means the default for the mode
	Demo bool   // use the demo data file, filled with sample data
	// DemoRegistrants adds that many generated registrants to one demo
	// event (performance checks).
	DemoRegistrants int
	JSON            bool // machine-readable output
}

// DataPath is the data file these options select.
func (g Global) DataPath() (string, error) {
	if g.Data != "" {
		return g.Data, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", core.Errorf(core.EINVALID, "Cannot find your settings folder; start Turnout with --data FILE.")
	}
	name := "turnout.db"
	if g.Demo {
		name = "turnout-demo.db"
	}
	return filepath.Join(dir, "Turnout", name), nil
}

// ParseGlobal reads the global flags and returns the rest (sub-command and
// its arguments); --help and --version come back as the rest.
func ParseGlobal(args []string) (Global, []string, error) {
	var g Global
	fs := flag.NewFlagSet("turnout", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.Data, "data", "", "data file")
	fs.BoolVar(&g.Demo, "demo", false, "demo data")
	fs.IntVar(&g.DemoRegistrants, "demo-registrants", 0, "extra demo registrants")
	fs.BoolVar(&g.JSON, "json", false, "JSON output")
	version := fs.Bool("version", false, "print the version")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return g, []string{"--help"}, nil // turnout --help: the command line's help, not the window
	} else if err != nil {
		return g, nil, core.Errorf(core.EINVALID, "%v. Run \"turnout help\" for the list of commands.", err)
	}
	if *version {
		return g, []string{"--version"}, nil
	}
	return g, fs.Args(), nil
}

// Open opens the data file the options select and returns an engine on it,
// logging to turnout.log beside the data file unless opts say otherwise.
// In demo mode a new file is filled with sample data first. Failures are
// logged; an unexpected one says where.
func Open(ctx context.Context, g Global, opts ...engine.Option) (*engine.Engine, func() error, error) {
	eng, closeAll, _, err := openLogged(ctx, g, opts...)
	return eng, closeAll, err
}

// openLogged is Open that also returns the log's path.
func openLogged(ctx context.Context, g Global, opts ...engine.Option) (*engine.Engine, func() error, string, error) {
	path, err := g.DataPath()
	if err != nil {
		return nil, nil, "", err
	}
	if g.Data == "" { // Turnout's own folder is created on first start
		if err := store.MakeFolder(path); err != nil {
			return nil, nil, "", err
		}
	}
	log, closeLog, logPath := openLog(path)
	failed := func(err error) (*engine.Engine, func() error, string, error) {
		log.Error("cannot open the data file", "path", path, "err", err)
		closeLog()
		return nil, nil, logPath, withLogPath(err, logPath)
	}
	db, err := store.Open(path)
	if err != nil {
		return failed(err)
	}
	closeAll := func() error {
		err := db.Close()
		closeLog()
		return err
	}
	if err := useSecrets(db, log); err != nil { // secrets.go
		db.Close()
		return failed(err)
	}
	clock, err := clockFromEnv()
	if err != nil {
		db.Close()
		return failed(err)
	}
	defaults := append([]engine.Option{engine.WithLogger(log), engine.WithClock(clock), ProviderOptions()}, backgroundOptions()...)
	eng := engine.New(db, append(defaults, opts...)...)
	if g.Demo {
		if err := eng.SeedDemo(ctx, g.DemoRegistrants); err != nil {
			db.Close()
			return failed(err)
		}
	}
	return eng, closeAll, logPath, nil
}

// clockFromEnv is the real clock, moved when core.ClockShiftEnv is set (the
// test suite's run with the calendar a year ahead).
func clockFromEnv() (core.Clock, error) {
	v := os.Getenv(core.ClockShiftEnv)
	if v == "" {
		return core.SystemClock{}, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return nil, core.Errorf(core.EINVALID, "%s=%q is not a duration such as 8784h; unset it.", core.ClockShiftEnv, v)
	}
	return core.ShiftedClock{By: d}, nil
}

func fail(stderr io.Writer, err error) int {
	fmt.Fprintln(stderr, "turnout: "+core.ErrorMessage(err))
	return 1
}

// backgroundOptions are the loops every engine opened by Open can run
// (Serve starts them: "turnout serve" and the desktop window).
func backgroundOptions() []engine.Option {
	return []engine.Option{engine.WithMail(engine.MailOptions{}), engine.WithTracking(engine.TrackOptions{}),
		engine.WithAutoCheckIn(engine.AutoCheckInOptions{}), // checkin_auto.go
		engine.WithAccountSync(engine.AccountSyncOptions{})} // account_sync_loop.go
}
