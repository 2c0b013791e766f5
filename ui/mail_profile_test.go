package ui

import (
	"context"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// Settings → Mail shows the limits chosen from the server's name and
// keeps choosing them until staff pick a service; a picked service with an
// edited number is saved as the office's own.
func TestMailProfileEditorChoosesFromTheHostUntilStaffPick(t *testing.T) {
	u, _, _ := newTestUIWithStore(t)
	u.ShowSettings()
	u.wait()
	m := u.settings.mail
	m.fill(core.MailSettings{Host: "smtp.office365.com", Port: 587, From: "events@riverside.example.org"})
	p := m.profile
	if p.preset.Selected != "Microsoft 365" || p.perMinute.Text != "30" || p.perDay.Text != "10000" || p.connections.Text != "3" {
		t.Fatalf("from the host: %q %q %q %q", p.preset.Selected, p.perMinute.Text, p.perDay.Text, p.connections.Text)
	}
	if got := m.config().Profile; got.Preset != "" {
		t.Fatalf("untouched, the profile should stay chosen by the host: %+v", got)
	}
	p.preset.SetSelected("Gmail")
	if p.perDay.Text != "500" {
		t.Fatalf("Gmail's day: %q", p.perDay.Text)
	}
	p.perMinute.SetText("12")
	want := core.MailProfile{Preset: core.PresetGmail, PerMinute: 12, PerDay: 500, Connections: 1}
	if got := m.config().Profile; got != want {
		t.Fatalf("picked: %+v, want %+v", got, want)
	}
	saved, err := u.svc.Settings.SaveMailSettings(context.Background(), m.config())
	if err != nil || saved.SendingProfile() != want {
		t.Fatalf("saved %+v, %v", saved.Profile, err)
	}
	m.fill(saved)
	if p.preset.Selected != "Gmail" || p.perMinute.Text != "12" || m.config().Profile != want {
		t.Fatalf("after saving: %q %q", p.preset.Selected, p.perMinute.Text)
	}
}
