// Package providertest is a provider that exists only for tests: importing
// it registers "ConfCall (test)", a tiny in-memory service, with the
// provider registry. Tests of the command line and the window import it to
// show that a provider appears everywhere (account add, provider list,
// account form, event editor) by registering itself, with no change to
// the engine, the command line or the window. Never import it from
// non-test code.
package providertest

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Kind and Label of the test provider.
const (
	Kind  core.ProviderKind = "confcall"
	Label                   = "ConfCall (test)"
)

// Spec is the test provider's registration: keys only (a client ID and
// secret), one kind of event with a room code, the join link filled from
// the provider once an account is linked.
var Spec = core.ProviderSpec{
	Kind: Kind, Label: Label, Order: 70, Caps: core.Capabilities{Managed: true, Cancel: true},
	Account: core.AccountForm{NamePlaceholder: "Main ConfCall", Help: "Copy the keys from ConfCall's developer page.",
		Keys: &core.KeysSignIn{Title: "API keys", Where: "find them on ConfCall's developer page", Fields: []core.CredentialField{
			{Key: core.CredClientID, Label: "Client ID", Required: true},
			{Key: core.CredClientSecret, Label: "Client secret", Secret: true, Required: true}}}},
	Events: core.EventForm{Fields: []core.EventField{
		{Field: core.FieldExternalID, Label: "Room code", Hint: "The code on the ConfCall room page.", Typed: core.NeedRequired, Linked: core.NeedRequired},
		{Field: core.FieldJoinURL, Label: "Join URL", Typed: core.NeedRequired, Linked: core.NeedFromProvider}},
		Note: "ConfCall rooms: type the code and link, or link an account.", LinkedNote: "ConfCall fills in the link."},
	New: func(a core.Account, _ core.ProviderDeps) (core.Provider, error) { return Service(), nil },
}

func init() { core.Register(Spec) }

// service is the one in-memory ConfCall of the test process.
var service = sync.OnceValue(func() *Provider { return &Provider{registrants: map[string]core.ExternalRegistrant{}} })

// Service returns the process's ConfCall (what every account talks to).
func Service() *Provider { return service() }

// Provider is ConfCall: every room exists, starts on 1 Dec 2026 at 14:00
// UTC and keeps its registrants in memory.
type Provider struct {
	mu          sync.Mutex
	registrants map[string]core.ExternalRegistrant // room|email
}

var _ core.Provider = (*Provider)(nil)

func (p *Provider) Capabilities() core.Capabilities      { return Spec.Caps }
func (p *Provider) TestConnection(context.Context) error { return nil }

func (p *Provider) Meeting(_ context.Context, kind core.MeetingKind, id string) (core.ExternalMeeting, error) {
	return core.ExternalMeeting{Kind: kind, ID: id, Topic: "ConfCall room " + id, Start: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC),
		TimeZone: "UTC", Duration: time.Hour, JoinURL: "https://confcall.example/r/" + id, RegistrationRequired: true}, nil
}

func (p *Provider) Meetings(context.Context) ([]core.ExternalMeeting, error) { return nil, nil }

func (p *Provider) AddRegistrant(_ context.Context, _ core.MeetingKind, id string, who core.Person) (core.ExternalRegistrant, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	key := id + "|" + strings.ToLower(who.Email)
	if r, ok := p.registrants[key]; ok {
		return r, nil
	}
	r := core.ExternalRegistrant{ID: key, Email: who.Email, JoinURL: "https://confcall.example/r/" + id + "?p=" + who.Email, Status: "approved"}
	p.registrants[key] = r
	return r, nil
}

// Registrants counts the room's registrants.
func (p *Provider) Registrants(id string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for k, r := range p.registrants {
		if strings.HasPrefix(k, id+"|") && r.Status == "approved" {
			n++
		}
	}
	return n
}

func (p *Provider) FindRegistrant(_ context.Context, _ core.MeetingKind, id, email string) (core.ExternalRegistrant, bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	r, ok := p.registrants[id+"|"+strings.ToLower(email)]
	return r, ok, nil
}

func (p *Provider) CancelRegistrant(_ context.Context, _ core.MeetingKind, id string, r core.ExternalRegistrant) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	r.Status = "cancelled"
	p.registrants[r.ID] = r
	return nil
}

func (p *Provider) ApproveRegistrant(context.Context, core.MeetingKind, string, core.ExternalRegistrant) error {
	return &core.ProviderError{Kind: core.PErrRefused, Provider: Label, HTTPStatus: 400, Message: "ConfCall cannot re-approve"}
}

func (p *Provider) Participants(context.Context, core.MeetingKind, string) ([]core.JoinRow, error) {
	return nil, nil
}

func (p *Provider) Sessions(ctx context.Context, kind core.MeetingKind, id string) ([]core.Session, error) {
	m, _ := p.Meeting(ctx, kind, id)
	return []core.Session{{Start: m.Start, Duration: m.Duration}}, nil
}

func (p *Provider) Staff(context.Context, core.MeetingKind, string) ([]core.StaffMember, error) {
	return nil, nil
}
