package ui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/providertest"
)

// A provider that only registers itself (core/provider/providertest, a
// test-only package) is offered by the Add account dialog with the fields
// its form asks for, and by the event editor with its own event fields:
// the window names no provider.
func TestRegisteredTestProviderAppearsInTheWindow(t *testing.T) {
	u, eng := newTestUI(t)
	u.ShowSettings()
	u.wait()
	s := u.settings.accounts
	test.Tap(s.addBtn)
	f := s.add
	if f == nil || !slices.Contains(f.provider.Options, providertest.Label) {
		t.Fatalf("Add account does not offer the test provider: %v", f.provider.Options)
	}
	f.provider.SetSelected(providertest.Label)
	if !slices.Equal(f.kind.Options, []string{"API keys"}) || f.kind.Selected != keysChoice(f.spec) || f.browserBox.Visible() {
		t.Fatalf("sign-in choices = %v (%q); the test provider has keys only", f.kind.Options, f.kind.Selected)
	}
	if f.credFields[core.CredAccountID] != nil && f.credFields[core.CredAccountID].box.Visible() {
		t.Error("the account ID field shows, but the test provider does not ask for it")
	}
	if !f.credFields[core.CredClientSecret].box.Visible() || f.credFields[core.CredClientSecret].label.Text != "Client secret  *" {
		t.Errorf("client secret field: visible=%t label=%q", f.credFields[core.CredClientSecret].box.Visible(), f.credFields[core.CredClientSecret].label.Text)
	}
	if f.name.PlaceHolder != "Main ConfCall" {
		t.Errorf("name placeholder = %q", f.name.PlaceHolder)
	}
	f.name.SetText("CC")
	f.entry(core.CredClientID).SetText("c")
	f.entry(core.CredClientSecret).SetText("s3cret")
	test.Tap(f.addBtn)
	u.wait()
	if f.errLabel.Text != "" {
		t.Fatalf("adding the account failed: %s", f.errLabel.Text)
	}
	acc, err := eng.FindAccount(context.Background(), "CC")
	if err != nil || acc.Provider != providertest.Kind || acc.Credentials.ClientSecret != "s3cret" {
		t.Fatalf("stored account = %v, %v", acc, err)
	}

	test.Tap(u.events.newBtn)
	u.wait()
	ed := u.events.editor
	if !slices.Contains(ed.provider.Options, providertest.Label) {
		t.Fatalf("the event editor does not offer the test provider: %v", ed.provider.Options)
	}
	ed.provider.SetSelected(providertest.Label)
	u.wait()
	if ed.fKind.box.Visible() || !ed.fID.box.Visible() || ed.fID.label.Text != "Room code  *" || !ed.fURL.box.Visible() || ed.fPass.box.Visible() {
		t.Fatalf("typed-in fields: kind=%t id=%t %q url=%t pass=%t", ed.fKind.box.Visible(), ed.fID.box.Visible(), ed.fID.label.Text,
			ed.fURL.box.Visible(), ed.fPass.box.Visible())
	}
	if !slices.Contains(ed.account.Options, "CC") {
		t.Fatalf("account choices = %v, want the test provider's account", ed.account.Options)
	}
	ed.account.SetSelected("CC")
	if ed.fURL.box.Visible() || ed.providerFYI.Text != "ConfCall fills in the link." {
		t.Errorf("with the account linked the join URL should come from the provider: url=%t note=%q", ed.fURL.box.Visible(), ed.providerFYI.Text)
	}
	ev, err := ed.event()
	if err != nil || ev.Location.Provider != providertest.Kind || ev.Location.AccountID != acc.ID || ev.Location.Kind != "" {
		t.Errorf("editor event location = %+v, %v", ev.Location, err)
	}
}
