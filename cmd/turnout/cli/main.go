package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// Version is set at build time with -ldflags "-X ...cli.Version=1.2.3".
var Version = "dev"

// command is one sub-command. run gets the services on the selected data
// file and hands the command function only the ones it uses; args are
// what follows the command words.
type command struct {
	words []string // e.g. {"event", "add"}
	usage string
	run   func(c *call, s core.Services) error
}

// call is one run of a command.
type call struct {
	ctx    context.Context
	g      Global
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// cwd and relayed are set when another turnout process sent the
	// command to this one (relay.go).
	cwd     string
	relayed bool
}

// Main runs the command line and returns the process exit code: 0 on
// success, 1 with a one-line message on bad input or failure. Routing,
// help, --version and shell completion are cobra's (cobra.go); each
// command still parses its own options (flags.go).
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g, rest, err := ParseGlobal(args)
	if err != nil {
		return fail(stderr, err)
	}
	code := 0
	root := newRoot(stdout, stderr, func(cmd *command, cmdArgs []string) {
		code = runCommand(g, args, cmd, cmdArgs, stdin, stdout, stderr)
	})
	root.SetArgs(rest)
	if err := root.Execute(); err != nil {
		return fail(stderr, err)
	}
	return code
}

// runCommand runs one command of the table on the data file the global
// options select; args are the whole command line, for the relay.
func runCommand(g Global, args []string, cmd *command, cmdArgs []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// Ctrl+C, a service manager's stop and a logout all end the command
	// the same way: queued clicks and mail are stored before it exits.
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	defer stop()
	if cmd.words[0] == "restore" { // works on a data file that cannot be opened
		return runRestore(ctx, g, cmdArgs, stdout, stderr)
	}
	eng, closeStore, logPath, err := openLogged(ctx, g)
	if errors.Is(err, core.ErrAlreadyRunning) {
		// serve or the window has the file: it runs the command (relay.go).
		if path, perr := g.DataPath(); perr == nil {
			if code, ok := relay(path, args, stdout, stderr); ok {
				return code
			}
		}
	}
	if err != nil {
		return fail(stderr, err)
	}
	defer closeStore()
	c := &call{ctx: ctx, g: g, args: cmdArgs, stdin: stdin, stdout: stdout, stderr: stderr}
	if err := runLogged(cmd, c, eng.Services(), eng.Logger()); err != nil {
		return fail(stderr, withLogPath(err, logPath))
	}
	return 0
}

// runLogged runs a command and logs what went wrong unexpectedly, a panic
// included (with its stack, in the log only), so that the message that
// points to the log has something to point to.
func runLogged(cmd *command, c *call, s core.Services, log *slog.Logger) (err error) {
	defer func() {
		if r := recover(); r != nil {
			log.Error("command crashed", "command", strings.Join(cmd.words, " "), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	err = cmd.run(c, s)
	if core.ErrorCode(err) == core.EINTERNAL {
		log.Error("command failed", "command", strings.Join(cmd.words, " "), "err", err)
	}
	return err
}

// lookup finds the command that rest starts with, the longest when one
// command's words begin another's ("checkin history", not "checkin").
func lookup(rest []string) (*command, []string) {
	var found *command
	for i := range commands {
		c := &commands[i]
		if len(rest) >= len(c.words) && slices.Equal(rest[:len(c.words)], c.words) && (found == nil || len(c.words) > len(found.words)) {
			found = c
		}
	}
	if found == nil {
		return nil, nil
	}
	return found, rest[len(found.words):]
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `Turnout keeps your webinar events and registrants, and reports who came.

Usage: turnout [--data FILE] [--demo] [--json] [command]

With no command Turnout opens its window.

Commands:
`)
	// Commands come from several files; list each topic's together.
	sorted := slices.Clone(commands)
	slices.SortStableFunc(sorted, func(a, b command) int { return strings.Compare(a.words[0], b.words[0]) })
	for i := range sorted {
		fmt.Fprintf(w, "  %s\n", usageLine(&sorted[i]))
	}
	fmt.Fprint(w, `  turnout version
  turnout help COMMAND          (what a command does and its options; or add --help to the command)
  turnout completion bash|zsh|fish|powershell   (tab completion for your shell)

Global options:
  --data FILE   use this data file (default: Turnout's file in your settings folder)
  --demo        use the demo data file, filled with sample events
  --json        print listings as JSON
  --version     print Turnout's version
`)
}

// usageLine is "turnout WORDS USAGE" for one command.
func usageLine(c *command) string {
	usage := c.usage
	if f := usageFuncs[strings.Join(c.words, " ")]; f != nil {
		usage = f() // from the registered providers
	}
	return strings.TrimSpace("turnout " + strings.Join(c.words, " ") + " " + usage)
}

// output prints v as JSON with --json, else calls human; either way no
// control character in the data reaches the terminal raw.
func (c *call) output(v any, human func(w io.Writer)) error {
	if c.g.JSON {
		var text strings.Builder
		enc := json.NewEncoder(&text)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			return err
		}
		_, err := io.WriteString(c.stdout, printableJSON(text.String()))
		return err
	}
	var text strings.Builder
	human(&text)
	out := text.String()
	if out != "" && !strings.HasSuffix(out, "\n") { // the shell's prompt starts on a line of its own
		out += "\n"
	}
	_, err := io.WriteString(c.stdout, printable(out))
	return err
}
