package mail

import (
	"strings"
	"time"
	"unicode/utf8"
)

// CalendarEvent is one VEVENT of an iCalendar file.
type CalendarEvent struct {
	UID         string
	Stamp       time.Time
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	URL         string
	Organizer   string // display name
	OrganizerAt string // email, optional
}

// ICS writes an RFC 5545 calendar with one event. Times are in UTC (the
// form every calendar understands without a VTIMEZONE); text is escaped
// and lines are folded at 75 octets with CRLF endings.
func ICS(e CalendarEvent) []byte {
	var b strings.Builder
	line := func(name, value string) { foldLine(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Turnout//Reminder//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("BEGIN", "VEVENT")
	line("UID", escapeText(e.UID))
	stamp := e.Stamp
	if stamp.IsZero() {
		stamp = time.Now()
	}
	line("DTSTAMP", icsTime(stamp))
	line("DTSTART", icsTime(e.Start))
	line("DTEND", icsTime(e.End))
	line("SUMMARY", escapeText(e.Summary))
	if e.Description != "" {
		line("DESCRIPTION", escapeText(e.Description))
	}
	if e.Location != "" {
		line("LOCATION", escapeText(e.Location))
	}
	if e.URL != "" && !strings.ContainsAny(e.URL, "\r\n") {
		line("URL", e.URL)
	}
	if e.OrganizerAt != "" && !strings.ContainsAny(e.OrganizerAt, "\r\n:;\"") {
		name := strings.Map(func(r rune) rune {
			if r == '"' || r < ' ' {
				return -1
			}
			return r
		}, e.Organizer)
		line(`ORGANIZER;CN="`+name+`"`, "mailto:"+e.OrganizerAt)
	}
	line("STATUS", "CONFIRMED")
	line("TRANSP", "OPAQUE")
	line("BEGIN", "VALARM")
	line("ACTION", "DISPLAY")
	line("DESCRIPTION", escapeText(e.Summary))
	line("TRIGGER", "-PT15M")
	line("END", "VALARM")
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return []byte(b.String())
}

func icsTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// foldLine writes one content line, folded so that no line is longer than
// 75 octets, never splitting a UTF-8 character (§3.1).
func foldLine(b *strings.Builder, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
