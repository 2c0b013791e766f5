package zoom_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/zoom"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

// Zoom's event rules come from its registration: typed-in events need the
// invitation's ID, link and passcode; linked ones only the ID.
func TestZoomRegistrationEventRules(t *testing.T) {
	base := func(l core.Location) core.Event {
		return core.Event{Title: "Webinar", Start: start, Duration: time.Hour, TimeZone: "America/New_York", Location: l}
	}
	tests := []struct {
		name    string
		loc     core.Location
		wantErr string
	}{
		{"managed zoom needs only the ID", core.Location{Provider: core.ProviderZoom, AccountID: 1}, "Zoom meeting ID is required"},
		{"managed zoom with ID is valid", core.Location{Provider: core.ProviderZoom, AccountID: 1, ExternalID: "81234567890"}, ""},
		{"managed zoom webinar names webinar", core.Location{Provider: core.ProviderZoom, Kind: core.KindWebinar, AccountID: 1}, "Zoom webinar ID is required"},
		{"unmanaged zoom needs the URL", core.Location{Provider: core.ProviderZoom, ExternalID: "81234567890"}, "Join URL is required for a Zoom event"},
		{"unmanaged zoom needs the passcode", core.Location{Provider: core.ProviderZoom, ExternalID: "8123", JoinURL: "https://zoom.us/j/8123"}, "Passcode is required for a Zoom event"},
		{"unmanaged zoom complete", core.Location{Provider: core.ProviderZoom, ExternalID: "8123", JoinURL: "https://zoom.us/j/8123", Password: "x1"}, ""},
		{"unknown kind", core.Location{Provider: core.ProviderZoom, Kind: "party", AccountID: 1, ExternalID: "1"}, `Zoom event kind "party" is unknown; choose meeting or webinar`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := base(tt.loc)
			err := ev.Validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want valid", err)
				}
				return
			}
			if err == nil || !strings.Contains(core.ErrorMessage(err), tt.wantErr) {
				t.Fatalf("Validate() = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestZoomRegistrationAccountsAndFactory(t *testing.T) {
	spec, ok := core.Spec(core.ProviderZoom)
	if !ok || !spec.Managed() || spec.Label != "Zoom" || spec.OAuth == nil {
		t.Fatalf("zoom spec = %+v", spec)
	}
	a := core.Account{Name: "Main", Provider: core.ProviderZoom}
	if err := a.Validate(); err == nil || core.ErrorMessage(err) != "Account ID, client ID and client secret are all required; find them in your Zoom Server-to-Server OAuth app." {
		t.Fatalf("Validate() = %v", err)
	}
	fake := zoomfake.New(zoomfake.Options{})
	p, err := spec.New(core.Account{Credentials: fake.Credentials(), APIURL: "http://sandbox.invalid/v2", OAuthURL: "http://sandbox.invalid"},
		core.ProviderDeps{HTTP: fake.InProcess()})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.TestConnection(context.Background()); err != nil {
		t.Fatalf("registered factory's client: %v", err)
	}
	app := spec.OAuth(core.Account{Credentials: core.Credentials{ClientID: "c"}})
	if app.Port != zoom.DefaultRedirectPort || app.TokenURL != zoom.DefaultOAuthURL+"/oauth/token" {
		t.Errorf("oauth app = %+v", app)
	}
	if sb := spec.Sandbox; sb == nil || !strings.Contains(sb.ConnectHelp("http://127.0.0.1:1"), "--api-url http://127.0.0.1:1/v2") {
		t.Errorf("zoomfake did not register the Sandbox: %v", sb)
	}
}

// injectedTokens is a browser sign-in's token source as the app injects it.
type injectedTokens struct {
	tok         string
	invalidated int
}

func (s *injectedTokens) Token(context.Context) (string, error) { return s.tok, nil }
func (s *injectedTokens) Invalidate(string)                     { s.invalidated++ }

func TestZoomUsesInjectedTokenSource(t *testing.T) {
	ts := &injectedTokens{tok: "not-a-token"}
	r := newRig(t, zoomfake.Options{}, func(c *zoom.Config) { c.Tokens = ts })
	_, err := r.client.Meeting(context.Background(), core.KindMeeting, "91533842071")
	var perr *core.ProviderError
	if err == nil || !errors.As(err, &perr) || perr.Kind != core.PErrUnauthorized {
		t.Fatalf("Meeting with an injected bad token = %v, want unauthorized (the S2S keys were not used)", err)
	}
	if ts.invalidated == 0 {
		t.Error("the refused token was not handed back to the injected source")
	}
}

func TestSessionsAndStaff(t *testing.T) {
	r := newRig(t, zoomfake.Options{}, nil)
	ctx := context.Background()
	single, err := r.client.Sessions(ctx, core.KindMeeting, "91533842071")
	if err != nil || len(single) != 1 || !single[0].Start.Equal(start) || single[0].Duration != time.Hour {
		t.Fatalf("single meeting sessions = %+v, %v", single, err)
	}
	rec, err := r.client.Sessions(ctx, core.KindMeeting, "87777777777")
	if err != nil || len(rec) == 0 || rec[0].ID == "" {
		t.Fatalf("recurring meeting sessions = %+v, %v (want occurrences with IDs)", rec, err)
	}
	x, err := r.client.AddRegistrant(ctx, core.KindMeeting, "87777777777", core.Person{Email: "ann@example.org", FirstName: "Ann", Session: rec[0].ID})
	if err != nil || x.Session != rec[0].ID || x.ID == "" {
		t.Fatalf("register for an occurrence = %+v, %v", x, err)
	}
	r.fake.AddMeeting(zoomfake.Meeting{ID: 85555555555, Kind: core.KindWebinar, Topic: "Panel", Start: start, Duration: time.Hour,
		Panelists: []zoomfake.Panelist{{Name: "Dr Rao", Email: "rao@example.org"}}, AltHosts: []string{"alt@example.org"}})
	staff, err := r.client.Staff(ctx, core.KindWebinar, "85555555555")
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]core.StaffRole{}
	for _, s := range staff {
		roles[s.Email] = s.Role
	}
	if roles["rao@example.org"] != core.RolePanelist || roles[r.fake.HostEmail()] != core.RoleHost ||
		roles["alt@example.org"] != core.RoleCoHost || len(staff) != 3 {
		t.Errorf("staff = %+v", staff)
	}
}
