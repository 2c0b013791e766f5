package cli

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// mailConnect signs in to Microsoft 365 or Google in the browser and
// sends reminders through that mailbox from then on.
func mailConnect(c *call, settings core.SettingsService) error {
	f := newFlags("mail connect")
	from := f.String("from", "", "")
	clientID := f.String("client-id", "", "")
	secretStdin := f.Bool("client-secret-stdin", false, "")
	tenant := f.String("tenant", "", "")
	oauthURL := f.String("oauth-url", "", "")
	smtpAddr := f.String("smtp", "", "")
	sec := f.String("tls", "", "")
	port := f.Int("port", 0, "")
	timeout := f.Duration("timeout", 0, "") // 0: the sign-in's usual wait (5 minutes)
	pos, err := f.parse(c.args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return core.Errorf(core.EINVALID, "mail connect: say which service, e.g. \"turnout mail connect microsoft --from events@example.org\" (microsoft or google).")
	}
	kind, err := core.ParseMailSignInKind(pos[0])
	if err != nil || !kind.OAuth() {
		return core.Errorf(core.EINVALID, "mail connect: %q is not a service Turnout signs in to; choose microsoft or google.", pos[0])
	}
	o := core.MailConnectOptions{SignIn: kind, From: *from, ClientID: *clientID, Tenant: *tenant, OAuthURL: *oauthURL,
		Port: *port, Timeout: *timeout, Shown: showURL(c.stderr, kind.Label())}
	if *smtpAddr != "" {
		host, p, err := net.SplitHostPort(*smtpAddr)
		n, perr := strconv.Atoi(p)
		if err != nil || perr != nil || host == "" {
			return core.Errorf(core.EINVALID, "mail connect: --smtp %q is not HOST:PORT, e.g. smtp.office365.com:587.", *smtpAddr)
		}
		o.SMTPHost, o.SMTPPort = host, n
	}
	if *sec != "" {
		if o.Security, err = core.ParseMailSecurity(*sec); err != nil {
			return err
		}
	}
	if *secretStdin {
		line, _ := bufio.NewReader(io.LimitReader(c.stdin, 4096)).ReadString('\n')
		if o.ClientSecret = strings.TrimRight(line, "\r\n"); o.ClientSecret == "" {
			return core.Errorf(core.EINVALID, "mail connect: --client-secret-stdin read an empty secret.")
		}
	}
	saved, err := settings.ConnectMail(c.ctx, o, OpenBrowser)
	if err != nil {
		return err
	}
	return c.output(saved, func(w io.Writer) {
		fmt.Fprintf(w, "Signed in with %s as %s. Reminders are sent through %s:%d.\n", kind.Label(), saved.User, saved.Host, saved.Port)
	})
}
