package cli

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/turnout-app/turnout/core"
)

// The cobra tree is built from the commands table, so a command added to
// the table in any file is routed, has help and completes in the shell
// with nothing else to write. Each table command keeps its own option
// parsing (flags.go): cobra hands it the raw arguments.

// tableCommand marks cobra commands that come from the table (the others
// are cobra's own: help, completion).
const tableCommand = "turnout-table"

// newRoot builds "turnout" with one cobra command per table entry; run is
// called with the table entry and its raw arguments.
func newRoot(stdout, stderr io.Writer, run func(cmd *command, args []string)) *cobra.Command {
	root := &cobra.Command{
		Use:           "turnout",
		Short:         "Turnout keeps your webinar events and registrants, and reports who came.",
		Version:       Version,
		SilenceErrors: true, // Main prints the one-line message
		SilenceUsage:  true,
		Args:          unknownCommand,
		RunE:          func(c *cobra.Command, _ []string) error { printHelp(c.OutOrStdout()); return nil },
		Annotations:   map[string]string{tableCommand: ""},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("turnout {{.Version}}\n")
	root.CompletionOptions.HiddenDefaultCmd = false
	cobraHelp := root.HelpFunc()
	root.SetHelpFunc(func(c *cobra.Command, args []string) {
		if _, ok := c.Annotations[tableCommand]; !ok {
			cobraHelp(c, args)
			return
		}
		printCommandHelp(c)
	})
	root.AddCommand(&cobra.Command{
		Use:   "version",
		Short: "print Turnout's version",
		Args:  cobra.NoArgs,
		Run:   func(c *cobra.Command, _ []string) { fmt.Fprintln(c.OutOrStdout(), "turnout "+Version) },
	})
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: "what a command does and its options",
		RunE: func(c *cobra.Command, args []string) error {
			cmd, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return unknownCommand(root, args)
			}
			cmd.SetOut(c.OutOrStdout())
			return cmd.Help()
		},
	})
	nodes := map[string]*cobra.Command{"": root}
	for i := range commands {
		entry := &commands[i]
		node := root
		for j, word := range entry.words {
			path := strings.Join(entry.words[:j+1], " ")
			child := nodes[path]
			if child == nil {
				child = &cobra.Command{Use: word, Args: unknownCommand, RunE: groupHelp,
					Annotations: map[string]string{tableCommand: path}}
				node.AddCommand(child)
				nodes[path] = child
			}
			node = child
		}
		node.Short = usageLine(entry)
		node.DisableFlagParsing = true // the command parses its own options
		node.Args = cobra.ArbitraryArgs
		node.ValidArgsFunction = completeOptions(entry)
		node.RunE = func(c *cobra.Command, args []string) error {
			if wantsHelp(args) {
				printCommandHelp(c)
				return nil
			}
			run(entry, args)
			return nil
		}
	}
	return root
}

// optionName is an option as usage lines write it.
var optionName = regexp.MustCompile(`--[a-z][a-z0-9-]*`)

// completeOptions offers a command's options, read from its usage line,
// to the shell's tab completion (the command parses them itself).
func completeOptions(entry *command) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if !strings.HasPrefix(toComplete, "-") {
			return nil, cobra.ShellCompDirectiveDefault // file names
		}
		var out []string
		for _, o := range optionName.FindAllString(usageLine(entry), -1) {
			if strings.HasPrefix(o, toComplete) && !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// unknownCommand refuses words that name no command.
func unknownCommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	words := append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "turnout")), args...)
	return core.Errorf(core.EINVALID, "Unknown command %q. Run \"turnout help\" for the list of commands.", strings.Join(words, " "))
}

// groupHelp answers "turnout event" with the event commands.
func groupHelp(c *cobra.Command, _ []string) error {
	printCommandHelp(c)
	return nil
}

// wantsHelp reports whether raw arguments ask for help: -h, --help or
// -help before a "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--help", "-help":
			return true
		}
	}
	return false
}

// printCommandHelp prints the usage of a table command, and of the
// commands under it.
func printCommandHelp(c *cobra.Command) {
	w := c.OutOrStdout()
	path, ok := c.Annotations[tableCommand]
	if !ok || path == "" {
		printHelp(w)
		return
	}
	words := strings.Fields(path)
	var lines []string
	for i := range commands {
		entry := &commands[i]
		if len(entry.words) >= len(words) && slices.Equal(entry.words[:len(words)], words) {
			lines = append(lines, usageLine(entry))
		}
	}
	slices.Sort(lines)
	if len(lines) == 1 {
		fmt.Fprintf(w, "Usage: %s\n", lines[0])
	} else {
		fmt.Fprintln(w, "Usage:")
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
	}
	fmt.Fprint(w, "\nGlobal options go before the command: --data FILE, --demo, --json. \"turnout help\" lists every command.\n")
}
