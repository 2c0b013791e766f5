package rcfake

import (
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/ringcentral"
)

// Sandbox is the in-app RingCentral Sandbox: the RingCentral client
// talking to an emulator in the same process, with no network.
type Sandbox struct {
	*ringcentral.Client
	Server *Server
}

// NewSandbox returns a Sandbox provider over srv (a fresh emulator if nil).
func NewSandbox(srv *Server) *Sandbox {
	if srv == nil {
		srv = New(Options{Window: time.Second})
	}
	c := ringcentral.New(ringcentral.Config{Name: "Sandbox", APIURL: "http://sandbox.turnout.invalid",
		Credentials: srv.Credentials(), HTTP: srv.InProcess()})
	return &Sandbox{Client: c, Server: srv}
}

// Credentials are the ones the emulator accepts (client ID, secret, JWT).
func (s *Server) Credentials() core.Credentials {
	return core.Credentials{ClientID: s.opts.ClientID, ClientSecret: s.opts.ClientSecret, JWT: s.opts.JWT}
}

// Seed makes a webinar session the app links to exist in the emulator
// (m.ID is "WEBINAR/SESSION"), as staff set it up, unless it exists.
func (s *Sandbox) Seed(m core.ExternalMeeting) {
	wid, sid, err := ringcentral.Ref(m.ID)
	if err != nil {
		return
	}
	d := m.Duration
	if d <= 0 {
		d = time.Hour
	}
	start := m.Start
	if start.IsZero() { // linked before a start was given: next week
		start = time.Now().Add(7 * 24 * time.Hour).Truncate(time.Hour)
	}
	if m.Topic == "" {
		m.Topic = "Sandbox webinar"
	}
	s.Server.PutWebinar(wid, sid, m.Topic, start, d)
}

// process is the app's one in-process emulator, with a one-second window
// so that demos are quick: Sandbox accounts and "turnout sandbox" share it.
var process = sync.OnceValue(func() *Server { return New(Options{Window: time.Second}) })

type appSandbox struct{}

func (appSandbox) Provider() (core.Provider, error) { return NewSandbox(process()), nil }
func (appSandbox) Handler() http.Handler            { return process().Handler() }

func (appSandbox) ConnectHelp(base string) string {
	o := process().opts // the emulator's made-up credentials, not anyone's secrets
	return fmt.Sprintf("%s (a RingCentral Webinar API emulator, not RingCentral) on %s\n"+
		"Connect it:\n  printf '%%s' '%s' > sandbox.jwt\n"+
		"  echo %s | turnout account add ringcentral --name Sandbox --client-id %s --client-secret-stdin --jwt-file sandbox.jwt --api-url %s\n",
		Name, base, o.JWT, o.ClientSecret, o.ClientID, base)
}

// Importing the emulator gives RingCentral its Sandbox.
func init() { core.RegisterSandbox(core.ProviderRingCentral, appSandbox{}) }
