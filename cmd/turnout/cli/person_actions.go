package cli

import (
	"fmt"
	"io"

	"github.com/turnout-app/turnout/core"
)

// What staff do to one registrant from the window's registrants table
// besides editing: check in by hand, undo a check-in, resend the reminder
// and preview the exact email they get.

func init() {
	commands = append(commands,
		command{[]string{"checkin", "person"}, "--event ID (--email E | --id N) (checks one registrant in by hand)",
			func(c *call, s core.Services) error { return checkinPerson(c, s.Registrants, s.CheckIn, false) }},
		command{[]string{"checkin", "undo"}, "--event ID (--email E | --id N) (they count as absent again)",
			func(c *call, s core.Services) error { return checkinPerson(c, s.Registrants, s.CheckIn, true) }},
		command{[]string{"remind", "resend"}, "--event ID (--email E | --id N | --all) (queues the reminder again; \"turnout serve\" or the window sends it)",
			func(c *call, s core.Services) error { return remindResend(c, s.Registrants, s.Reminders) }},
		command{[]string{"remind", "preview"}, "--event ID (--email E | --id N) [--html] (the reminder this person gets)",
			func(c *call, s core.Services) error { return remindPreview(c, s.Registrants, s.Reminders) }},
	)
}

func checkinPerson(c *call, registrants core.RegistrantService, checkIn core.CheckInService, undo bool) error {
	name := "checkin person"
	if undo {
		name = "checkin undo"
	}
	r, err := newWhoFlags(name).find(c, registrants)
	if err != nil {
		return err
	}
	if undo {
		r, err = checkIn.UndoCheckIn(c.ctx, r.EventID, r.ID)
	} else {
		r, err = checkIn.CheckInManually(c.ctx, r.EventID, r.ID)
	}
	if err != nil {
		return err
	}
	return c.output(r, func(w io.Writer) {
		if undo {
			fmt.Fprintf(w, "%s's check-in is undone; they count as absent.\n", r.Email)
		} else {
			fmt.Fprintf(w, "%s is checked in.\n", r.Email)
		}
	})
}

func remindResend(c *call, registrants core.RegistrantService, reminders core.ReminderService) error {
	f := newWhoFlags("remind resend")
	all := f.Bool("all", false, "")
	if !hasFlag(c.args, "all") {
		r, err := f.find(c, registrants)
		if err != nil {
			return err
		}
		if err := reminders.Resend(c.ctx, r.EventID, r.ID); err != nil {
			return err
		}
		return c.output(map[string]any{"queued": 1, "email": r.Email}, func(w io.Writer) {
			fmt.Fprintf(w, "The reminder to %s is waiting to send; \"turnout serve\" or the window sends it.\n", r.Email)
		})
	}
	eventID, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	if !*all || *f.email != "" || *f.id != "" {
		return core.Errorf(core.EINVALID, "remind resend: give --all, or --email or --id, not both.")
	}
	n, err := reminders.ResendAll(c.ctx, eventID)
	if err != nil {
		return err
	}
	return c.output(map[string]any{"queued": n}, func(w io.Writer) {
		fmt.Fprintf(w, "%d reminder(s) waiting to send; \"turnout serve\" or the window sends them.\n", n)
	})
}

func remindPreview(c *call, registrants core.RegistrantService, reminders core.ReminderService) error {
	f := newWhoFlags("remind preview")
	html := f.Bool("html", false, "")
	r, err := f.find(c, registrants)
	if err != nil {
		return err
	}
	m, err := reminders.PreviewReminder(c.ctx, r.EventID, r.ID)
	if err != nil {
		return err
	}
	out := map[string]any{"from": m.From, "to": m.To, "reply_to": m.ReplyTo, "subject": m.Subject, "text": m.Text, "html": m.HTML}
	return c.output(out, func(w io.Writer) {
		fmt.Fprintf(w, "From: %s\nTo: %s <%s>\nSubject: %s\n\n", m.From, m.ToName, m.To, m.Subject)
		if *html {
			fmt.Fprintln(w, m.HTML)
		} else {
			fmt.Fprintln(w, m.Text)
		}
	})
}
