package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

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

// The page of an event with more reminders than the mail service allows
// in a day says so; one within the limit shows nothing.
func TestEventViewWarnsWhenRemindersExceedTheDailyLimit(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	if _, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: "smtp.gmail.com", Port: 587, Security: core.MailSecuritySTARTTLS,
		From: "riverside.events@gmail.com"}); err != nil { // Gmail: 500 a day
		t.Fatal(err)
	}
	newEvent := func(title string, people int) core.Event {
		ev, err := eng.CreateEvent(ctx, core.Event{Title: title, Start: testNow.Add(7 * 24 * time.Hour), Duration: time.Hour,
			TimeZone: "America/New_York", ReminderLead: 2 * time.Hour,
			Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
		if err != nil {
			t.Fatal(err)
		}
		for i := range people {
			if _, _, err := eng.AddRegistrant(ctx, ev.ID, core.Registrant{Email: fmt.Sprintf("%s%d@example.org", strings.Fields(title)[0], i)}); err != nil {
				t.Fatal(err)
			}
		}
		return ev
	}
	small := newEvent("Small webinar", 20)
	v := u.OpenEvent(small, ScreenRegistrants)
	u.wait()
	if v.pace.Visible() {
		t.Fatalf("20 reminders under 500 a day: %q", v.pace.Text)
	}
	big := newEvent("Big webinar", 520)
	v = u.OpenEvent(big, ScreenRegistrants)
	u.wait()
	if !v.pace.Visible() || !strings.Contains(v.pace.Text, "more than the 500 a day Gmail allows") {
		t.Fatalf("520 reminders: visible=%v %q", v.pace.Visible(), v.pace.Text)
	}
}
