package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// The editor's preview renders unsaved templates for a real registrant:
// the first active one of the next event, past events only when nothing is
// coming up; a bad placeholder comes back named, and nothing is stored.
func TestPreviewReminderTemplatesUsesTheNextEventsRegistrant(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	now := eng.Now()
	mk := func(title string, start time.Time) core.Event {
		ev, err := eng.CreateEvent(ctx, core.Event{Title: title, Start: start, Duration: time.Hour, TimeZone: "UTC",
			Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/" + strings.Fields(title)[0]}})
		if err != nil {
			t.Fatal(err)
		}
		return ev
	}
	tm := core.MailTemplates{Subject: "{Event title} for {First name}", Text: "Hi {Name}\nPasscode: {Passcode}\nJoin: {Join link}"}
	got, err := eng.PreviewReminderTemplates(ctx, tm)
	if err != nil || !strings.Contains(got.For, "made-up") || got.Message.Subject != "Sample webinar for Ann" {
		t.Fatalf("empty file: %+v %v", got, err)
	}
	past := mk("Past talk", now.Add(-72*time.Hour))
	mustAdd(t, eng, past.ID, "old@example.org", "Olga", "Old")
	next := mk("Next talk", now.Add(48*time.Hour))
	later := mk("Later talk", now.Add(96*time.Hour))
	mustAdd(t, eng, later.ID, "lee@example.org", "Lee", "Later")
	if got, _ := eng.PreviewReminderTemplates(ctx, tm); got.Message.Subject != "Later talk for Lee" {
		t.Fatalf("the next event has nobody yet: preview of %q", got.Message.Subject)
	}
	gone := mustAdd(t, eng, next.ID, "gone@example.org", "Gone", "Away")
	if _, err := eng.CancelRegistrant(ctx, next.ID, gone.ID); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, eng, next.ID, "nia@example.org", "Nia", "Next")
	got, err = eng.PreviewReminderTemplates(ctx, tm)
	if err != nil || got.Message.Subject != "Next talk for Nia" || got.Message.Text != "Hi Nia Next\nJoin: https://example.org/Next" ||
		got.For != "Nia Next, registered for “Next talk”" {
		t.Fatalf("preview %+v %v", got, err)
	}
	_, err = eng.PreviewReminderTemplates(ctx, core.MailTemplates{Text: "Hi {Frist name}"})
	if core.ErrorCode(err) != core.EINVALID || !strings.Contains(core.ErrorMessage(err), "{Frist name}") {
		t.Fatalf("unknown placeholder: %v", err)
	}
	if saved, _ := eng.ReminderTemplates(ctx); saved.Subject == tm.Subject {
		t.Fatal("previewing stored the templates")
	}
}

// Templates stored as Go template code by earlier versions open with
// placeholders, and send the same email; code that does more than
// placeholders can say stays code and keeps working.
func TestStoredTemplateCodeOpensWithPlaceholders(t *testing.T) {
	eng, db := newEngine(t)
	ctx := context.Background()
	old := `{"subject":"Soon: {{.Event.Title}}","text":"Dear {{.FirstName}},\n{{- if .Password}}\nPasscode: {{.Password}}\n{{- end}}\nJoin: {{.Link}}\n","html":"{{with .Event}}<p>{{.Title}}</p>{{end}}"}`
	if err := db.Update(ctx, func(tx core.Tx) error { return tx.PutSetting("mail.templates.reminder", []byte(old)) }); err != nil {
		t.Fatal(err)
	}
	tm, err := eng.ReminderTemplates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if tm.Subject != "Soon: {Event title}" || tm.Text != "Dear {First name},\nPasscode: {Passcode}\nJoin: {Join link}\n" {
		t.Fatalf("opened as %q / %q", tm.Subject, tm.Text)
	}
	if tm.HTML != "{{with .Event}}<p>{{.Title}}</p>{{end}}" {
		t.Fatalf("code placeholders cannot say was changed: %q", tm.HTML)
	}
	ev := newEvent(t, eng)
	r := mustAdd(t, eng, ev.ID, "kim@example.org", "Kim", "Lo")
	before, err := eng.PreviewReminder(ctx, ev.ID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Saving what the editor shows stores placeholders; the email stays.
	tm.HTML = ""
	if err := eng.SaveReminderTemplates(ctx, tm); err != nil {
		t.Fatal(err)
	}
	after, err := eng.PreviewReminder(ctx, ev.ID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Subject != before.Subject || after.Text != before.Text || !strings.HasPrefix(after.Text, "Dear Kim,\n") {
		t.Fatalf("before %q %q, after %q %q", before.Subject, before.Text, after.Subject, after.Text)
	}
}
