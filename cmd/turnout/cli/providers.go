package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

func init() {
	commands = append(commands,
		command{[]string{"account", "add"}, "", func(c *call, s core.Services) error { return accountAdd(c, s.Accounts) }},
		command{[]string{"provider", "list"}, "", func(c *call, _ core.Services) error { return providerList(c) }},
		command{[]string{"account", "list"}, "", func(c *call, s core.Services) error { return accountList(c, s.Accounts) }},
		command{[]string{"account", "test"}, "[NAME]", func(c *call, s core.Services) error { return accountTest(c, s.Accounts) }},
		command{[]string{"account", "disable"}, "NAME", func(c *call, s core.Services) error { return accountActive(c, false, s.Accounts) }},
		command{[]string{"account", "enable"}, "NAME", func(c *call, s core.Services) error { return accountActive(c, true, s.Accounts) }},
		command{[]string{"event", "refresh"}, "ID", func(c *call, s core.Services) error { return eventRefresh(c, s.Sync) }},
		command{[]string{"event", "import"}, "--account NAME", func(c *call, s core.Services) error { return eventImport(c, s.Accounts, s.Sync) }},
		command{[]string{"push"}, "--event ID", func(c *call, s core.Services) error { return push(c, s.Sync) }},
		command{[]string{"sandbox"}, "[--provider P] [--addr 127.0.0.1:8089]", func(c *call, _ core.Services) error { return sandbox(c) }},
	)
	usageFuncs["account add"] = accountAddUsage
	usageFuncs["event add"] = eventAddUsage
}

// eventAddUsage lists the registered providers and their kinds.
func eventAddUsage() string {
	var names, kinds []string
	for _, s := range core.ProviderSpecs() {
		names = append(names, string(s.Kind))
		for _, k := range s.Events.Kinds {
			if !slices.Contains(kinds, string(k.Kind)) {
				kinds = append(kinds, string(k.Kind))
			}
		}
	}
	return `--title T --start "YYYY-MM-DD HH:MM" --tz ZONE [--duration MIN] [--provider ` + strings.Join(names, "|") +
		`] [--kind ` + strings.Join(kinds, "|") + `] [--xid ID] [--xid2 ID] [--url URL] [--password P] [--description D] ` +
		`[--reminder-hours H] [--click-window MIN: a link's clicks count as attendance from MIN minutes before the start, default 30] ` +
		`[--account NAME: fill the rest from the account's provider]`
}

// ProviderOptions is how the app connects to providers: every adapter
// and emulator comes from the provider registry (cmd/turnout imports the
// adapters, each registering itself).
func ProviderOptions() engine.Option {
	prov := engine.WithProviders(engine.ProviderOptions{HTTP: &http.Client{Timeout: 30 * time.Second}})
	return func(e *engine.Engine) { prov(e); OAuthOptions()(e) } // connect.go
}

func oneName(c *call, what string) (string, error) {
	pos, err := newFlags(what).parse(c.args)
	if err != nil {
		return "", err
	}
	if len(pos) != 1 {
		return "", core.Errorf(core.EINVALID, "%s: give one account name, e.g. \"turnout %s Main\".", what, what)
	}
	return pos[0], nil
}

func accountAdd(c *call, accounts core.AccountService) error {
	f := newFlags("account add")
	name := f.String("name", "", "")
	apiURL := f.String("api-url", "", "")
	oauthURL := f.String("oauth-url", "", "")
	creds := credentialFlags(f, func(s core.ProviderSpec) *[]core.CredentialField {
		if s.Account.Keys == nil {
			return nil
		}
		return &s.Account.Keys.Fields
	})
	f.require("name")
	pos, err := f.parse(c.args)
	if err != nil {
		return err
	}
	spec, err := managedSpec("account add", pos, func(s core.ProviderSpec) bool { return s.Account.Keys != nil })
	if err != nil {
		return err
	}
	cr, err := creds.read(c, "account add", spec.Account.Keys.Fields)
	if err != nil {
		return err
	}
	a, err := accounts.AddAccount(c.ctx, core.Account{Name: *name, Provider: spec.Kind, Active: true,
		Credentials: cr, APIURL: *apiURL, OAuthURL: *oauthURL})
	if err != nil {
		return err
	}
	return c.output(a, func(w io.Writer) {
		fmt.Fprintf(w, "Account %q added (ID %d). Check it with \"turnout account test %s\".\n", a.Name, a.ID, a.Name)
	})
}

func accountActive(c *call, active bool, accounts core.AccountService) error {
	what := "account disable"
	if active {
		what = "account enable"
	}
	name, err := oneName(c, what)
	if err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, name)
	if err != nil {
		return err
	}
	if a, err = accounts.SetAccountActive(c.ctx, a.ID, active); err != nil {
		return err
	}
	return c.output(a, func(w io.Writer) {
		if active {
			fmt.Fprintf(w, "Account %q is on; syncs resume.\n", a.Name)
		} else {
			fmt.Fprintf(w, "Account %q is off; its syncs are paused and its credentials kept.\n", a.Name)
		}
	})
}

// hasFlag reports whether args carry --name or -name (with or without =).
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

// eventAddLinked is "event add --account N": the event is linked to a
// meeting or webinar of that account and filled in from it.
func eventAddLinked(c *call, accounts core.AccountService, providerSync core.ProviderSyncService) error {
	f := newFlags("event add")
	title := f.String("title", "", "")
	provider := f.String("provider", "", "")
	kind := f.String("kind", "", "")
	xid := f.String("xid", "", "")
	xid2 := f.String("xid2", "", "") // RingCentral's session ID
	account := f.String("account", "", "")
	description := f.String("description", "", "")
	reminderHours := f.Float64("reminder-hours", core.DefaultReminderLead.Hours(), "")
	f.require("xid", "account")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, *account)
	if err != nil {
		return err
	}
	p := a.Provider // the account says where, unless told otherwise
	if *provider != "" {
		if p, err = core.ParseProvider(*provider); err != nil {
			return err
		}
	}
	ev, warn, err := providerSync.SaveLinkedEvent(c.ctx, core.Event{Title: *title, Description: *description,
		ReminderLead: time.Duration(*reminderHours * float64(time.Hour)),
		Location:     core.Location{Provider: p, Kind: core.MeetingKind(*kind), AccountID: a.ID, ExternalID: *xid, ExternalID2: *xid2}})
	if err != nil {
		return err
	}
	for _, w := range warn {
		fmt.Fprintln(c.stderr, "turnout: warning: "+w)
	}
	return c.output(ev, func(w io.Writer) { fmt.Fprintln(w, ev.ID) })
}

func eventRefresh(c *call, providerSync core.ProviderSyncService) error {
	pos, err := newFlags("event refresh").parse(c.args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return core.Errorf(core.EINVALID, "event refresh: give one event ID, e.g. \"turnout event refresh 3\".")
	}
	id, err := parseID("Event", pos[0])
	if err != nil {
		return err
	}
	ev, warn, err := providerSync.RefreshEvent(c.ctx, id)
	if err != nil {
		return err
	}
	for _, w := range warn {
		fmt.Fprintln(c.stderr, "turnout: warning: "+w)
	}
	return c.output(ev, func(w io.Writer) {
		fmt.Fprintf(w, "Event %d refreshed: %s, %s, %d min.\n", ev.ID, ev.Title, localStart(ev), int(ev.Duration.Minutes()))
	})
}

func push(c *call, providerSync core.ProviderSyncService) error {
	f := newEventFlags("push")
	id, _, err := f.parseEvent(c.args)
	if err != nil {
		return err
	}
	sum, err := providerSync.PushEvent(c.ctx, id)
	if err != nil {
		return err
	}
	return c.output(sum, func(w io.Writer) {
		fmt.Fprintln(w, sum.String())
		for _, f := range sum.Failures {
			fmt.Fprintln(w, "  "+f)
		}
	})
}

// sandbox serves a provider's emulator on a port until interrupted.
func sandbox(c *call) error {
	f := newFlags("sandbox")
	addr := f.String("addr", "127.0.0.1:8089", "")
	provider := f.String("provider", "", "")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	var sb core.Sandbox
	var names []string
	for _, s := range core.ManagedSpecs() {
		if s.Sandbox == nil {
			continue
		}
		names = append(names, string(s.Kind))
		if sb == nil && (*provider == "" || strings.EqualFold(*provider, string(s.Kind))) {
			sb = s.Sandbox
		}
	}
	if sb == nil {
		return core.Errorf(core.EINVALID, "sandbox: no emulator for %q; emulators exist for: %s.", *provider, strings.Join(names, ", "))
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return core.Errorf(core.EUNAVAILABLE, "Cannot listen on %s: %v.", *addr, err)
	}
	srv := &http.Server{Handler: sb.Handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprint(c.stdout, sb.ConnectHelp("http://"+ln.Addr().String()))
	go func() {
		<-c.ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
