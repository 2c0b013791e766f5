package core

import (
	"strings"
	"testing"
)

func TestTemplateFromPlaceholders(t *testing.T) {
	got, err := TemplateFromPlaceholders("plain text", "Hello {first  NAME},\nPasscode: {Passcode}\nJoin: {Join link}\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "Hello {{.FirstName}},\n{{if .Password}}Passcode: {{.Password}}\n{{end}}Join: {{.Link}}\n"
	if got != want {
		t.Fatalf("translated\n%q\nwant\n%q", got, want)
	}
	// Two optional placeholders on one line: shown only when both are there.
	got, _ = TemplateFromPlaceholders("HTML version", "<p>{Passcode} / {Reply-to address}</p>")
	if got != "{{if and .Password .ReplyTo}}<p>{{.Password}} / {{.ReplyTo}}</p>{{end}}" {
		t.Fatalf("two optional: %q", got)
	}
	// CSS braces are left alone.
	css := "<style>p { color: red }</style>{Event title}"
	if got, err := TemplateFromPlaceholders("HTML version", css); err != nil || got != "<style>p { color: red }</style>{{.Event.Title}}" {
		t.Fatalf("css: %q %v", got, err)
	}
	// Code passes through.
	if got, _ := TemplateFromPlaceholders("subject", "Hi {{.Name}}"); got != "Hi {{.Name}}" {
		t.Fatalf("code changed: %q", got)
	}
}

func TestUnknownPlaceholdersAreNamed(t *testing.T) {
	_, err := TemplateFromPlaceholders("subject", "Hi {Frist name}, {Venue} {Frist name} {Event title}")
	if ErrorCode(err) != EINVALID {
		t.Fatalf("err %v", err)
	}
	msg := ErrorMessage(err)
	if !strings.Contains(msg, "{Frist name}, {Venue}.") || !strings.Contains(msg, "subject") || strings.Contains(msg, "{{") {
		t.Fatalf("message %q", msg)
	}
}

func TestPlaceholdersFromTemplateRoundTrip(t *testing.T) {
	code := "Hello {{.Name}},\nWhen: {{.When}}\n{{- if .EventWhen}}\n  ({{.EventWhen}})\n{{- end}}\n{{if .Password}}Passcode: {{.Password}}\n{{end}}Bye"
	named, ok := PlaceholdersFromTemplate(code, false)
	want := "Hello {Name},\nWhen: {Start time}\n  ({Start time in event's zone})\nPasscode: {Passcode}\nBye"
	if !ok || named != want {
		t.Fatalf("named %v\n%q\nwant\n%q", ok, named, want)
	}
	back, err := TemplateFromPlaceholders("plain text", named)
	if err != nil || !strings.Contains(back, "{{if .EventWhen}}  ({{.EventWhen}})\n{{end}}") {
		t.Fatalf("back %q %v", back, err)
	}
	// An "if" inside a line of HTML gets lines of its own.
	html, ok := PlaceholdersFromTemplate(`<td>{{- if .Office.LogoSrc}}<img src="{{.Office.LogoSrc}}">{{end -}}<span>`, true)
	if !ok || html != "<td>\n<img src=\"{Logo}\">\n<span>" {
		t.Fatalf("html %v %q", ok, html)
	}
}

func TestPlaceholdersFromTemplateKeepsWhatItCannotSay(t *testing.T) {
	for _, code := range []string{
		"{{range .Items}}x{{end}}",                       // loops
		"{{if .Password}}a{{else}}b{{end}}",              // else
		"{{.Event.Location.JoinURL}}",                    // a field with no placeholder
		"{{if .Password}}Passcode\n{{.Password}}{{end}}", // a line without the field
		"Hi {Name} {{.Name}}",                            // literal braces
		"Line {{if .Password}}{{.Password}}{{end}} more", // mid-line in plain text
		"{{.Name | printf \"%q\"}}",                      // a pipeline
	} {
		if got, ok := PlaceholdersFromTemplate(code, false); ok || got != code {
			t.Errorf("%q converted to %q", code, got)
		}
	}
}

func TestCollapseBlankLines(t *testing.T) {
	if got := CollapseBlankLines("a\n\n\n\nb\n\nc"); got != "a\n\nb\n\nc" {
		t.Fatalf("%q", got)
	}
}
