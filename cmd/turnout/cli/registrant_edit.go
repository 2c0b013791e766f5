package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// Changing a registrant, registering a cancelled one again and "deleting"
// one: what the window's registrant form, Re-register and Delete key do.
//
// Turnout never erases a registrant: who registered, was reminded and came
// is the office's record, and the store removes a registrant only to undo
// an add made moments ago. So "registrant delete" does what the window's
// Delete key does: it cancels the registration (no reminders, not counted),
// keeping the history; "registrant reregister" takes it back.

func init() {
	commands = append(commands,
		command{[]string{"registrant", "set"}, "--event ID (--email E | --id N) [--first F] [--last L] [--new-email E] " +
			"[--external-id X] [--source S] (only the options given change)",
			func(c *call, s core.Services) error { return registrantSet(c, s.Registrants) }},
		command{[]string{"registrant", "delete"}, "--event ID (--email E | --id N) --yes (cancels the registration, as the " +
			"window's Delete key does; Turnout keeps their history)",
			func(c *call, s core.Services) error { return registrantDelete(c, s.Registrants) }},
		command{[]string{"registrant", "reregister"}, "--event ID (--email E | --id N) (registers a cancelled person again)",
			func(c *call, s core.Services) error { return registrantReregister(c, s.Registrants) }},
	)
}

// whoFlags are --email and --id, which pick one registrant of --event.
type whoFlags struct {
	*flags
	email, id *string
}

func newWhoFlags(name string) whoFlags {
	f := newEventFlags(name)
	return whoFlags{flags: f, email: f.String("email", "", ""), id: f.String("id", "", "")}
}

// find parses the options and loads the registrant they pick.
func (f whoFlags) find(c *call, registrants core.RegistrantService) (core.Registrant, error) {
	eventID, _, err := f.parseEvent(c.args)
	if err != nil {
		return core.Registrant{}, err
	}
	switch {
	case (*f.email == "") == (*f.id == ""):
		return core.Registrant{}, core.Errorf(core.EINVALID, "%s: give --email or --id (\"turnout registrant list --event %d\" shows both).", f.Name(), eventID)
	case *f.id != "":
		id, err := parseID("Registrant", *f.id)
		if err != nil {
			return core.Registrant{}, err
		}
		return registrants.Registrant(c.ctx, eventID, id)
	}
	list, err := registrants.Registrants(c.ctx, eventID)
	if err != nil {
		return core.Registrant{}, err
	}
	for _, r := range list {
		if strings.EqualFold(strings.TrimSpace(r.Email), strings.TrimSpace(*f.email)) {
			return r, nil
		}
	}
	return core.Registrant{}, core.Errorf(core.ENOTFOUND, "Nobody with email %s is registered for event %d; \"turnout registrant list --event %d\" shows who is.", *f.email, eventID, eventID)
}

func registrantSet(c *call, registrants core.RegistrantService) error {
	f := newWhoFlags("registrant set")
	first := f.String("first", "", "")
	last := f.String("last", "", "")
	newEmail := f.String("new-email", "", "")
	externalID := f.String("external-id", "", "")
	source := f.String("source", "", "")
	r, err := f.find(c, registrants)
	if err != nil {
		return err
	}
	changed := 0
	f.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "first":
			r.FirstName = *first
		case "last":
			r.LastName = *last
		case "new-email":
			r.Email = *newEmail
		case "external-id":
			r.ExternalID = *externalID
		case "source":
			r.Source = *source
		default:
			return
		}
		changed++
	})
	if changed == 0 {
		return core.Errorf(core.EINVALID, "registrant set: nothing to change; give --first, --last, --new-email, --external-id or --source.")
	}
	if r, err = registrants.UpdateRegistrant(c.ctx, r); err != nil {
		return err
	}
	return c.output(r, func(w io.Writer) { fmt.Fprintf(w, "Saved %s <%s>.\n", r.Name(), r.Email) })
}

func registrantDelete(c *call, registrants core.RegistrantService) error {
	f := newWhoFlags("registrant delete")
	yes := f.Bool("yes", false, "")
	r, err := f.find(c, registrants)
	if err != nil {
		return err
	}
	if !r.Active() {
		return core.Errorf(core.ECONFLICT, "%s's registration is already cancelled; nothing to do.", r.Email)
	}
	if !*yes {
		return core.Errorf(core.ECONFLICT, "Nothing changed. Deleting %s cancels their registration: no reminders, not counted; "+
			"their history is kept and \"turnout registrant reregister\" takes it back. Add --yes to go ahead.", r.Email)
	}
	if r, err = registrants.CancelRegistrant(c.ctx, r.EventID, r.ID); err != nil {
		return err
	}
	return c.output(r, func(w io.Writer) { fmt.Fprintf(w, "Registration of %s is cancelled.\n", r.Email) })
}

func registrantReregister(c *call, registrants core.RegistrantService) error {
	r, err := newWhoFlags("registrant reregister").find(c, registrants)
	if err != nil {
		return err
	}
	if r, err = registrants.Reregister(c.ctx, r.EventID, r.ID); err != nil {
		return err
	}
	return c.output(r, func(w io.Writer) { fmt.Fprintf(w, "%s is registered again.\n", r.Email) })
}
