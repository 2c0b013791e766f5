package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/pkg/browser"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/oauth"
)

func init() {
	commands = append(commands,
		command{[]string{"account", "connect"}, "", func(c *call, s core.Services) error { return accountConnect(c, s.Accounts) }},
		command{[]string{"account", "reconnect"}, "NAME [--client-secret-stdin] [--jwt-file FILE]", func(c *call, s core.Services) error { return accountReconnect(c, s.Accounts) }},
		command{[]string{"account", "disconnect"}, "NAME", func(c *call, s core.Services) error { return accountDisconnect(c, s.Accounts) }},
	)
	usageFuncs["account connect"] = func() string {
		return signInUsage("account connect", browserFields, "[--oauth-url URL --api-url URL --port P --timeout 5m]")
	}
}

// browserFields are a provider's browser sign-in fields; nil: it has none.
func browserFields(s core.ProviderSpec) []core.CredentialField {
	if s.Account.Browser == nil || s.OAuth == nil {
		return nil
	}
	return s.Account.Browser.Fields
}

// OAuthOptions is how accounts connect through the browser: each
// provider's OAuth app comes from the registry.
func OAuthOptions() engine.Option {
	return engine.WithOAuth(engine.OAuthOptions{HTTP: &http.Client{Timeout: 30 * time.Second}})
}

// OpenBrowser opens url in the system browser: the commands in $BROWSER
// (colon-separated, "%s" replaced by the URL) when it is set, otherwise
// github.com/pkg/browser (xdg-open, open, or the Windows shell).
func OpenBrowser(url string) error {
	if err := oauth.CheckURL(url); err != nil {
		return err
	}
	if env := strings.TrimSpace(os.Getenv("BROWSER")); env != "" {
		var errs []error
		for _, c := range strings.Split(env, string(os.PathListSeparator)) {
			if c = strings.TrimSpace(c); c == "" {
				continue
			}
			args := strings.Fields(c)
			subst := false
			for i, a := range args {
				if strings.Contains(a, "%s") {
					args[i], subst = strings.ReplaceAll(a, "%s", url), true
				}
			}
			if !subst {
				args = append(args, url)
			}
			if err := startBrowser(args); err != nil {
				errs = append(errs, err)
				continue
			}
			return nil
		}
		return errors.Join(errs...)
	}
	browser.Stdout, browser.Stderr = io.Discard, io.Discard
	return browser.OpenURL(url)
}

// startBrowser starts a browser command; it counts as opened unless it
// fails within two seconds (a browser may keep running).
func startBrowser(args []string) error {
	cmd := exec.Command(args[0], args[1:]...)
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(2 * time.Second):
		return nil
	}
}

// showURL tells staff where to sign in.
func showURL(w io.Writer, provider string) func(string, bool) {
	return func(url string, opened bool) {
		if opened {
			fmt.Fprintf(w, "Sign in to %s in the browser window that opened, then come back here.\nIf no window opened, open this address:\n%s\n", provider, url)
		} else {
			fmt.Fprintf(w, "Could not open a browser. Open this address in a browser to sign in to %s:\n%s\n", provider, url)
		}
		fmt.Fprintln(w, "Waiting for the sign-in (Ctrl+C to cancel)…")
	}
}

func accountConnect(c *call, accounts core.AccountService) error {
	f := newFlags("account connect")
	name := f.String("name", "", "")
	apiURL := f.String("api-url", "", "")
	oauthURL := f.String("oauth-url", "", "")
	port := f.Int("port", 0, "")
	timeout := f.Duration("timeout", oauth.DefaultTimeout, "")
	creds := credentialFlags(f, func(s core.ProviderSpec) *[]core.CredentialField {
		if s.Account.Browser == nil {
			return nil
		}
		return &s.Account.Browser.Fields
	})
	f.require("name")
	pos, err := f.parse(c.args)
	if err != nil {
		return err
	}
	spec, err := managedSpec("account connect", pos, func(s core.ProviderSpec) bool { return browserFields(s) != nil })
	if err != nil {
		return err
	}
	cr, err := creds.read(c, "account connect", spec.Account.Browser.Fields)
	if err != nil {
		return err
	}
	a, err := accounts.ConnectAccount(c.ctx, spec.Kind, *name, core.ConnectOptions{APIURL: *apiURL, OAuthURL: *oauthURL,
		ClientID: cr.ClientID, ClientSecret: cr.ClientSecret, Port: *port, Timeout: *timeout, Shown: showURL(c.stderr, spec.Label)}, OpenBrowser)
	if err != nil {
		return err
	}
	return c.output(a, func(w io.Writer) {
		fmt.Fprintf(w, "Account %q connected as %s (ID %d).\n", a.Name, a.ConnectedAs, a.ID)
	})
}

func accountReconnect(c *call, accounts core.AccountService) error {
	f := newFlags("account reconnect")
	secretStdin := f.Bool("client-secret-stdin", false, "")
	jwtFile := f.String("jwt-file", "", "")
	pos, err := f.parse(c.args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return core.Errorf(core.EINVALID, "account reconnect: give one account name, e.g. \"turnout account reconnect Main\".")
	}
	a, err := accounts.FindAccount(c.ctx, pos[0])
	if err != nil {
		return err
	}
	o := core.ConnectOptions{Shown: showURL(c.stderr, a.Provider.Label())}
	if *secretStdin { // the client secret typed again, e.g. on another computer
		line, _ := bufio.NewReader(c.stdin).ReadString('\n')
		if o.ClientSecret = strings.TrimRight(line, "\r\n"); o.ClientSecret == "" {
			return core.Errorf(core.EINVALID, "account reconnect: --client-secret-stdin read an empty secret.")
		}
	}
	if *jwtFile != "" { // a JWT credential (RingCentral) given again
		data, err := os.ReadFile(*jwtFile)
		if err != nil {
			// The path and the system's reason only: never the content.
			return core.Errorf(core.EINVALID, "account reconnect: could not read the jwt credential from %s (%v); check the file name.",
				*jwtFile, errors.Unwrap(err))
		}
		o.JWT = strings.TrimSpace(string(data))
	}
	a, err = accounts.ReconnectAccount(c.ctx, a.ID, o, OpenBrowser)
	if err != nil {
		return err
	}
	return c.output(a, func(w io.Writer) {
		if a.Auth == core.AuthServer {
			fmt.Fprintf(w, "Account %q works again.\n", a.Name)
			return
		}
		fmt.Fprintf(w, "Account %q reconnected as %s.\n", a.Name, a.ConnectedAs)
	})
}

func accountDisconnect(c *call, accounts core.AccountService) error {
	name, err := oneName(c, "account disconnect")
	if err != nil {
		return err
	}
	a, err := accounts.FindAccount(c.ctx, name)
	if err != nil {
		return err
	}
	a, warn, err := accounts.DisconnectAccount(c.ctx, a.ID)
	if err != nil {
		return err
	}
	if warn != "" {
		fmt.Fprintln(c.stderr, "turnout: warning: "+warn)
	}
	return c.output(a, func(w io.Writer) {
		fmt.Fprintf(w, "Account %q is disconnected; Turnout forgot its sign-in. Connect it again with \"turnout account reconnect %s\".\n", a.Name, a.Name)
	})
}
