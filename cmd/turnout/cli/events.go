package cli

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/turnout-app/turnout/core"
)

var commands = []command{
	{[]string{"event", "add"}, "", func(c *call, s core.Services) error { return eventAdd(c, s.Settings, s.Events, s.Accounts, s.Sync) }}, // usage: eventAddUsage (providers.go)
	{[]string{"event", "list"}, "[--search TEXT]", func(c *call, s core.Services) error { return eventList(c, s.Events) }},
	{[]string{"event", "show"}, "ID", func(c *call, s core.Services) error { return eventShow(c, s.Events) }},
	{[]string{"registrant", "add"}, "--event ID --email E [--first F] [--last L] [--external-id X] [--source S]", func(c *call, s core.Services) error { return registrantAdd(c, s.Registrants) }},
	{[]string{"registrant", "import"}, "--event ID FILE.csv|FILE.xlsx [--dry-run] [--skip-invalid: import the other lines when some cannot be imported]", func(c *call, s core.Services) error { return registrantImport(c, s.Registrants) }},
	{[]string{"registrant", "cancel"}, "--event ID --email E", func(c *call, s core.Services) error { return registrantCancel(c, s.Registrants) }},
	{[]string{"registrant", "list"}, "--event ID", func(c *call, s core.Services) error { return registrantList(c, s.Registrants) }},
	{[]string{"report"}, "--event ID", func(c *call, s core.Services) error { return report(c, s.Reports, s.CheckIn) }},
	{[]string{"export"}, "--event ID --format csv|xlsx --out FILE [--group all|attended|absent|unmatched] [--force]", func(c *call, s core.Services) error { return exportCmd(c, s.Reports, s.DataFile) }},
	{[]string{"backup"}, "--out FILE [--force]", func(c *call, s core.Services) error { return backup(c, s.DataFile) }},
}

func eventAdd(c *call, settings core.SettingsService, events core.EventService, accounts core.AccountService, providerSync core.ProviderSyncService) error {
	if hasFlag(c.args, "account") {
		return eventAddLinked(c, accounts, providerSync)
	}
	f := newFlags("event add")
	title := f.String("title", "", "")
	start := f.String("start", "", "")
	tz := f.String("tz", "", "")
	duration := f.Int("duration", 60, "")
	provider := f.String("provider", "link", "")
	kind := f.String("kind", "", "")
	xid := f.String("xid", "", "")
	xid2 := f.String("xid2", "", "")
	url := f.String("url", "", "")
	password := f.String("password", "", "")
	description := f.String("description", "", "")
	reminderHours := f.Float64("reminder-hours", core.DefaultReminderLead.Hours(), "")
	clickMinutes := f.Int("click-window", int(core.DefaultClickWindow.Minutes()), "")
	f.require("title", "start")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	officeZone := core.MachineZone(*tz) // "" and "Local" would follow the computer, not the office
	if officeZone {
		o, err := settings.Office(c.ctx)
		if err != nil {
			return err
		}
		*tz = o.TimeZone
	}
	p, err := core.ParseProvider(*provider)
	if err != nil {
		return err
	}
	at, err := core.ParseLocalTime(*start, *tz)
	if err != nil {
		return err
	}
	ev, err := events.CreateEvent(c.ctx, core.Event{
		Title: *title, Description: *description, Start: at, TimeZone: *tz,
		Duration:     time.Duration(*duration) * time.Minute,
		ReminderLead: time.Duration(*reminderHours * float64(time.Hour)),
		ClickWindow:  time.Duration(*clickMinutes) * time.Minute,
		Location: core.Location{Provider: p, Kind: core.MeetingKind(*kind), ExternalID: *xid,
			ExternalID2: *xid2, JoinURL: *url, Password: *password},
	})
	if err != nil {
		return err
	}
	if officeZone { // on stderr: scripts read the new ID from stdout
		fmt.Fprintf(c.stderr, "Times are in %s, the office's time zone (--tz names another).\n", *tz)
	}
	return c.output(ev, func(w io.Writer) { fmt.Fprintln(w, ev.ID) })
}

func eventList(c *call, events core.EventService) error {
	f := newFlags("event list")
	search := f.String("search", "", "")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	list, err := events.ListEvents(c.ctx, *search)
	if err != nil {
		return err
	}
	if list == nil {
		list = []core.EventSummary{}
	}
	return c.output(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, `No events yet. Add one with "turnout event add".`)
			return
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSTART\tTITLE\tPROVIDER\tREGISTERED\tCANCELLED\tCHECKED IN")
		for _, s := range list {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\n", s.ID, localStart(s.Event), s.Title,
				s.Location.Provider.Label(), s.Registered, s.Cancelled, s.CheckedIn)
		}
		tw.Flush()
	})
}

func eventShow(c *call, events core.EventService) error {
	pos, err := newFlags("event show").parse(c.args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return core.Errorf(core.EINVALID, "event show: give one event ID, e.g. \"turnout event show 3\".")
	}
	id, err := parseID("Event", pos[0])
	if err != nil {
		return err
	}
	ev, err := events.Event(c.ctx, id)
	if err != nil {
		return err
	}
	return c.output(ev, func(w io.Writer) {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "ID\t%d\nTitle\t%s\nStart\t%s\nDuration\t%d min\n", ev.ID, ev.Title, localStart(ev), int(ev.Duration.Minutes()))
		fmt.Fprintf(tw, "Provider\t%s\n", ev.Location.Provider.Label())
		if ev.Location.ExternalID != "" {
			fmt.Fprintf(tw, "Provider ID\t%s %s\n", ev.Location.ExternalID, ev.Location.ExternalID2)
		}
		if ev.Location.JoinURL != "" {
			fmt.Fprintf(tw, "Join URL\t%s\n", ev.Location.JoinURL)
		}
		fmt.Fprintf(tw, "Reminder\t%s\n", ev.ReminderAt().In(zone(ev)).Format("Mon 2 Jan 2006, 15:04 MST"))
		if ev.Description != "" {
			fmt.Fprintf(tw, "Description\t%s\n", ev.Description)
		}
		tw.Flush()
	})
}

func zone(ev core.Event) *time.Location {
	loc, err := core.LoadLocation(ev.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

func localStart(ev core.Event) string {
	return ev.Start.In(zone(ev)).Format("2006-01-02 15:04 MST")
}
