package gotofake

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/gotowebinar"
)

// Sandbox is the in-app GoTo Sandbox: the GoTo client talking to an
// emulator in the same process, with no network and no browser sign-in.
type Sandbox struct {
	*gotowebinar.Client
	Server *Server
}

// NewSandbox returns a Sandbox provider over srv (a fresh emulator if nil).
func NewSandbox(srv *Server) *Sandbox {
	if srv == nil {
		srv = New(Options{PerWindow: -1})
	}
	c := gotowebinar.New(gotowebinar.Config{Name: "Sandbox", APIURL: "http://sandbox.turnout.invalid/G2W/rest/v2",
		OrganizerKey: strconv.FormatInt(srv.OrganizerKey(), 10), Tokens: &sandboxTokens{srv: srv},
		HTTP: srv.InProcess(), Rate: -1})
	return &Sandbox{Client: c, Server: srv}
}

// sandboxTokens mints access tokens straight from the emulator.
type sandboxTokens struct {
	srv *Server
	mu  sync.Mutex
	tok string
}

func (t *sandboxTokens) Token(context.Context) (string, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tok == "" {
		t.tok = t.srv.IssueToken()
	}
	return t.tok, nil
}

func (t *sandboxTokens) Invalidate(tok string) {
	t.mu.Lock()
	if t.tok == tok {
		t.tok = ""
	}
	t.mu.Unlock()
}

// Seed makes a webinar the app links to exist in the emulator, as the
// organizer set it up, unless it exists already.
func (s *Sandbox) Seed(m core.ExternalMeeting) {
	d, err := gotowebinar.WebinarKey(m.ID)
	if err != nil {
		return
	}
	wk, _ := strconv.ParseInt(d, 10, 64)
	s.Server.mu.Lock()
	_, exists := s.Server.webinars[wk]
	s.Server.mu.Unlock()
	if exists {
		return
	}
	dur := m.Duration
	if dur <= 0 {
		dur = time.Hour
	}
	s.Server.AddWebinar(Webinar{Key: wk, Subject: m.Topic, TimeZone: m.TimeZone, Times: []Range{{m.Start, m.Start.Add(dur)}}})
}

// process is the app's one in-process GoTo emulator: Sandbox accounts and
// "turnout sandbox" share it.
var process = sync.OnceValue(func() *Server { return New(Options{PerWindow: -1}) })

// appSandbox is the GoTo Sandbox as the provider registry offers it.
type appSandbox struct{}

func (appSandbox) Provider() (core.Provider, error) { return NewSandbox(process()), nil }
func (appSandbox) Handler() http.Handler            { return process().Handler() }

func (appSandbox) ConnectHelp(base string) string {
	p := process()
	return fmt.Sprintf("%s (a GoTo Webinar API emulator, not GoTo) on %s\n"+
		"Connect it: turnout account connect gotowebinar --name \"GoTo Sandbox\" --client-id %s --client-secret-stdin --oauth-url %s --api-url %s/G2W/rest/v2\n",
		Name, base, p.ClientID(), base, base)
}

// Importing the emulator gives GoTo Webinar its Sandbox.
func init() { core.RegisterSandbox(core.ProviderGoTo, appSandbox{}) }
