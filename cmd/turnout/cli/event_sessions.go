package cli

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/turnout-app/turnout/core"
)

// "turnout event sessions": a webinar's sessions at the provider, to give
// "event add --xid2" the right session ID (the window's "Choose session…").

func init() {
	commands = append(commands,
		command{[]string{"event", "sessions"}, "--account NAME --xid WEBINARID [--kind K]", func(c *call, s core.Services) error {
			return eventSessions(c, s.Accounts, s.Sync, s.Settings, s.Clock)
		}},
	)
}

func eventSessions(c *call, accounts core.AccountService, providerSync core.ProviderSyncService, settings core.SettingsService, clock core.Clock) error {
	f := newFlags("event sessions")
	account := f.String("account", "", "")
	xid := f.String("xid", "", "")
	kind := f.String("kind", "", "")
	f.require("account", "xid")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, *account)
	if err != nil {
		return err
	}
	list, err := providerSync.Sessions(c.ctx, a.ID, core.MeetingKind(*kind), *xid)
	if err != nil {
		return err
	}
	loc := time.UTC
	if o, err := settings.Office(c.ctx); err == nil {
		if l, err := core.LoadLocation(o.TimeZone); err == nil && o.TimeZone != "" {
			loc = l
		}
	}
	if list == nil {
		list = []core.Session{}
	}
	now := clock.Now()
	return c.output(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintf(w, "%s lists no sessions for webinar %s in the last year or ahead; check the webinar ID.\n", a.Provider.Label(), *xid)
			return
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SESSION ID\tSTARTS (OFFICE TIME)\tLENGTH\tSTATUS")
		for _, s := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.ID, s.Start.In(loc).Format("2006-01-02 15:04 MST"), fmt.Sprintf("%d min", int(s.Duration.Minutes())), sessionStatus(s, now))
		}
		tw.Flush()
		fmt.Fprintf(w, "Link an event to one: turnout event add --account %q --xid %s --xid2 SESSIONID\n", a.Name, *xid)
	})
}

// sessionStatus says where a session stands, in office words.
func sessionStatus(s core.Session, now time.Time) string {
	switch {
	case s.Past:
		return "held"
	case !now.Before(s.Start):
		return "under way"
	}
	return "upcoming"
}
