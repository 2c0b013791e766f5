package cli

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/turnout-app/turnout/core"
)

// The office settings and the reminder email: the window's Settings page
// and its reminder template editor.

func init() {
	commands = append(commands,
		command{[]string{"office", "show"}, "", func(c *call, s core.Services) error { return officeShow(c, s.Settings) }},
		command{[]string{"office", "set"}, "[--name N] [--tz ZONE] [--color #RRGGBB] [--reply-to EMAIL] [--logo FILE.png|FILE.jpg | --no-logo] " +
			"(only the options given change)", func(c *call, s core.Services) error { return officeSet(c, s.Settings) }},
		command{[]string{"template", "show"}, "[--html] (the reminder email's subject and text)",
			func(c *call, s core.Services) error { return templateShow(c, s.Settings) }},
		command{[]string{"template", "set"}, "[--subject S] [--text-file FILE] [--html-file FILE] | --reset (placeholders such as {First name} as in the window)",
			func(c *call, s core.Services) error { return templateSet(c, s.Settings) }},
	)
}

// officeJSON leaves the logo's bytes out of listings.
func officeJSON(o core.Office) map[string]any {
	return map[string]any{"name": o.Name, "time_zone": o.TimeZone, "header_color": o.HeaderColor, "reply_to": o.ReplyTo, "logo": len(o.Logo) > 0}
}

func printOffice(w io.Writer, o core.Office) {
	fmt.Fprintf(w, "Office: %s\nTime zone: %s\nHeader colour: %s\n", o.Name, o.TimeZone, o.HeaderColor)
	if o.ReplyTo != "" {
		fmt.Fprintf(w, "Replies go to: %s\n", o.ReplyTo)
	}
	if len(o.Logo) > 0 {
		fmt.Fprintf(w, "Logo: %d KB\n", (len(o.Logo)+1023)/1024)
	}
}

func officeShow(c *call, settings core.SettingsService) error {
	if _, err := newFlags("office show").parse(c.args); err != nil {
		return err
	}
	o, err := settings.Office(c.ctx)
	if err != nil {
		return err
	}
	return c.output(officeJSON(o), func(w io.Writer) { printOffice(w, o) })
}

func officeSet(c *call, settings core.SettingsService) error {
	f := newFlags("office set")
	name := f.String("name", "", "")
	tz := f.String("tz", "", "")
	color := f.String("color", "", "")
	replyTo := f.String("reply-to", "", "")
	logo := f.String("logo", "", "")
	noLogo := f.Bool("no-logo", false, "")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	o, err := settings.Office(c.ctx)
	if err != nil {
		return err
	}
	changed := 0
	var setErr error
	f.Visit(func(fl *flag.Flag) {
		changed++
		switch fl.Name {
		case "name":
			o.Name = *name
		case "tz":
			o.TimeZone = *tz
		case "color":
			o.HeaderColor = *color
		case "reply-to":
			o.ReplyTo = *replyTo
		case "no-logo":
			if *noLogo {
				o.Logo = nil
			}
		case "logo":
			setErr = readLogo(c, *logo, &o)
		}
	})
	if setErr != nil {
		return setErr
	}
	if changed == 0 {
		return core.Errorf(core.EINVALID, "office set: nothing to change; give an option such as --name or --tz.")
	}
	if o, err = settings.SaveOffice(c.ctx, o); err != nil {
		return err
	}
	return c.output(officeJSON(o), func(w io.Writer) { printOffice(w, o) })
}

func readLogo(c *call, name string, o *core.Office) error {
	path, err := c.path(name)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return core.Errorf(core.EINVALID, "Cannot read the logo %s; check the file name.", name)
	}
	o.Logo = b
	return nil
}

func templateShow(c *call, settings core.SettingsService) error {
	f := newFlags("template show")
	html := f.Bool("html", false, "")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	t, err := settings.ReminderTemplates(c.ctx)
	if err != nil {
		return err
	}
	return c.output(t, func(w io.Writer) {
		fmt.Fprintf(w, "Subject: %s\n\n", t.Subject)
		if *html {
			fmt.Fprintln(w, t.HTML)
		} else {
			fmt.Fprintln(w, t.Text)
		}
		fmt.Fprintln(w, "\nPlaceholders:")
		for _, p := range core.ReminderPlaceholders {
			fmt.Fprintf(w, "  {%s}  %s\n", p.Name, p.Help)
		}
	})
}

func templateSet(c *call, settings core.SettingsService) error {
	f := newFlags("template set")
	subject := f.String("subject", "", "")
	textFile := f.String("text-file", "", "")
	htmlFile := f.String("html-file", "", "")
	reset := f.Bool("reset", false, "")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	t, err := settings.ReminderTemplates(c.ctx)
	if err != nil {
		return err
	}
	if *reset {
		t = core.MailTemplates{} // empty fields are the defaults
	}
	changed := *reset
	if hasFlag(c.args, "subject") {
		t.Subject, changed = *subject, true
	}
	for _, file := range []struct {
		name string
		into *string
	}{{*textFile, &t.Text}, {*htmlFile, &t.HTML}} {
		if file.name == "" {
			continue
		}
		path, err := c.path(file.name)
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return core.Errorf(core.EINVALID, "Cannot read %s; check the file name.", file.name)
		}
		*file.into, changed = string(b), true
	}
	if !changed {
		return core.Errorf(core.EINVALID, "template set: nothing to change; give --subject, --text-file, --html-file or --reset.")
	}
	if err := settings.SaveReminderTemplates(c.ctx, t); err != nil {
		return err
	}
	return c.output(map[string]any{"saved": true}, func(w io.Writer) {
		fmt.Fprintln(w, "The reminder email is saved; \"turnout template show\" shows it.")
	})
}
