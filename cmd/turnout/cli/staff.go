package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// The office's staff list: addresses and "@domains" whose people check-in
// counts as staff, never as walk-ins or attendees.

func init() {
	commands = append(commands,
		command{[]string{"staff", "add"}, "ADDRESS|@DOMAIN", func(c *call, s core.Services) error { return staffAdd(c, s.Staff) }},
		command{[]string{"staff", "remove"}, "ADDRESS|@DOMAIN", func(c *call, s core.Services) error { return staffRemove(c, s.Staff) }},
		command{[]string{"staff", "list"}, "", func(c *call, s core.Services) error { return staffList(c, s.Staff) }},
	)
}

func staffAdd(c *call, staff core.StaffService) error {
	entry, err := staffEntry("staff add", c.args)
	if err != nil {
		return err
	}
	list, err := staff.AddStaff(c.ctx, entry)
	if err != nil {
		return err
	}
	return c.output(list, func(w io.Writer) {
		fmt.Fprintf(w, "%s is on the staff list; check-ins from now on count them as staff, not as attendees or walk-ins.\n",
			strings.ToLower(strings.TrimSpace(entry)))
	})
}

func staffRemove(c *call, staff core.StaffService) error {
	entry, err := staffEntry("staff remove", c.args)
	if err != nil {
		return err
	}
	list, err := staff.RemoveStaff(c.ctx, entry)
	if err != nil {
		return err
	}
	return c.output(list, func(w io.Writer) {
		fmt.Fprintf(w, "%s is off the staff list; the next check-in counts them as attendees or walk-ins.\n",
			strings.ToLower(strings.TrimSpace(entry)))
	})
}

func staffList(c *call, staff core.StaffService) error {
	if _, err := newFlags("staff list").parse(c.args); err != nil {
		return err
	}
	list, err := staff.ListStaff(c.ctx)
	if err != nil {
		return err
	}
	if list == nil {
		list = []string{} // JSON: [] rather than null
	}
	return c.output(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, `Nobody is on the staff list. Add an address or a whole domain with "turnout staff add @example.org".`)
			return
		}
		for _, e := range list {
			fmt.Fprintln(w, e)
		}
	})
}

// staffEntry is the one address or domain a command was given.
func staffEntry(name string, args []string) (string, error) {
	rest, err := newFlags(name).parse(args)
	if err != nil {
		return "", err
	}
	if len(rest) != 1 {
		return "", core.Errorf(core.EINVALID, "%s takes one address or @domain, e.g. turnout %s @riverside.example.org.", name, name)
	}
	return rest[0], nil
}
