package core

import (
	"fmt"
	"strings"
	"time"
)

// MailPreset names the mail service a sending profile was taken from.
type MailPreset string

const (
	PresetMicrosoft365    MailPreset = "microsoft365"
	PresetGoogleWorkspace MailPreset = "google-workspace"
	PresetGmail           MailPreset = "gmail"
	PresetSESSandbox      MailPreset = "ses-sandbox"
	PresetCustom          MailPreset = "custom"
)

const (
	// MaxMailConnections is how many connections Turnout opens at most;
	// a profile may allow fewer.
	MaxMailConnections = 3
	// MailDayWindow is how long a daily sending limit counts: the
	// services count a rolling day from the first message.
	MailDayWindow          = 24 * time.Hour
	mailPresetListForUsers = "microsoft365, google-workspace, gmail, ses-sandbox or custom"
)

// MailProfile is how fast the office's mail service lets Turnout send:
// at most PerMinute messages in any minute and PerDay in a day (zero: no
// limit), over Connections connections at once (1 to 3).
type MailProfile struct {
	Preset      MailPreset `json:"preset,omitempty"`
	PerMinute   int        `json:"per_minute,omitempty"`
	PerDay      int        `json:"per_day,omitempty"`
	Connections int        `json:"connections,omitempty"`
}

// MailPresets lists the presets in the order screens offer them.
func MailPresets() []MailPreset {
	return []MailPreset{PresetMicrosoft365, PresetGoogleWorkspace, PresetGmail, PresetSESSandbox, PresetCustom}
}

// Label is how staff name the preset.
func (p MailPreset) Label() string {
	switch p {
	case PresetMicrosoft365:
		return "Microsoft 365"
	case PresetGoogleWorkspace:
		return "Google Workspace"
	case PresetGmail:
		return "Gmail"
	case PresetSESSandbox:
		return "Amazon SES (sandbox)"
	}
	return "Custom"
}

// ParseMailPreset accepts a preset's name in any case ("" is custom).
func ParseMailPreset(s string) (MailPreset, error) {
	p := MailPreset(strings.ToLower(strings.TrimSpace(s)))
	if p == "" {
		return PresetCustom, nil
	}
	for _, q := range MailPresets() {
		if p == q {
			return p, nil
		}
	}
	return "", Errorf(EINVALID, "Mail service %q is unknown; choose %s.", s, mailPresetListForUsers)
}

// PresetProfile is the published limits of a service.
func PresetProfile(p MailPreset) MailProfile {
	switch p {
	case PresetMicrosoft365:
		// Exchange Online: 30 messages a minute, 10,000 recipients a day,
		// 3 concurrent connections per mailbox.
		return MailProfile{Preset: p, PerMinute: 30, PerDay: 10000, Connections: 3}
	case PresetGoogleWorkspace:
		// Google publishes only the day's 2,000 (support.google.com/a/
		// answer/166852) and answers bursts with "421 4.7.0 Try again
		// later". 30 a minute is Microsoft's published pace: a full day's
		// quota still leaves in about 67 minutes, slow enough not to look
		// like a burst.
		return MailProfile{Preset: p, PerMinute: 30, PerDay: 2000, Connections: 1}
	case PresetGmail:
		// A personal Gmail account: 500 a day; the same pace as Workspace.
		return MailProfile{Preset: p, PerMinute: 30, PerDay: 500, Connections: 1}
	case PresetSESSandbox:
		// Amazon SES sandbox: 1 message a second, 200 a day.
		return MailProfile{Preset: p, PerMinute: 60, PerDay: 200, Connections: 1}
	}
	return MailProfile{Preset: PresetCustom, Connections: 1}
}

// GuessMailProfile picks the preset of a mail server from its host name
// (and, for Google, the sender's domain: Gmail or a Workspace domain).
func GuessMailProfile(host, from string) MailProfile {
	h := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(host), "."))
	switch {
	case h == "smtp.office365.com", h == "smtp-mail.outlook.com", strings.HasSuffix(h, ".mail.protection.outlook.com"):
		return PresetProfile(PresetMicrosoft365)
	case h == "smtp.gmail.com", h == "smtp.googlemail.com":
		domain := strings.ToLower(from[strings.LastIndexByte(from, '@')+1:])
		if domain == "gmail.com" || domain == "googlemail.com" {
			return PresetProfile(PresetGmail)
		}
		return PresetProfile(PresetGoogleWorkspace)
	case strings.HasPrefix(h, "email-smtp.") && strings.HasSuffix(h, ".amazonaws.com"):
		return PresetProfile(PresetSESSandbox)
	}
	return PresetProfile(PresetCustom)
}

// SendingProfile is the profile Turnout paces to: the one staff chose,
// or the one the mail server's name suggests.
func (c MailSettings) SendingProfile() MailProfile {
	if c.Profile.Preset == "" {
		return GuessMailProfile(c.Host, c.From)
	}
	p := c.Profile
	p.PerMinute, p.PerDay = max(p.PerMinute, 0), max(p.PerDay, 0)
	p.Connections = min(max(p.Connections, 1), MaxMailConnections)
	return p
}

// Validate checks a profile staff edited.
func (p *MailProfile) Validate() error {
	preset, err := ParseMailPreset(string(p.Preset))
	if err != nil {
		return err
	}
	p.Preset = preset
	if p.PerMinute < 0 || p.PerDay < 0 {
		return Errorf(EINVALID, "Messages a minute and a day cannot be negative; leave 0 for no limit.")
	}
	if p.Connections == 0 {
		p.Connections = 1
	}
	if p.Connections < 1 || p.Connections > MaxMailConnections {
		return Errorf(EINVALID, "Turnout sends over 1 to %d connections at once; %d is outside that.", MaxMailConnections, p.Connections)
	}
	if p.PerMinute > 0 && p.PerDay > 0 && p.PerMinute > p.PerDay {
		return Errorf(EINVALID, "%d a minute is more than the %d a day allowed; check the two numbers.", p.PerMinute, p.PerDay)
	}
	return nil
}

// Span is how long n messages take at the profile's pace (zero without
// a per-minute limit): the first leaves at once, then one every
// minute/PerMinute.
func (p MailProfile) Span(n int) time.Duration {
	if p.PerMinute <= 0 || n <= 1 {
		return 0
	}
	return time.Duration(n-1) * p.Gap()
}

// Gap is the time between two messages at the profile's pace.
func (p MailProfile) Gap() time.Duration {
	if p.PerMinute <= 0 {
		return 0
	}
	return time.Minute / time.Duration(p.PerMinute)
}

// String is the profile in words: "Microsoft 365: 30 a minute, 10000 a
// day, 3 connections".
func (p MailProfile) String() string {
	limit := func(n int, per string) string {
		if n <= 0 {
			return "no limit a " + per
		}
		return fmt.Sprintf("%d a %s", n, per)
	}
	conns := "1 connection"
	if p.Connections > 1 {
		conns = fmt.Sprintf("%d connections", p.Connections)
	}
	return fmt.Sprintf("%s: %s, %s, %s", p.Preset.Label(), limit(p.PerMinute, "minute"), limit(p.PerDay, "day"), conns)
}

// ReminderPace is when an event's reminders leave and whether the mail
// service's limits let them: the event view and "turnout remind" show
// it.
type ReminderPace struct {
	Profile MailProfile
	// ToSend counts the event's active registrants not yet reminded.
	ToSend int
	// SameDay counts every reminder due within a day of this event's
	// (this event's included).
	SameDay int
	DueAt   time.Time // event start − reminder lead: the last leaves by then
	StartAt time.Time // when sending starts, early enough for the last
	// SentInWindow is how many messages the current day window holds;
	// PausedUntil is set while the daily limit holds the outbox.
	SentInWindow int
	PausedUntil  time.Time
	PauseWhy     string
	Warnings     []string
}

// String says when the reminders leave, in words.
func (p ReminderPace) String() string {
	if p.DueAt.IsZero() {
		return ""
	}
	s := fmt.Sprintf("%d reminder(s) to send by %s", p.ToSend, p.DueAt.Local().Format("15:04 on Mon 2 Jan"))
	if p.ToSend > 1 && p.StartAt.Before(p.DueAt) {
		s += fmt.Sprintf(", starting at %s to keep to %s", p.StartAt.Local().Format("15:04"), p.Profile)
	}
	return s + "."
}
