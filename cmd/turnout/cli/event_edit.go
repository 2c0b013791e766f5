package cli

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Changing, copying and deleting an event: what the window's event editor,
// "Duplicate" and "Delete" do.

func init() {
	commands = append(commands,
		command{[]string{"event", "set"}, "ID [--title T] [--start \"YYYY-MM-DD HH:MM\"] [--tz ZONE] [--duration MIN] [--url URL] " +
			"[--password P] [--description D] [--reminder-hours H] [--min-minutes N | --min-percent P: who counts as attended] " +
			"[--sessions K: attended means at least K sessions] (only the options given change)",
			func(c *call, s core.Services) error { return eventSet(c, s.Events) }},
		command{[]string{"event", "duplicate"}, "ID (a copy a week later, without registrants)",
			func(c *call, s core.Services) error { return eventDuplicate(c, s.Events) }},
		command{[]string{"event", "delete"}, "ID --yes (deletes the event with its registrants and check-ins)",
			func(c *call, s core.Services) error { return eventDelete(c, s.Events, s.Registrants) }},
	)
}

// eventID reads the one event ID an "event …" command takes.
func eventID(name string, pos []string) (core.ID, error) {
	if len(pos) != 1 {
		return 0, core.Errorf(core.EINVALID, "%s: give one event ID, e.g. \"turnout %s 3\".", name, name)
	}
	return parseID("Event", pos[0])
}

func eventSet(c *call, events core.EventService) error {
	f := newFlags("event set")
	title := f.String("title", "", "")
	start := f.String("start", "", "")
	tz := f.String("tz", "", "")
	duration := f.Int("duration", 0, "")
	url := f.String("url", "", "")
	password := f.String("password", "", "")
	description := f.String("description", "", "")
	reminderHours := f.Float64("reminder-hours", 0, "")
	minMinutes := f.Int("min-minutes", 0, "")
	minPercent := f.Int("min-percent", 0, "")
	sessions := f.Int("sessions", 0, "")
	pos, err := f.parse(c.args)
	if err != nil {
		return err
	}
	id, err := eventID("event set", pos)
	if err != nil {
		return err
	}
	given := map[string]bool{}
	f.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	if len(given) == 0 {
		return core.Errorf(core.EINVALID, "event set: nothing to change; give an option such as --title or --min-minutes (\"turnout event set --help\" lists them).")
	}
	if given["min-minutes"] && given["min-percent"] {
		return core.Errorf(core.EINVALID, "event set: give either --min-minutes or --min-percent, not both.")
	}
	ev, err := events.Event(c.ctx, id)
	if err != nil {
		return err
	}
	if given["title"] {
		ev.Title = *title
	}
	if given["start"] || given["tz"] {
		// A new zone keeps the time as typed: 14:00 stays 14:00 there.
		if !given["start"] {
			*start = ev.Start.In(zone(ev)).Format("2006-01-02 15:04")
		}
		if !given["tz"] {
			*tz = ev.TimeZone
		}
		if ev.Start, err = core.ParseLocalTime(*start, *tz); err != nil {
			return err
		}
		ev.TimeZone = *tz
	}
	if given["duration"] {
		ev.Duration = time.Duration(*duration) * time.Minute
	}
	if given["url"] {
		ev.Location.JoinURL = *url
	}
	if given["password"] {
		ev.Location.Password = *password
	}
	if given["description"] {
		ev.Description = *description
	}
	if given["reminder-hours"] {
		ev.ReminderLead = time.Duration(*reminderHours * float64(time.Hour))
	}
	if given["min-minutes"] {
		ev.Attendance.Minutes, ev.Attendance.Percent = *minMinutes, 0
	}
	if given["min-percent"] {
		ev.Attendance.Minutes, ev.Attendance.Percent = 0, *minPercent
	}
	if given["sessions"] {
		ev.Attendance.Sessions = *sessions
	}
	ev, warnings, err := events.SaveEvent(c.ctx, ev)
	if err != nil {
		return err
	}
	for _, w := range warnings { // on stderr: the output is the event
		fmt.Fprintln(c.stderr, w)
	}
	return c.output(ev, func(w io.Writer) {
		fmt.Fprintf(w, "Event %d saved: %s, %s; attended = %s.\n", ev.ID, ev.Title, localStart(ev), ev.Attendance)
	})
}

func eventDuplicate(c *call, events core.EventService) error {
	pos, err := newFlags("event duplicate").parse(c.args)
	if err != nil {
		return err
	}
	id, err := eventID("event duplicate", pos)
	if err != nil {
		return err
	}
	ev, err := events.DuplicateEvent(c.ctx, id)
	if err != nil {
		return err
	}
	return c.output(ev, func(w io.Writer) { fmt.Fprintln(w, ev.ID) })
}

func eventDelete(c *call, events core.EventService, registrants core.RegistrantService) error {
	f := newFlags("event delete")
	yes := f.Bool("yes", false, "")
	pos, err := f.parse(c.args)
	if err != nil {
		return err
	}
	id, err := eventID("event delete", pos)
	if err != nil {
		return err
	}
	ev, err := events.Event(c.ctx, id)
	if err != nil {
		return err
	}
	if !*yes {
		list, err := registrants.Registrants(c.ctx, id)
		if err != nil {
			return err
		}
		checkedIn := 0
		for _, r := range list {
			if r.CheckIn != nil {
				checkedIn++
			}
		}
		return core.Errorf(core.ECONFLICT, "Nothing deleted. Deleting event %d %q (%s) also deletes its %d registrants and %d check-ins, "+
			"and cannot be undone; back up first (\"turnout backup --out FILE\"), then add --yes.", ev.ID, ev.Title, localStart(ev), len(list), checkedIn)
	}
	if err := events.DeleteEvent(c.ctx, id); err != nil {
		return err
	}
	return c.output(map[string]any{"deleted": id}, func(w io.Writer) {
		fmt.Fprintf(w, "Event %d %q is deleted.\n", ev.ID, ev.Title)
	})
}
