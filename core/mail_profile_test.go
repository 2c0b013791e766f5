package core

import (
	"testing"
	"time"
)

func TestSendingProfileIsChosenFromTheHost(t *testing.T) {
	cases := []struct {
		host, from string
		want       MailPreset
	}{
		{"smtp.office365.com", "events@riverside.example.org", PresetMicrosoft365},
		{"SMTP.Office365.com.", "events@riverside.example.org", PresetMicrosoft365},
		{"smtp.gmail.com", "riverside.events@gmail.com", PresetGmail},
		{"smtp.gmail.com", "events@riverside.example.org", PresetGoogleWorkspace},
		{"email-smtp.eu-west-1.amazonaws.com", "events@riverside.example.org", PresetSESSandbox},
		{"mail.riverside.example.org", "events@riverside.example.org", PresetCustom},
	}
	for _, c := range cases {
		got := MailSettings{Host: c.host, From: c.from}.SendingProfile()
		if got.Preset != c.want || got != PresetProfile(c.want) {
			t.Errorf("%s / %s: %+v, want %s", c.host, c.from, got, c.want)
		}
	}
	chosen := MailSettings{Host: "smtp.office365.com", Profile: MailProfile{Preset: PresetCustom, PerMinute: 10, Connections: 9}}
	if p := chosen.SendingProfile(); p.Preset != PresetCustom || p.PerMinute != 10 || p.Connections != MaxMailConnections {
		t.Errorf("staff's choice: %+v", p)
	}
}

func TestMailProfileNumbers(t *testing.T) {
	m365 := PresetProfile(PresetMicrosoft365)
	if m365.PerMinute != 30 || m365.PerDay != 10000 || m365.Connections != 3 {
		t.Fatalf("Microsoft 365: %+v", m365)
	}
	if ses := PresetProfile(PresetSESSandbox); ses.PerMinute != 60 || ses.PerDay != 200 || ses.Connections != 1 {
		t.Fatalf("SES sandbox: %+v", ses)
	}
	// 600 reminders at 30 a minute: the first at once, the last 599 × 2 s later.
	if got := m365.Span(600); got != 599*2*time.Second {
		t.Errorf("span of 600: %s", got)
	}
	if PresetProfile(PresetCustom).Span(5000) != 0 {
		t.Error("no per-minute limit should need no time")
	}
	for _, bad := range []MailProfile{
		{Preset: "hotmail"}, {Preset: PresetCustom, Connections: 4}, {Preset: PresetCustom, PerDay: -1},
		{Preset: PresetCustom, PerMinute: 100, PerDay: 50},
	} {
		if err := bad.Validate(); err == nil {
			t.Errorf("%+v passed", bad)
		}
	}
	ok := MailProfile{Preset: "Gmail", PerMinute: 20, PerDay: 500}
	if err := ok.Validate(); err != nil || ok.Preset != PresetGmail || ok.Connections != 1 {
		t.Errorf("%+v, %v", ok, err)
	}
}
