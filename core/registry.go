package core

import (
	"cmp"
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// ProviderSpec is everything Turnout knows about one provider, registered
// once with Register: its name, what a connected account can do, the
// account form, the event fields and the adapter factory. The engine, the
// command line and the window read specs; none of them names a provider.
type ProviderSpec struct {
	Kind  ProviderKind // stored in events and accounts, typed on the command line
	Label string       // as staff know it: "Zoom"
	// Order places the provider in menus (low first; ties by label).
	Order int
	// Caps is what a connected account can do. Link-only providers (no
	// New) have none: Turnout only sends their link.
	Caps Capabilities
	// Account is the form for adding an account; ignored for link-only
	// providers.
	Account AccountForm
	// Events says which event fields the provider needs.
	Events EventForm
	// New builds the adapter for a stored account. Browser-sign-in
	// accounts get their tokens in d.Tokens. Nil: a link-only provider.
	New func(a Account, d ProviderDeps) (Provider, error)
	// OAuth describes the provider's OAuth app for an account that signs
	// in through the browser; nil: keys only.
	OAuth func(a Account) OAuthApp
	// Sandbox is the provider's built-in emulator, when it has one
	// (RegisterSandbox).
	Sandbox Sandbox
	// PushPerMinute is how many registrations a minute the provider's
	// rate limit lets through (0: fast enough not to mention), so staff see
	// how long a large push will take.
	PushPerMinute float64
}

// Managed reports whether accounts of this provider can be connected:
// Turnout then reads meetings from it and pushes registrants to it.
func (s ProviderSpec) Managed() bool { return s.New != nil }

// ProviderDeps is what the app hands an adapter: the HTTP client and, for
// browser sign-ins, the token source (built by the wiring from core/oauth,
// so adapters import no sign-in code).
type ProviderDeps struct {
	HTTP   *http.Client // nil: the adapter's default
	Tokens TokenSource  // nil: the account's own keys (Credentials)
	Now    func() time.Time
}

// TokenSource hands an adapter valid access tokens of one account.
type TokenSource interface {
	// Token returns a valid access token, fetching or renewing one if needed.
	Token(ctx context.Context) (string, error)
	// Invalidate drops tok after the provider refused it, so the next
	// Token fetches a fresh one.
	Invalidate(tok string)
}

// OAuthApp describes a provider's OAuth app for one account: where staff
// sign in and where tokens come from. core/oauth runs the flow.
type OAuthApp struct {
	Name         string // "Zoom": appears in messages and on the callback page
	AuthURL      string
	TokenURL     string
	RevokeURL    string // "" when the provider has no revoke endpoint
	ClientID     string
	ClientSecret string // "" for public (PKCE-only) clients
	Scopes       []string
	// Port of the redirect on 127.0.0.1; 0 picks a free one (only where
	// the provider allows any loopback port, RFC 8252 §7.3).
	Port int
	Path string // "" means the flow's default path
	// AuthParams are extra query parameters of the authorize URL.
	AuthParams map[string]string
	// TokenFields name non-secret fields of the token response the
	// account keeps in Account.ProviderIDs (GoTo: organizer_key, email).
	TokenFields []string
}

// Sandbox is a provider's built-in emulator: Sandbox accounts talk to it
// instead of the real service, and "turnout sandbox" serves it.
type Sandbox interface {
	// Provider is the adapter of Sandbox accounts, talking to the
	// process's one emulator without a network.
	Provider() (Provider, error)
	// Handler serves the emulator's API.
	Handler() http.Handler
	// ConnectHelp says how to add an account that uses the emulator
	// served at base (http://host:port).
	ConnectHelp(base string) string
}

var registry struct {
	mu    sync.RWMutex
	specs map[ProviderKind]ProviderSpec
}

// Register adds a provider; adapters call it from their package's init.
// A link-only spec never replaces a managed one of the same kind and a
// managed spec replaces a link-only one, so the day an adapter arrives
// for a provider that was link-only, its registration is all it takes.
// Two managed specs of one kind, or a spec without kind or label, panic:
// that is a programming error.
func Register(s ProviderSpec) {
	if s.Kind == "" || s.Label == "" || strings.ToLower(string(s.Kind)) != string(s.Kind) {
		panic(fmt.Sprintf("core.Register: provider %q needs a lower-case kind and a label", s.Kind))
	}
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if registry.specs == nil {
		registry.specs = map[ProviderKind]ProviderSpec{}
	}
	if old, ok := registry.specs[s.Kind]; ok {
		switch {
		case old.Managed() && s.Managed():
			panic(fmt.Sprintf("core.Register: provider %q registered twice", s.Kind))
		case old.Managed():
			return
		}
		if s.Sandbox == nil {
			s.Sandbox = old.Sandbox
		}
	}
	registry.specs[s.Kind] = s
}

// RegisterSandbox gives a registered provider its built-in emulator.
func RegisterSandbox(kind ProviderKind, sb Sandbox) {
	registry.mu.Lock()
	defer registry.mu.Unlock()
	s, ok := registry.specs[kind]
	if !ok {
		panic(fmt.Sprintf("core.RegisterSandbox: provider %q is not registered", kind))
	}
	s.Sandbox = sb
	registry.specs[kind] = s
}

// Spec returns the registered provider of a kind.
func Spec(kind ProviderKind) (ProviderSpec, bool) {
	registry.mu.RLock()
	defer registry.mu.RUnlock()
	s, ok := registry.specs[kind]
	return s, ok
}

// ProviderSpecs lists every registered provider in menu order.
func ProviderSpecs() []ProviderSpec {
	registry.mu.RLock()
	out := make([]ProviderSpec, 0, len(registry.specs))
	for _, s := range registry.specs {
		out = append(out, s)
	}
	registry.mu.RUnlock()
	slices.SortFunc(out, func(a, b ProviderSpec) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Label, b.Label))
	})
	return out
}

// ManagedSpecs lists the providers whose accounts can be connected.
func ManagedSpecs() []ProviderSpec {
	var out []ProviderSpec
	for _, s := range ProviderSpecs() {
		if s.Managed() {
			out = append(out, s)
		}
	}
	return out
}

// Label is the provider's name as staff know it.
func (p ProviderKind) Label() string {
	if s, ok := Spec(p); ok {
		return s.Label
	}
	return string(p)
}

// ParseProvider accepts a provider name in any case; "" means link.
func ParseProvider(s string) (ProviderKind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return ProviderLink, nil
	}
	if _, ok := Spec(ProviderKind(s)); ok {
		return ProviderKind(s), nil
	}
	var names []string
	for _, sp := range ProviderSpecs() {
		names = append(names, string(sp.Kind))
	}
	return "", Errorf(EINVALID, "Provider %q is unknown; choose one of %s.", s, orList(names))
}

// orList joins names as "a, b or c".
func orList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
