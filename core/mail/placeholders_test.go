package mail

import (
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// Turnout's default reminder, translated to placeholders for the editor,
// must send the same email as the code it came from, with and without the
// optional parts.
func TestDefaultReminderWithPlaceholdersSendsTheSameEmail(t *testing.T) {
	code := DefaultReminder()
	named := EditableTemplates(code)
	for _, part := range []string{named.Subject, named.Text, named.HTML} {
		if core.IsTemplateCode(part) {
			t.Fatalf("the default still shows template code:\n%s", part)
		}
	}
	if !strings.Contains(named.Text, "Hello {Name},") || !strings.Contains(named.Text, "Passcode: {Passcode}") {
		t.Fatalf("named text:\n%s", named.Text)
	}
	full := sampleInput()
	full.Event.Description = "Bring a pen."
	full.Event.TimeZone = "America/New_York"
	full.Office.Logo = []byte("\x89PNG\r\n\x1a\n")
	bare := sampleInput()
	bare.Event.Location.Password = ""
	bare.Event.TimeZone = full.Office.TimeZone
	bare.Office.Logo = nil
	for name, in := range map[string]Input{"everything": full, "nothing optional": bare} {
		want, err := Compose(code, in)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Compose(named, in)
		if err != nil {
			t.Fatal(err)
		}
		if got.Subject != want.Subject || got.Text != want.Text {
			t.Errorf("%s: placeholders give\n%q\n%q\ncode gives\n%q\n%q", name, got.Subject, got.Text, want.Subject, want.Text)
		}
		if strings.ReplaceAll(got.HTML, "\n", "") != strings.ReplaceAll(want.HTML, "\n", "") {
			t.Errorf("%s: HTML differs beyond line breaks:\n%s\n----\n%s", name, got.HTML, want.HTML)
		}
	}
	if !IsDefault(named.Text, code.Text, false) || !IsDefault(named.HTML, code.HTML, true) || IsDefault("Hi", code.Text, false) {
		t.Error("IsDefault does not recognise the default with placeholders")
	}
}

func TestComposeRefusesUnknownPlaceholders(t *testing.T) {
	_, err := Compose(core.MailTemplates{Subject: "See you, {First Name}", Text: "Venue: {Venue}"}, sampleInput())
	if core.ErrorCode(err) != core.EINVALID || !strings.Contains(core.ErrorMessage(err), "{Venue}") {
		t.Fatalf("err %v", err)
	}
	m, err := Compose(core.MailTemplates{Subject: "See you, {First Name}", Text: "Hi {first name}\nPasscode: {Passcode}\n\n{Event description}\n\nBye"}, sampleInput())
	if err != nil || m.Subject != "See you, Ann" || m.Text != "Hi Ann\nPasscode: 123456\n\nBye" {
		t.Fatalf("%q %q %v", m.Subject, m.Text, err)
	}
}
