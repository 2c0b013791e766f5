package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/turnout-app/turnout/core"
)

func registrantAdd(c *call, registrants core.RegistrantService) error {
	f := newEventFlags("registrant add")
	var r core.Registrant
	f.StringVar(&r.Email, "email", "", "")
	f.StringVar(&r.FirstName, "first", "", "")
	f.StringVar(&r.LastName, "last", "", "")
	f.StringVar(&r.ExternalID, "external-id", "", "")
	f.StringVar(&r.Source, "source", "", "")
	f.require("email")
	id, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	r, outcome, err := registrants.AddRegistrant(c.ctx, id, r)
	if err != nil {
		return err
	}
	return c.output(r, func(w io.Writer) {
		if outcome == core.Reactivated {
			fmt.Fprintf(w, "%s had cancelled and is registered again.\n", r.Email)
		} else {
			fmt.Fprintf(w, "%s is registered.\n", r.Email)
		}
	})
}

func registrantImport(c *call, registrants core.RegistrantService) error {
	f := newEventFlags("registrant import")
	dryRun := f.Bool("dry-run", false, "")
	skip := f.Bool("skip-invalid", false, "")
	id, pos, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return core.Errorf(core.EINVALID, "registrant import: give one CSV or Excel (.xlsx) file, e.g. \"turnout registrant import --event 3 list.xlsx\".")
	}
	name, err := c.path(pos[0])
	if err != nil {
		return err
	}
	file, err := os.Open(name)
	if err != nil {
		return core.Errorf(core.EINVALID, "Cannot open %s; check the file name.", pos[0])
	}
	defer file.Close()
	plan, err := registrants.PreviewImport(c.ctx, id, file)
	if err != nil {
		return err
	}
	plan.SkipInvalid = *skip
	if refusal := plan.Refusal(); refusal != nil && !*dryRun {
		if c.g.JSON {
			return refusal
		}
		printImportLines(c.stdout, plan) // staff see every such line at once
		n := len(plan.Invalid)
		return core.Errorf(core.EINVALID, "Nothing was imported: %s cannot be imported (listed above). Fix the file and "+
			"import it again, or run the same command with --skip-invalid to import the other %d.", plan.CountLines(n), plan.Writes())
	}
	if !*dryRun {
		if plan, err = registrants.ApplyImport(c.ctx, plan, nil); err != nil {
			return err
		}
	}
	return c.output(plan, func(w io.Writer) {
		verb := "Imported"
		if *dryRun {
			verb = "Dry run, nothing written. Would import"
		}
		fmt.Fprintf(w, "%s: %s\n", verb, plan.Summary())
		if plan.Sheet != "" {
			fmt.Fprintf(w, "Read the sheet %q.\n", plan.Sheet)
		}
		printImportLines(w, plan)
		if *dryRun && plan.Refusal() != nil {
			fmt.Fprintf(w, "Importing would stop at the invalid %s above, writing nothing, unless you add --skip-invalid.\n",
				plan.CountLines(len(plan.Invalid)))
		}
	})
}

// printImportLines lists the skipped lines with the person and reason, then
// the updated ones with what changes, each section in file order.
func printImportLines(w io.Writer, plan *core.ImportPlan) {
	skipped := slices.Concat(plan.Invalid, plan.Duplicates)
	slices.SortStableFunc(skipped, func(a, b core.ImportLine) int { return a.Line - b.Line })
	if len(skipped) > 0 {
		fmt.Fprintln(w, "Skipped:")
	}
	for _, l := range skipped {
		fmt.Fprintf(w, "  %s: %s%s\n", plan.Place(l.Line), personDash(l), l.Reason)
	}
	if len(plan.Changed) > 0 {
		fmt.Fprintln(w, "Changed:")
	}
	for _, l := range plan.Changed {
		what := l.ChangesText()
		if l.Action == core.ImportReactivate {
			what = strings.TrimSuffix("registered again (had cancelled); "+what, "; ")
		}
		fmt.Fprintf(w, "  %s: %s%s\n", plan.Place(l.Line), personDash(l), what)
	}
}

// personDash is "Ann Lee <ann@example.org> — ", or "" for a line that
// could not be read.
func personDash(l core.ImportLine) string {
	if p := l.Person(); p != "" {
		return p + " — "
	}
	return ""
}

func registrantCancel(c *call, registrants core.RegistrantService) error {
	f := newEventFlags("registrant cancel")
	email := f.String("email", "", "")
	f.require("email")
	id, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	r, err := registrants.CancelByEmail(c.ctx, id, *email)
	if err != nil {
		return err
	}
	return c.output(r, func(w io.Writer) { fmt.Fprintf(w, "Registration of %s is cancelled.\n", r.Email) })
}

func registrantList(c *call, registrants core.RegistrantService) error {
	f := newEventFlags("registrant list")
	id, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	list, err := registrants.Registrants(c.ctx, id)
	if err != nil {
		return err
	}
	return c.output(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, "Nobody is registered yet.")
			return
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tEMAIL\tSTATUS\tCHECKED IN\tMINUTES")
		for _, r := range list {
			in, minutes := "", ""
			if r.CheckIn != nil {
				in, minutes = r.CheckIn.Source.Label(), fmt.Sprint(r.CheckIn.Minutes)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name(), r.Email, r.Status, in, minutes)
		}
		tw.Flush()
	})
}
