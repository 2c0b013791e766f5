package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/turnout-app/turnout/core"
)

// Walk-ins are participants who matched no registrant. Staff decide on
// them as in the window's check-in view: confirm or reject the suggested
// registrant, match them to one by hand, or register them.

func init() {
	commands = append(commands,
		command{[]string{"walkin", "list"}, "--event ID (walk-ins with their suggested registrants)",
			func(c *call, s core.Services) error { return walkinList(c, s.CheckIn) }},
		command{[]string{"walkin", "confirm"}, "--event ID --walkin N [--registrant R: default the first suggestion]",
			func(c *call, s core.Services) error { return walkinDecide(c, s.CheckIn, "confirm") }},
		command{[]string{"walkin", "reject"}, "--event ID --walkin N [--registrant R: default the first suggestion]",
			func(c *call, s core.Services) error { return walkinDecide(c, s.CheckIn, "reject") }},
		command{[]string{"walkin", "match"}, "--event ID --walkin N --registrant R (the walk-in was this registrant)",
			func(c *call, s core.Services) error { return walkinDecide(c, s.CheckIn, "match") }},
		command{[]string{"walkin", "add"}, "--event ID --walkin N [--email E] [--first F] [--last L] (registers the walk-in and checks them in)",
			func(c *call, s core.Services) error { return walkinAdd(c, s.CheckIn) }},
		command{[]string{"checkin", "history"}, "--event ID (the event's check-in runs)",
			func(c *call, s core.Services) error { return checkinHistory(c, s.CheckIn) }},
	)
}

func walkinList(c *call, checkIn core.CheckInService) error {
	id, _, err := newEventFlags("walkin list").parseEvent(c.args)
	if err != nil {
		return err
	}
	list, err := checkIn.WalkIns(c.ctx, id)
	if err != nil {
		return err
	}
	if list == nil {
		list = []core.Participant{}
	}
	return c.output(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, "No walk-ins: everyone who joined matched a registrant.")
			return
		}
		printWalkIns(w, list)
	})
}

// printWalkIns lists walk-ins with their suggestions (also the check-in
// and report output).
func printWalkIns(w io.Writer, list []core.Participant) {
	for _, p := range list {
		email := p.Email
		if email == "" {
			email = "(no email)"
		}
		fmt.Fprintf(w, "  #%d %s %s, %d min\n", p.ID, p.Name, email, p.Minutes)
		for _, s := range p.Suggestions {
			fmt.Fprintf(w, "     suggested: #%d %s <%s> (%.0f%%): %s\n", s.RegistrantID, s.Name, s.Email, s.Confidence*100, joinReasons(s.Reasons))
		}
	}
}

// walkinFlags reads --event, --walkin and --registrant; registrant is 0
// when not given.
func walkinFlags(name string, args []string) (f *flags, eventID, walkIn, registrant core.ID, err error) {
	f = newEventFlags(name)
	w := f.String("walkin", "", "")
	r := f.String("registrant", "", "")
	f.require("walkin")
	if eventID, _, err = f.parseEvent(args); err != nil {
		return
	}
	if walkIn, err = parseID("Walk-in", *w); err != nil {
		return
	}
	if *r != "" {
		registrant, err = parseID("Registrant", *r)
	}
	return
}

func walkinDecide(c *call, checkIn core.CheckInService, decision string) error {
	_, eventID, walkIn, regID, err := walkinFlags("walkin "+decision, c.args)
	if err != nil {
		return err
	}
	if regID == 0 {
		if decision == "match" {
			return core.Errorf(core.EINVALID, "walkin match: --registrant is required (\"turnout registrant list --event %d\" shows the IDs).", eventID)
		}
		if regID, err = firstSuggestion(c, checkIn, eventID, walkIn); err != nil {
			return err
		}
	}
	var r core.Registrant
	switch decision {
	case "confirm":
		r, err = checkIn.ConfirmMatch(c.ctx, eventID, walkIn, regID)
	case "match":
		r, err = checkIn.MatchWalkIn(c.ctx, eventID, walkIn, regID)
	default:
		err = checkIn.RejectMatch(c.ctx, eventID, walkIn, regID)
	}
	if err != nil {
		return err
	}
	if decision == "reject" {
		return c.output(map[string]any{"walk_in": walkIn, "rejected": regID}, func(w io.Writer) {
			fmt.Fprintf(w, "Walk-in #%d is not registrant #%d; they stay a walk-in.\n", walkIn, regID)
		})
	}
	return c.output(r, func(w io.Writer) { fmt.Fprintf(w, "Walk-in #%d is %s <%s>, checked in.\n", walkIn, r.Name(), r.Email) })
}

// firstSuggestion is the registrant Turnout suggests first for a walk-in.
func firstSuggestion(c *call, checkIn core.CheckInService, eventID, walkIn core.ID) (core.ID, error) {
	list, err := checkIn.WalkIns(c.ctx, eventID)
	if err != nil {
		return 0, err
	}
	for _, p := range list {
		if p.ID != walkIn {
			continue
		}
		if len(p.Suggestions) == 0 {
			return 0, core.Errorf(core.EINVALID, "Walk-in #%d has no suggested registrant; give --registrant, or use \"turnout walkin match\".", walkIn)
		}
		return p.Suggestions[0].RegistrantID, nil
	}
	return 0, core.Errorf(core.ENOTFOUND, "Walk-in #%d was not found; \"turnout walkin list --event %d\" shows the walk-ins.", walkIn, eventID)
}

func walkinAdd(c *call, checkIn core.CheckInService) error {
	f := newEventFlags("walkin add")
	w := f.String("walkin", "", "")
	var details core.Registrant
	f.StringVar(&details.Email, "email", "", "")
	f.StringVar(&details.FirstName, "first", "", "")
	f.StringVar(&details.LastName, "last", "", "")
	f.require("walkin")
	eventID, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	walkIn, err := parseID("Walk-in", *w)
	if err != nil {
		return err
	}
	r, err := checkIn.AddWalkInAsRegistrant(c.ctx, eventID, walkIn, details)
	if err != nil {
		return err
	}
	return c.output(r, func(w io.Writer) { fmt.Fprintf(w, "%s <%s> is registered and checked in.\n", r.Name(), r.Email) })
}

func checkinHistory(c *call, checkIn core.CheckInService) error {
	id, _, err := newEventFlags("checkin history").parseEvent(c.args)
	if err != nil {
		return err
	}
	runs, err := checkIn.CheckInRuns(c.ctx, id)
	if err != nil {
		return err
	}
	if runs == nil {
		runs = []core.CheckInRun{}
	}
	return c.output(runs, func(w io.Writer) {
		if len(runs) == 0 {
			fmt.Fprintln(w, "No check-in has run for this event yet.")
			return
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WHEN\tHOW\tROWS\tMATCHED\tNEW\tMORE MINUTES\tBRIEFLY\tWALK-INS\tNOTE")
		for _, r := range runs {
			note := r.Error
			if r.NotReady {
				note = "the provider had no report yet"
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\n", r.At.Local().Format("2006-01-02 15:04"), r.Trigger,
				r.Pulled, r.Matched, r.Added, r.Updated, r.Briefly, r.WalkIns, note)
		}
		tw.Flush()
	})
}
