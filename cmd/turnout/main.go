// Command turnout is the Turnout desktop app and its command line. With no
// sub-command it opens the window; with one it runs that command and exits.
package main

import (
	"os"
	_ "time/tzdata" // office machines may lack a zone database (Windows)

	"github.com/turnout-app/turnout/cmd/turnout/cli"
	_ "github.com/turnout-app/turnout/cmd/turnout/internal/plainlocale" // before Fyne reads the locale
)

func main() {
	opts, rest, err := cli.ParseGlobal(os.Args[1:])
	if err == nil && len(rest) == 0 {
		os.Exit(runGUI(opts))
	}
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
