package core

import (
	"strings"
	"testing"
	"time"
)

// confKind is a provider registered only by this test file: it proves the
// registry alone decides which providers exist, what accounts need and
// which event fields are required.
const confKind ProviderKind = "testconf"

func init() {
	Register(ProviderSpec{Kind: confKind, Label: "TestConf", Order: 50, Caps: Capabilities{Managed: true},
		Account: AccountForm{Keys: &KeysSignIn{Fields: []CredentialField{
			{Key: CredClientID, Label: "Client ID", Required: true},
			{Key: CredClientSecret, Label: "Client secret", Secret: true, Required: true}},
			Where: "find them on TestConf's developer page"}},
		Events: EventForm{Kinds: []KindForm{{Kind: KindWebinar, Label: "Webinar"}},
			Fields: []EventField{{Field: FieldExternalID, Label: "Room number", Typed: NeedRequired, Linked: NeedRequired},
				{Field: FieldJoinURL, Label: "Join URL", Typed: NeedRequired, Linked: NeedFromProvider}}},
		New: func(Account, ProviderDeps) (Provider, error) { return nil, nil }})
}

func TestRegisteredProviderDrivesEventValidation(t *testing.T) {
	ev := Event{Title: "x", Start: time.Date(2026, 12, 1, 19, 0, 0, 0, time.UTC), Duration: time.Hour, TimeZone: "UTC",
		Location: Location{Provider: "TestConf"}}
	ev.Location.Provider = confKind
	if err := ev.Validate(); err == nil || ErrorMessage(err) != "Room number is required for a TestConf event." {
		t.Fatalf("Validate() = %v", err)
	}
	if ev.Location.Kind != KindWebinar {
		t.Errorf("kind = %q, want the form's first kind (webinar)", ev.Location.Kind)
	}
	ev.Location.ExternalID, ev.Location.AccountID = "42", 7 // linked: the join URL comes from the provider
	if err := ev.Validate(); err != nil {
		t.Fatalf("linked event: %v", err)
	}
	ev.Location.Kind = KindMeeting
	if err := ev.Validate(); err == nil || !strings.Contains(ErrorMessage(err), `TestConf event kind "meeting" is unknown; choose webinar`) {
		t.Fatalf("unknown kind: %v", err)
	}
	if p, err := ParseProvider(" TESTCONF "); err != nil || p != confKind {
		t.Fatalf("ParseProvider = %q, %v", p, err)
	}
	if confKind.Label() != "TestConf" {
		t.Errorf("Label = %q", confKind.Label())
	}
}

func TestAccountValidateAsksForTheRegisteredKeys(t *testing.T) {
	a := Account{Name: "Main", Provider: confKind, Credentials: Credentials{ClientID: "c"}}
	err := a.Validate()
	if err == nil || ErrorMessage(err) != "Client secret is required; find them on TestConf's developer page." {
		t.Fatalf("Validate() = %v", err)
	}
	a.Credentials.ClientSecret = "s"
	if err := a.Validate(); err != nil {
		t.Fatalf("complete keys: %v", err)
	}
	a.Auth = AuthUser
	if err := a.Validate(); err == nil || !strings.Contains(ErrorMessage(err), "cannot sign in through the browser") {
		t.Fatalf("browser sign-in without an OAuth app: %v", err)
	}
	link := Account{Name: "L", Provider: ProviderVimeo}
	if err := link.Validate(); err == nil || !strings.Contains(ErrorMessage(err), `Accounts cannot be connected for "vimeo"; choose testconf`) {
		t.Fatalf("link-only provider: %v", err)
	}
}

type nopProvider struct{ Provider }

func TestRegisterSupersedesLinkOnlyAndKeepsManaged(t *testing.T) {
	const k ProviderKind = "testsupersede"
	Register(ProviderSpec{Kind: k, Label: "Link first", Order: 60})
	Register(ProviderSpec{Kind: k, Label: "Managed", New: func(Account, ProviderDeps) (Provider, error) { return nopProvider{}, nil }})
	Register(ProviderSpec{Kind: k, Label: "Link again"})
	s, _ := Spec(k)
	if s.Label != "Managed" || !s.Managed() {
		t.Fatalf("spec = %q managed=%t, want the managed registration to win", s.Label, s.Managed())
	}
	defer func() {
		if recover() == nil {
			t.Error("a second managed registration did not panic")
		}
	}()
	Register(ProviderSpec{Kind: k, Label: "Managed twice", New: s.New})
}

func TestProviderSpecsInMenuOrder(t *testing.T) {
	var got []string
	for _, s := range ProviderSpecs() {
		got = append(got, string(s.Kind))
	}
	want := "gotowebinar ringcentral testconf"
	if j := strings.Join(got, " "); !strings.Contains(j, want) || !strings.HasSuffix(j, "vimeo teams link") {
		t.Errorf("order = %s", j)
	}
}
