// Package mail builds Turnout's emails (reminders from templates, with an
// .ics calendar attachment) and sends them over SMTP through
// go-simple-mail.
package mail

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"net/http"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"

	"github.com/turnout-app/turnout/assets/email"
	"github.com/turnout-app/turnout/core"
)

// DefaultReminder is the reminder as Turnout ships it (assets/email).
func DefaultReminder() core.MailTemplates {
	return core.MailTemplates{Subject: email.ReminderSubject(), HTML: email.ReminderHTML(), Text: email.ReminderText()}
}

// EditableTemplates is t as staff edit it: written with placeholders such
// as {First name}. Template code that does more than placeholders can say
// stays code and keeps working.
func EditableTemplates(t core.MailTemplates) core.MailTemplates {
	t.Subject, _ = core.PlaceholdersFromTemplate(t.Subject, false)
	t.Text, _ = core.PlaceholdersFromTemplate(t.Text, false)
	t.HTML, _ = core.PlaceholdersFromTemplate(t.HTML, true)
	return t
}

// IsDefault reports whether a template part is Turnout's default, as code
// or with placeholders; the store then keeps "use the default".
func IsDefault(part, def string, html bool) bool {
	if part == def {
		return true
	}
	named, _ := core.PlaceholdersFromTemplate(def, html)
	return part == named
}

// withDefaults fills empty templates from the defaults.
func withDefaults(t core.MailTemplates) core.MailTemplates {
	d := DefaultReminder()
	if strings.TrimSpace(t.Subject) == "" {
		t.Subject = d.Subject
	}
	if strings.TrimSpace(t.HTML) == "" {
		t.HTML = d.HTML
	}
	if strings.TrimSpace(t.Text) == "" {
		t.Text = d.Text
	}
	return t
}

// ValidateTemplates parses the templates and renders them once on sample
// data, so staff learn about a mistake when they save, not when reminders
// go out.
func ValidateTemplates(t core.MailTemplates) error {
	_, err := Compose(t, sampleInput())
	return err
}

// Input is everything a reminder is made of.
type Input struct {
	Office     core.Office
	Event      core.Event
	Registrant core.Registrant
	// Link is what the registrant clicks: the tracked link, or the join
	// URL itself when tracking is off.
	Link string
	// From and ReplyTo come from the mail settings; the office's reply-to
	// is used when ReplyTo is empty.
	From    string
	ReplyTo string
	// Now stamps the calendar file (DTSTAMP).
	Now time.Time
}

// LogoName is the file name (and Content-ID) of the inline logo.
const LogoName = "logo.png"

// templateData is what templates see.
type templateData struct {
	Office struct {
		Name        string
		HeaderColor string
		LogoSrc     htmltemplate.URL
	}
	Event      core.Event
	Registrant core.Registrant
	Name       string
	FirstName  string
	// When is the start in the office's zone with the zone named; EventWhen
	// the start in the event's own zone, only when that zone differs.
	When      string
	EventWhen string
	Link      string
	Password  string
	ReplyTo   string
}

// FormatWhen writes a start time for people: "Tuesday, December 1, 2026 at
// 2:00 PM EST (America/New_York)".
func FormatWhen(t time.Time, loc *time.Location) string {
	lt := t.In(loc)
	return lt.Format("Monday, January 2, 2006 at 3:04 PM MST") + " (" + loc.String() + ")"
}

// JoinURL is where a registrant joins: their personal provider link when
// the provider gave one, else the event's.
func JoinURL(ev core.Event, r core.Registrant) string {
	if r.Sync.JoinURL != "" {
		return r.Sync.JoinURL
	}
	return ev.Location.JoinURL
}

// Compose renders a reminder for one registrant.
func Compose(t core.MailTemplates, in Input) (core.MailMessage, error) {
	t = withDefaults(t)
	officeLoc := in.Office.Location()
	var d templateData
	d.Office.Name = in.Office.Name
	d.Office.HeaderColor = in.Office.HeaderColor
	if d.Office.HeaderColor == "" {
		d.Office.HeaderColor = core.DefaultOffice().HeaderColor
	}
	var atts []core.MailAttachment
	if len(in.Office.Logo) > 0 {
		d.Office.LogoSrc = htmltemplate.URL("cid:" + LogoName)
		atts = append(atts, core.MailAttachment{Name: LogoName, MimeType: http.DetectContentType(in.Office.Logo), Data: in.Office.Logo, Inline: true})
	}
	d.Event, d.Registrant = in.Event, in.Registrant
	d.Name, d.FirstName = in.Registrant.Name(), in.Registrant.FirstName
	if d.FirstName == "" {
		d.FirstName = d.Name
	}
	d.When = FormatWhen(in.Event.Start, officeLoc)
	if evLoc, err := core.LoadLocation(in.Event.TimeZone); err == nil && evLoc.String() != officeLoc.String() {
		d.EventWhen = FormatWhen(in.Event.Start, evLoc)
	}
	d.Link = in.Link
	if d.Link == "" {
		d.Link = JoinURL(in.Event, in.Registrant)
	}
	d.Password = in.Event.Location.Password
	d.ReplyTo = in.ReplyTo
	if d.ReplyTo == "" {
		d.ReplyTo = in.Office.ReplyTo
	}

	m := core.MailMessage{From: in.From, To: in.Registrant.Email, ToName: in.Registrant.Name(), ReplyTo: d.ReplyTo}
	var err error
	if m.Subject, err = renderText("subject", t.Subject, d); err != nil {
		return m, err
	}
	m.Subject = strings.Join(strings.Fields(m.Subject), " ") // one line
	if m.Text, err = renderText("text", t.Text, d); err != nil {
		return m, err
	}
	htmlSrc, err := translate("HTML version", t.HTML)
	if err != nil {
		return m, err
	}
	ht, err := parsedHTML(htmlSrc)
	if err != nil {
		return m, templateError("HTML", err)
	}
	var buf bytes.Buffer
	if err := ht.Execute(&buf, d); err != nil {
		return m, templateError("HTML", err)
	}
	m.HTML = buf.String()
	ics := ICS(CalendarEvent{
		UID:         fmt.Sprintf("turnout-event-%d-registrant-%d@turnout.app", in.Event.ID, in.Registrant.ID),
		Stamp:       in.Now,
		Start:       in.Event.Start,
		End:         in.Event.End(),
		Summary:     in.Event.Title,
		Description: icsDescription(in.Event, d.Link, d.Password),
		Location:    d.Link,
		URL:         d.Link,
		Organizer:   in.Office.Name,
		OrganizerAt: d.ReplyTo,
	})
	atts = append(atts, core.MailAttachment{Name: "invite.ics", MimeType: "text/calendar; charset=utf-8; method=PUBLISH", Data: ics})
	m.Attachments = atts
	return m, nil
}

func icsDescription(ev core.Event, link, password string) string {
	var b strings.Builder
	b.WriteString("Join: " + link)
	if password != "" {
		b.WriteString("\nPassword: " + password)
	}
	if ev.Description != "" {
		b.WriteString("\n\n" + ev.Description)
	}
	return b.String()
}

// renderText renders the subject or the plain text. Placeholders are
// translated first; their left-out lines leave no runs of blank lines.
func renderText(name, src string, d templateData) (string, error) {
	named := !core.IsTemplateCode(src)
	src, err := translate(partName(name), src)
	if err != nil {
		return "", err
	}
	tt, err := parsedText(name, src)
	if err != nil {
		return "", templateError(name, err)
	}
	var buf bytes.Buffer
	if err := tt.Execute(&buf, d); err != nil {
		return "", templateError(name, err)
	}
	if named {
		return core.CollapseBlankLines(buf.String()), nil
	}
	return buf.String(), nil
}

// translated remembers placeholder translations: a run of reminders uses
// the same few templates thousands of times.
var translated struct {
	sync.Mutex
	m map[[2]string]string
}

// translate is core.TemplateFromPlaceholders, remembered.
func translate(part, src string) (string, error) {
	if core.IsTemplateCode(src) {
		return src, nil
	}
	key := [2]string{part, src}
	translated.Lock()
	out, ok := translated.m[key]
	translated.Unlock()
	if ok {
		return out, nil
	}
	out, err := core.TemplateFromPlaceholders(part, src)
	if err != nil {
		return "", err
	}
	translated.Lock()
	if translated.m == nil || len(translated.m) >= 32 { // templates being typed: keep it small
		translated.m = map[[2]string]string{}
	}
	translated.m[key] = out
	translated.Unlock()
	return out, nil
}

// partName names a template part in messages.
func partName(name string) string {
	if name == "text" {
		return "plain text"
	}
	return name
}

func templateError(part string, err error) error {
	return core.Errorf(core.EINVALID, "The email %s template has a mistake: %v. Fix it or restore the default.", part, err)
}

// SampleInput is a made-up reminder for the office when there is no real
// registrant to show: the template editor's preview uses it.
func SampleInput(office core.Office) Input {
	in := sampleInput()
	in.Office = office
	return in
}

func sampleInput() Input {
	start := time.Date(2026, 12, 1, 19, 0, 0, 0, time.UTC)
	return Input{
		Office: core.DefaultOffice(),
		Event: core.Event{ID: 1, Title: "Sample webinar", Start: start, Duration: time.Hour, TimeZone: "Europe/London",
			Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/join", Password: "123456"}},
		Registrant: core.Registrant{ID: 1, EventID: 1, FirstName: "Ann", LastName: "Lee", Email: "ann@example.org"},
		Link:       "https://example.org/j/sample",
		From:       "office@example.org",
		Now:        start.Add(-2 * time.Hour),
	}
}

// parsed remembers parsed templates: parsing, and html/template's
// escaping pass on the first run, cost more than rendering, and a batch
// of reminders uses the same few templates thousands of times. Parsed
// templates are safe to execute in parallel.
var parsed sync.Map // "html\x00"+src or "text\x00"+name+"\x00"+src → template

func parsedHTML(src string) (*htmltemplate.Template, error) {
	key := "html\x00" + src
	if t, ok := parsed.Load(key); ok {
		return t.(*htmltemplate.Template), nil
	}
	t, err := htmltemplate.New("html").Option("missingkey=error").Parse(src)
	if err == nil {
		parsed.Store(key, t)
	}
	return t, err
}

func parsedText(name, src string) (*texttemplate.Template, error) {
	key := "text\x00" + name + "\x00" + src
	if t, ok := parsed.Load(key); ok {
		return t.(*texttemplate.Template), nil
	}
	t, err := texttemplate.New(name).Option("missingkey=error").Parse(src)
	if err == nil {
		parsed.Store(key, t)
	}
	return t, err
}
