package zoomfake

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/zoom"
)

// Sandbox is the in-app Sandbox provider: the Zoom client talking to an
// emulator in the same process, with no network.
type Sandbox struct {
	*zoom.Client
	Server *Server
}

// NewSandbox returns a Sandbox provider over srv (a fresh emulator if nil).
func NewSandbox(srv *Server) *Sandbox {
	if srv == nil {
		srv = New(Options{})
	}
	c := zoom.New(zoom.Config{Name: "Sandbox", APIURL: "http://sandbox.turnout.invalid/v2",
		OAuthURL: "http://sandbox.turnout.invalid", Credentials: srv.Credentials(), HTTP: srv.InProcess(),
		Limits: &zoom.Unpaced})
	return &Sandbox{Client: c, Server: srv}
}

// Seed makes a meeting the app links to exist in the emulator, as staff
// set it up, unless it exists already.
func (s *Sandbox) Seed(m core.ExternalMeeting) {
	d, err := zoom.MeetingID(m.ID)
	if err != nil {
		return
	}
	id, _ := strconv.ParseInt(d, 10, 64)
	s.Server.mu.Lock()
	_, exists := s.Server.meetings[id]
	s.Server.mu.Unlock()
	if exists {
		return
	}
	approval := 0
	if !m.RegistrationRequired {
		approval = 2
	}
	s.Server.AddMeeting(Meeting{ID: id, Kind: m.Kind, Topic: m.Topic, Start: m.Start, TimeZone: m.TimeZone,
		Duration: m.Duration, Password: m.Password, ApprovalType: approval})
}

// process is the app's one in-process emulator: Sandbox accounts and
// "turnout sandbox" share it.
var process = sync.OnceValue(func() *Server { return New(Options{}) })

// appSandbox is the Sandbox as the provider registry offers it.
type appSandbox struct{}

func (appSandbox) Provider() (core.Provider, error) { return NewSandbox(process()), nil }
func (appSandbox) Handler() http.Handler            { return process().Handler() }

func (appSandbox) ConnectHelp(base string) string {
	cr := process().Credentials()
	return fmt.Sprintf("%s (a Zoom API emulator, not Zoom) on %s\n"+
		"Connect it: turnout account add zoom --name Sandbox --account-id %s --client-id %s --client-secret-stdin --api-url %s/v2 --oauth-url %s\n",
		Name, base, cr.AccountID, cr.ClientID, base, base)
}

// Importing the emulator gives Zoom its Sandbox (the zoom package has
// registered Zoom by then: it is imported above).
func init() { core.RegisterSandbox(core.ProviderZoom, appSandbox{}) }
