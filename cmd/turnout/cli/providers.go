package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/zoom"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

func init() {
	commands = append(commands,
		command{[]string{"account", "add"}, "zoom --name N --account-id A --client-id C (--client-secret S | --client-secret-stdin) [--api-url URL --oauth-url URL]", func(c *call, s core.Services) error { return accountAdd(c, s.Accounts) }},
		command{[]string{"account", "list"}, "", func(c *call, s core.Services) error { return accountList(c, s.Accounts) }},
		command{[]string{"account", "test"}, "NAME", func(c *call, s core.Services) error { return accountTest(c, s.Accounts) }},
		command{[]string{"account", "disable"}, "NAME", func(c *call, s core.Services) error { return accountActive(c, false, s.Accounts) }},
		command{[]string{"account", "enable"}, "NAME", func(c *call, s core.Services) error { return accountActive(c, true, s.Accounts) }},
		command{[]string{"event", "refresh"}, "ID", func(c *call, s core.Services) error { return eventRefresh(c, s.Sync) }},
		command{[]string{"event", "import"}, "--account NAME", func(c *call, s core.Services) error { return eventImport(c, s.Accounts, s.Sync) }},
		command{[]string{"push"}, "--event ID", func(c *call, s core.Services) error { return push(c, s.Sync) }},
		command{[]string{"sandbox"}, "[--addr 127.0.0.1:8089]", func(c *call, _ core.Services) error { return sandbox(c) }},
	)
}

// sandboxServer is the process's one Sandbox emulator.
var sandboxServer = sync.OnceValue(func() *zoomfake.Server { return zoomfake.New(zoomfake.Options{}) })

// ProviderOptions is how the app connects to providers: real Zoom for
// Zoom accounts, the in-process emulator for Sandbox accounts.
func ProviderOptions() engine.Option {
	prov := engine.WithProviders(engine.ProviderOptions{
		Factories: map[core.ProviderKind]engine.ProviderFactory{
			core.ProviderZoom: func(a core.Account) (core.Provider, error) {
				return zoom.New(zoom.Config{APIURL: a.APIURL, OAuthURL: a.OAuthURL, Credentials: a.Credentials,
					HTTP: &http.Client{Timeout: 30 * time.Second}}), nil
			},
		},
		Sandbox: func(core.Account) (core.Provider, error) { return zoomfake.NewSandbox(sandboxServer()), nil },
	})
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
	accountID := f.String("account-id", "", "")
	clientID := f.String("client-id", "", "")
	secret := f.String("client-secret", "", "")
	secretStdin := f.Bool("client-secret-stdin", false, "")
	apiURL := f.String("api-url", "", "")
	oauthURL := f.String("oauth-url", "", "")
	f.require("name", "account-id", "client-id")
	pos, err := f.parse(c.args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "zoom" {
		return core.Errorf(core.EINVALID, "account add: only zoom accounts can be added, e.g. \"turnout account add zoom --name Main ...\".")
	}
	if *secretStdin {
		line, err := bufio.NewReader(c.stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return core.Errorf(core.EINVALID, "account add: could not read the client secret from standard input.")
		}
		*secret = strings.TrimSpace(line)
	}
	a, err := accounts.AddAccount(c.ctx, core.Account{Name: *name, Provider: core.ProviderZoom, Active: true,
		Credentials: core.Credentials{AccountID: *accountID, ClientID: *clientID, ClientSecret: *secret},
		APIURL:      *apiURL, OAuthURL: *oauthURL})
	if err != nil {
		return err
	}
	return c.output(a, func(w io.Writer) {
		fmt.Fprintf(w, "Account %q added (ID %d). Check it with \"turnout account test %s\".\n", a.Name, a.ID, a.Name)
	})
}

func accountList(c *call, accounts core.AccountService) error {
	list, err := accounts.Accounts(c.ctx)
	if err != nil {
		return err
	}
	if list == nil {
		list = []core.Account{}
	}
	return c.output(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, `No accounts yet. Add one with "turnout account add zoom".`)
			return
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tPROVIDER\tACTIVE\tLAST ERROR")
		for _, a := range list {
			prov := a.Provider.Label()
			if a.Sandbox {
				prov = "Sandbox"
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%t\t%s\n", a.ID, a.Name, prov, a.Active, a.LastError)
		}
		tw.Flush()
	})
}

func accountTest(c *call, accounts core.AccountService) error {
	name, err := oneName(c, "account test")
	if err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, name)
	if err != nil {
		return err
	}
	if a, err = accounts.TestAccount(c.ctx, a.ID); err != nil {
		return err
	}
	return c.output(a, func(w io.Writer) { fmt.Fprintf(w, "Account %q works.\n", a.Name) })
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
	provider := f.String("provider", "zoom", "")
	kind := f.String("kind", "meeting", "")
	xid := f.String("xid", "", "")
	account := f.String("account", "", "")
	description := f.String("description", "", "")
	reminderHours := f.Float64("reminder-hours", core.DefaultReminderLead.Hours(), "")
	f.require("xid", "account")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	p, err := core.ParseProvider(*provider)
	if err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, *account)
	if err != nil {
		return err
	}
	ev, warn, err := providerSync.SaveLinkedEvent(c.ctx, core.Event{Title: *title, Description: *description,
		ReminderLead: time.Duration(*reminderHours * float64(time.Hour)),
		Location:     core.Location{Provider: p, Kind: core.MeetingKind(*kind), AccountID: a.ID, ExternalID: *xid}})
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

func eventImport(c *call, accounts core.AccountService, providerSync core.ProviderSyncService) error {
	f := newFlags("event import")
	account := f.String("account", "", "")
	f.require("account")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, *account)
	if err != nil {
		return err
	}
	events, warn, err := providerSync.ImportEvents(c.ctx, a.ID)
	if err != nil {
		return err
	}
	for _, w := range warn {
		fmt.Fprintln(c.stderr, "turnout: warning: "+w)
	}
	if events == nil {
		events = []core.Event{}
	}
	return c.output(events, func(w io.Writer) {
		fmt.Fprintf(w, "%d events imported from %q.\n", len(events), a.Name)
		for _, ev := range events {
			fmt.Fprintf(w, "  %d\t%s\t%s\n", ev.ID, localStart(ev), ev.Title)
		}
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

// sandbox serves the emulator on a port until interrupted.
func sandbox(c *call) error {
	f := newFlags("sandbox")
	addr := f.String("addr", "127.0.0.1:8089", "")
	if _, err := f.parse(c.args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return core.Errorf(core.EUNAVAILABLE, "Cannot listen on %s: %v.", *addr, err)
	}
	srv := &http.Server{Handler: sandboxServer().Handler(), ReadHeaderTimeout: 10 * time.Second}
	cr := sandboxServer().Credentials()
	fmt.Fprintf(c.stdout, "Turnout Sandbox (a Zoom API emulator, not Zoom) on http://%s\n", ln.Addr())
	fmt.Fprintf(c.stdout, "Connect it: turnout account add zoom --name Sandbox --account-id %s --client-id %s --client-secret-stdin --api-url http://%s/v2 --oauth-url http://%s\n",
		cr.AccountID, cr.ClientID, ln.Addr(), ln.Addr())
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
