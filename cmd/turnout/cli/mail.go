package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

func init() {
	commands = append(commands,
		command{[]string{"remind"}, "--event ID [--to EMAIL|--all] [--now]", func(c *call, s core.Services) error { return remind(c, s.Reminders, s.Settings) }},
		command{[]string{"serve"}, "(runs reminders, the mail outbox and the click endpoint until Ctrl+C)", func(c *call, s core.Services) error { return serve(c, s) }},
		command{[]string{"mail", "set"}, "--host H --port P [--tls none|starttls|tls] [--user U --password-stdin] --from F [--from-name N] [--reply-to R]", func(c *call, s core.Services) error { return mailSet(c, s.Settings) }},
		command{[]string{"mail", "connect"}, "microsoft|google --from ADDRESS [--client-id C] [--client-secret-stdin] [--tenant T] [--oauth-url URL --smtp HOST:PORT [--tls starttls|tls] --port P --timeout D]", func(c *call, s core.Services) error { return mailConnect(c, s.Settings) }},
		command{[]string{"mail", "show"}, "", func(c *call, s core.Services) error { return mailShow(c, s.Settings) }},
		command{[]string{"mail", "test"}, "--to EMAIL", func(c *call, s core.Services) error { return mailTest(c, s.Reminders) }},
		command{[]string{"track", "set"}, "--listen ADDR --base-url URL [--direct-links] [--trusted-proxy ADDR,...: the reverse proxy in front of Turnout]", func(c *call, s core.Services) error { return trackSet(c, s.Settings) }},
		command{[]string{"track", "check"}, "(checks the base URL leads to this Turnout, which must be serving)", func(c *call, s core.Services) error { return trackCheck(c, s.Settings) }},
	)
}

func remind(c *call, reminders core.ReminderService, settings core.SettingsService) error {
	f := newEventFlags("remind")
	to := f.String("to", "", "")
	all := f.Bool("all", false, "")
	now := f.Bool("now", false, "")
	id, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	if *to != "" && *all {
		return core.Errorf(core.EINVALID, "remind: use --to EMAIL or --all, not both.")
	}
	n, err := reminders.Remind(c.ctx, id, core.RemindOptions{Email: *to, All: *all})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "%d reminder(s) waiting to send.\n", n)
	if st, err := settings.TrackingStatus(c.ctx); err == nil && !st.Counted {
		fmt.Fprintln(c.stdout, st.Text)
	}
	if pace, err := reminders.ReminderPace(c.ctx, id); err == nil {
		printPace(c.stdout, pace)
	}
	if !*now {
		fmt.Fprintln(c.stdout, "They are sent by \"turnout serve\" or the Turnout window; add --now to send them from here.")
		return nil
	}
	var total core.MailSummary
	for {
		sum, err := reminders.SendQueuedMail(c.ctx)
		total.Sent += sum.Sent
		total.Failed += sum.Failed
		total.Retry += sum.Retry
		if err != nil {
			fmt.Fprintf(c.stdout, "%d sent, %d refused by the server.\n", total.Sent, total.Failed)
			return err
		}
		if sum.Paused != "" {
			fmt.Fprintln(c.stdout, sum.Paused)
			total.Remaining = sum.Remaining
			break
		}
		if sum.Sent+sum.Failed+sum.Skipped == 0 || sum.Remaining == 0 {
			total.Remaining = sum.Remaining
			break
		}
	}
	fmt.Fprintf(c.stdout, "%d sent, %d refused by the server, %d waiting to retry.\n", total.Sent, total.Failed, total.Remaining)
	return nil
}

// serve runs the background work and answers the other turnout commands
// on the same data file (relay.go), so it takes every service.
func serve(c *call, s core.Services) error {
	if _, err := newFlags("serve").parse(c.args); err != nil {
		return err
	}
	ts, err := s.Settings.TrackSettings(c.ctx)
	if err != nil {
		return err
	}
	if ts.Status().Counted {
		fmt.Fprintf(c.stdout, "Turnout is sending reminders and counting clicks (links start with %s, listening on %s). Press Ctrl+C to stop.\n", ts.BaseURL, ts.Listen)
	} else {
		fmt.Fprintf(c.stdout, "Turnout is sending reminders (click endpoint listening on %s). %s Press Ctrl+C to stop.\n", ts.Listen, ts.Status().Text)
	}
	relayed := make(chan struct{})
	go func() { ServeRelay(c.ctx, c.g, s, slog.New(slog.NewTextHandler(c.stderr, nil))); close(relayed) }()
	s.Background.Serve(c.ctx)
	<-relayed
	fmt.Fprintln(c.stdout, "Stopped.")
	return nil
}

func mailSet(c *call, settings core.SettingsService) error {
	f := newFlags("mail set")
	host := f.String("host", "", "")
	port := f.Int("port", 587, "")
	sec := f.String("tls", "starttls", "")
	user := f.String("user", "", "")
	pwStdin := f.Bool("password-stdin", false, "")
	from := f.String("from", "", "")
	fromName := f.String("from-name", "", "")
	replyTo := f.String("reply-to", "", "")
	f.require("host", "port", "from")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	security, err := core.ParseMailSecurity(*sec)
	if err != nil {
		return err
	}
	cfg := core.MailSettings{Host: *host, Port: *port, Security: security, User: *user, From: *from, FromName: *fromName, ReplyTo: *replyTo}
	if *pwStdin {
		b, err := io.ReadAll(io.LimitReader(c.stdin, 4096))
		if err != nil {
			return err
		}
		cfg.Password = strings.TrimRight(string(b), "\r\n")
		if cfg.Password == "" {
			return core.Errorf(core.EINVALID, "mail set: --password-stdin read an empty password.")
		}
	}
	saved, err := settings.SaveMailSettings(c.ctx, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, "Mail settings saved: "+saved.String())
	return nil
}

func mailShow(c *call, settings core.SettingsService) error {
	cfg, err := settings.MailSettings(c.ctx)
	if err != nil {
		return err
	}
	return c.output(cfg, func(w io.Writer) {
		if !cfg.Configured() {
			fmt.Fprintln(w, "No mail server is set up yet.")
			return
		}
		fmt.Fprintln(w, cfg.String())
		printSendingProfile(w, cfg)
		if cfg.SignIn.OAuth() {
			fmt.Fprintf(w, "Signed in with %s as %s.\n", cfg.SignIn.Label(), cfg.User)
		}
		if err := cfg.Blocked(); err != nil {
			fmt.Fprintln(w, core.ErrorMessage(err))
		}
		if note := cfg.PasswordsKept.Note(); note != "" {
			fmt.Fprintln(w, note)
		}
	})
}

func mailTest(c *call, reminders core.ReminderService) error {
	f := newFlags("mail test")
	to := f.String("to", "", "")
	f.require("to")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(c.ctx, time.Minute)
	defer cancel()
	if err := reminders.SendTestEmail(ctx, *to); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Test email sent to %s.\n", *to)
	return nil
}

func trackSet(c *call, settings core.SettingsService) error {
	f := newFlags("track set")
	listen := f.String("listen", "", "")
	base := f.String("base-url", "", "")
	direct := f.Bool("direct-links", false, "")
	proxies := f.String("trusted-proxy", "", "")
	f.require("listen", "base-url")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	ts, err := settings.SaveTrackSettings(c.ctx, core.TrackingSettings{Listen: *listen, BaseURL: *base, DirectLinks: *direct,
		TrustedProxies: strings.Split(*proxies, ",")})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "Click tracking: listening on %s, links start with %s/j/.\n", ts.Listen, ts.BaseURL)
	if len(ts.TrustedProxies) > 0 {
		fmt.Fprintf(c.stdout, "Clicks forwarded by %s are counted for the address it forwards for.\n", strings.Join(ts.TrustedProxies, ", "))
	}
	if st := ts.Status(); !st.Counted {
		fmt.Fprintln(c.stdout, strings.Replace(st.Text, "Press Check in Settings → Click tracking", "With Turnout serving, run \"turnout track check\"", 1))
	}
	return nil
}

func trackCheck(c *call, settings core.SettingsService) error {
	if _, err := newFlags("track check").parse(c.args); err != nil {
		return err
	}
	if _, err := settings.VerifyTrackingURL(c.ctx); err != nil {
		return err
	}
	st, err := settings.TrackingStatus(c.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, st.Text)
	return nil
}
