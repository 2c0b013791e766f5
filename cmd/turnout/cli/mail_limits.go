package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/turnout-app/turnout/core"
)

func init() {
	commands = append(commands,
		command{[]string{"mail", "limits"}, "--preset microsoft365|google-workspace|gmail|ses-sandbox|custom [--per-minute N --per-day N --connections K]", func(c *call, s core.Services) error { return mailLimits(c, s.Settings) }},
	)
}

// mailLimits sets the sending profile: a preset's published limits, with
// any of the three numbers changed.
func mailLimits(c *call, settings core.SettingsService) error {
	f := newFlags("mail limits")
	preset := f.String("preset", "", "")
	perMinute := f.Int("per-minute", 0, "")
	perDay := f.Int("per-day", 0, "")
	conns := f.Int("connections", 0, "")
	f.require("preset")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	pr, err := core.ParseMailPreset(*preset)
	if err != nil {
		return err
	}
	p := core.PresetProfile(pr)
	f.Visit(func(fl *flag.Flag) {
		switch fl.Name {
		case "per-minute":
			p.PerMinute = *perMinute
		case "per-day":
			p.PerDay = *perDay
		case "connections":
			p.Connections = *conns
		}
	})
	if err := p.Validate(); err != nil {
		return err
	}
	cfg, err := settings.MailSettings(c.ctx)
	if err != nil {
		return err
	}
	if !cfg.Configured() {
		return core.Errorf(core.EINVALID, "Set up the mail server first (\"turnout mail set\"); its limits come after.")
	}
	cfg.Profile = p
	saved, err := settings.SaveMailSettings(c.ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "Sending limits saved: "+saved.SendingProfile().String())
	return nil
}

// printSendingProfile is the profile line of "mail show".
func printSendingProfile(w io.Writer, cfg core.MailSettings) {
	how := "chosen from the server's name"
	if cfg.Profile.Preset != "" {
		how = "set in the settings"
	}
	fmt.Fprintf(w, "Sending limits (%s): %s\n", how, cfg.SendingProfile())
}

// printPace tells staff when an event's reminders leave and what the
// mail service's limits mean for them.
func printPace(w io.Writer, p core.ReminderPace) {
	if s := p.String(); s != "" {
		fmt.Fprintln(w, s)
	}
	for _, warn := range p.Warnings {
		fmt.Fprintln(w, "Warning: "+warn)
	}
}
