package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

// TestSyncNowAndActiveSwitchOnAnAccountRow uses the demo's Sandbox account:
// Sync now imports the new webinar in the background and says so; the
// row then shows the last sync; the Active switch turns the account off
// and Sync now with it.
func TestSyncNowAndActiveSwitchOnAnAccountRow(t *testing.T) {
	u, eng, sandbox := newDemoUI(t)
	sandbox.Server.AddMeeting(zoomfake.Meeting{ID: 81234567890, Kind: core.KindWebinar, Topic: "Planned giving 101",
		Start: testNow.Add(96 * time.Hour), TimeZone: "America/New_York", Duration: time.Hour})
	ctx := context.Background()
	u.ShowSettings()
	u.wait()
	accounts, _ := eng.Accounts(ctx)
	id := accounts[0].ID
	row := u.settings.accounts.rows[id]
	if !row.activeCheck.Checked || !strings.Contains(row.detail.Text, "Meetings not imported yet") {
		t.Fatalf("before a sync: active %t, %q", row.activeCheck.Checked, row.detail.Text)
	}

	test.Tap(row.syncBtn)
	u.wait()
	if text := dialogText(t, u); !strings.Contains(text, "1 event added") {
		t.Fatalf("Sync now said:\n%s", text)
	}
	if list, _ := eng.ListEvents(ctx, "Planned giving"); len(list) != 1 || list[0].Location.AccountID != id {
		t.Fatalf("imported events = %+v", list)
	}
	row = u.settings.accounts.rows[id]
	if !strings.Contains(row.detail.Text, "Last sync: ") || row.sync.box.Visible() {
		t.Fatalf("after the sync the row says %q (progress shown: %t)", row.detail.Text, row.sync.box.Visible())
	}

	row.activeCheck.SetChecked(false)
	u.wait()
	if a, _ := eng.FindAccount(ctx, accounts[0].Name); a.Active {
		t.Fatal("unticking Active left the account active")
	}
	if r := u.settings.accounts.rows[id]; r.activeCheck.Checked || !r.syncBtn.Disabled() {
		t.Fatalf("an inactive account: Active %t, Sync now enabled %t", r.activeCheck.Checked, !r.syncBtn.Disabled())
	}
}

// Removing an account that events are linked to is refused in office
// words, with Turn off offered instead.
func TestRemoveAccountWithEventsOffersTurnOff(t *testing.T) {
	u, eng, _ := newDemoUI(t)
	ctx := context.Background()
	u.ShowSettings()
	u.wait()
	accounts, _ := eng.Accounts(ctx)
	test.Tap(u.settings.accounts.rows[accounts[0].ID].removeBtn)
	tapDialogButton(t, u, "Remove")
	u.wait()
	if text := dialogText(t, u); !strings.Contains(text, "cannot be removed") || !strings.Contains(text, "linked to it") {
		t.Fatalf("refusal:\n%s", text)
	}
	tapDialogButton(t, u, "Turn off")
	u.wait()
	if a, _ := eng.FindAccount(ctx, accounts[0].Name); a.Active || a.ID != accounts[0].ID {
		t.Fatalf("after Turn off: %+v", a)
	}
}

// Test connection tests every active account at once and names the one
// it turned off, and why; the row then shows it off with the reason.
func TestTestConnectionTurnsOffTheFailingAccount(t *testing.T) {
	u, eng, fake, base := newOAuthUI(t, zoomfake.Consent("allow"))
	ctx := context.Background()
	good := fake.Credentials()
	bad := good
	bad.ClientSecret = "wrong-secret"
	for name, cr := range map[string]core.Credentials{"Good": good, "Bad": bad} {
		if _, err := eng.AddAccount(ctx, core.Account{Name: name, Provider: core.ProviderZoom, Active: true, Credentials: cr,
			APIURL: base + "/v2", OAuthURL: base}); err != nil {
			t.Fatal(err)
		}
	}
	s := u.settings.accounts
	s.load()
	u.wait()
	test.Tap(s.testBtn)
	u.wait()
	text := dialogText(t, u)
	if !strings.Contains(text, "1 of 2 accounts work") || !strings.Contains(text, "“Bad”") || !strings.Contains(text, "turned it off") {
		t.Fatalf("Test connection said:\n%s", text)
	}
	b, _ := eng.FindAccount(ctx, "Bad")
	r := s.rows[b.ID]
	if b.Active || r.activeCheck.Checked || !r.errLabel.Visible() || r.errLabel.Text == "" {
		t.Fatalf("the failing account: active %t, switch %t, error %q", b.Active, r.activeCheck.Checked, r.errLabel.Text)
	}
	if g, _ := eng.FindAccount(ctx, "Good"); !g.Active || !s.rows[g.ID].activeCheck.Checked {
		t.Fatal("the working account was turned off")
	}
}
