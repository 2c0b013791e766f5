package gotowebinar_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/gotowebinar"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
)

func TestGoToRegistration(t *testing.T) {
	spec, ok := core.Spec(core.ProviderGoTo)
	if !ok || !spec.Managed() || spec.Label != "GoTo Webinar" || spec.OAuth == nil || spec.Sandbox == nil || spec.PushPerMinute != 600 {
		t.Fatalf("gotowebinar spec = %+v", spec)
	}
	c := spec.Caps
	if !c.Managed || !c.Cancel || !c.Import || !c.Participants || !c.Sessions || !c.Staff || c.Reapprove || c.Webhooks {
		t.Fatalf("capabilities %+v", c)
	}
	// Browser sign-in only, with the office's client ID and secret.
	a := core.Account{Name: "GoTo", Provider: core.ProviderGoTo, Auth: core.AuthUser, Credentials: core.Credentials{ClientID: "cid"}}
	if err := a.Validate(); err == nil || !strings.Contains(core.ErrorMessage(err), "Client secret is required") {
		t.Fatalf("Validate() without a secret = %v", err)
	}
	a.Auth = core.AuthServer
	if err := a.Validate(); err == nil || !strings.Contains(core.ErrorMessage(err), "connect through the browser only") {
		t.Fatalf("Validate() with keys = %v", err)
	}
	app := spec.OAuth(core.Account{Credentials: core.Credentials{ClientID: "cid", ClientSecret: "sec"}})
	if app.AuthURL != gotowebinar.DefaultOAuthURL+"/oauth/authorize" || app.TokenURL != gotowebinar.DefaultOAuthURL+"/oauth/token" ||
		app.ClientSecret != "sec" || app.Port != gotowebinar.DefaultRedirectPort || len(app.TokenFields) == 0 {
		t.Fatalf("OAuth app %+v", app)
	}
	if _, err := spec.New(core.Account{Name: "GoTo"}, core.ProviderDeps{}); err == nil {
		t.Fatal("an adapter without a browser sign-in's tokens")
	}
	// A linked event needs only the webinar key.
	ev := core.Event{Title: "W", Start: time.Now().Add(time.Hour), Duration: time.Hour, TimeZone: "UTC",
		Location: core.Location{Provider: core.ProviderGoTo, AccountID: 1}}
	if err := ev.Validate(); err == nil || !strings.Contains(core.ErrorMessage(err), "Webinar key is required") {
		t.Fatalf("Validate() = %v", err)
	}
	ev.Location.ExternalID = "8439885694023999999"
	if err := ev.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestWebinarKeyAsStaffPasteIt(t *testing.T) {
	for in, want := range map[string]string{"8439885694023999999": "8439885694023999999", " 8439-8856-9402-3999-999 ": "8439885694023999999",
		"https://attendee.gotowebinar.com/register/8439885694023999999": "8439885694023999999"} {
		if got, err := gotowebinar.WebinarKey(in); err != nil || got != want {
			t.Errorf("WebinarKey(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := gotowebinar.WebinarKey("my webinar"); err == nil {
		t.Error("a name passed as a key")
	}
}

// The offline Sandbox serves what the app links to and takes pushes.
func TestSandboxSeedsAndRegisters(t *testing.T) {
	sb := gotofake.NewSandbox(nil)
	var _ engine.Seeder = sb
	start := time.Now().Add(48 * time.Hour).Truncate(time.Minute).UTC()
	sb.Seed(core.ExternalMeeting{ID: "5573029817361094145", Topic: "Grant writing", Start: start, Duration: 2 * time.Hour, TimeZone: "Europe/London"})
	ctx := context.Background()
	m, err := sb.Meeting(ctx, core.KindWebinar, "5573029817361094145")
	if err != nil || m.Topic != "Grant writing" || !m.Start.Equal(start) || m.Duration != 2*time.Hour {
		t.Fatalf("seeded webinar %+v %v", m, err)
	}
	x, err := sb.AddRegistrant(ctx, core.KindWebinar, "5573029817361094145", core.Person{Email: "a@example.org", FirstName: "A", LastName: "B"})
	if err != nil || x.ID == "" || x.JoinURL == "" {
		t.Fatalf("push to the Sandbox: %+v %v", x, err)
	}
}
