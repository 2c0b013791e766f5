package cli

import (
	"flag"
	"io"
	"strconv"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// flags parses a command's options. Unlike flag.FlagSet.Parse it accepts
// options after positional arguments ("import --event 3 list.csv --dry-run").
type flags struct {
	*flag.FlagSet
	required []string
	event    *string // --event, for commands about one event
}

func newFlags(name string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flags{FlagSet: fs}
}

// newEventFlags is newFlags with the required --event option; read it
// with parseEvent.
func newEventFlags(name string) *flags {
	f := newFlags(name)
	f.require("event")
	f.event = f.String("event", "", "")
	return f
}

// parseEvent parses the options and returns the --event ID and the
// positional arguments.
func (f *flags) parseEvent(args []string) (core.ID, []string, error) {
	pos, err := f.parse(args)
	if err != nil {
		return 0, nil, err
	}
	id, err := parseID("Event", *f.event)
	return id, pos, err
}

// require marks options that must be given.
func (f *flags) require(names ...string) { f.required = append(f.required, names...) }

// parse returns the positional arguments.
func (f *flags) parse(args []string) ([]string, error) {
	var positional []string
	for {
		if err := f.Parse(args); err != nil {
			return nil, core.Errorf(core.EINVALID, "%s: %v.", f.Name(), strings.TrimSuffix(err.Error(), "."))
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	given := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	for _, name := range f.required {
		if !given[name] {
			return nil, core.Errorf(core.EINVALID, "%s: --%s is required.", f.Name(), name)
		}
	}
	return positional, nil
}

// parseID reads a record ID typed by a user.
func parseID(kind, s string) (core.ID, error) {
	n, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil || n == 0 {
		return 0, core.Errorf(core.EINVALID, "%s ID %q is not a number; \"turnout event list\" shows the IDs.", kind, s)
	}
	return core.ID(n), nil
}
