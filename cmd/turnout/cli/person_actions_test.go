package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckInByHandAndUndo(t *testing.T) {
	data := dataFile(t)
	id := addEventAt(t, data, inDays(t, -1))
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann")
	mustRun(t, "--data", data, "checkin", "person", "--event", id, "--email", "ann@example.org")
	if h := reportOf(t, data, id); h["attended"] != float64(1) {
		t.Fatalf("checkin person: attended %v, want 1", h["attended"])
	}
	mustRun(t, "--data", data, "checkin", "undo", "--event", id, "--id", "1")
	if h := reportOf(t, data, id); h["attended"] != float64(0) || h["no_shows"] != float64(1) {
		t.Fatalf("checkin undo: attended %v, no-shows %v; want 0 and 1", h["attended"], h["no_shows"])
	}
}

func TestRemindPreviewAndResend(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann")
	out := mustRun(t, "--data", data, "remind", "preview", "--event", id, "--email", "ann@example.org")
	if !strings.Contains(out, "To: Ann <ann@example.org>") || !strings.Contains(out, "Alumni webinar") {
		t.Errorf("remind preview:\n%s", out)
	}
	if out := mustRun(t, "--data", data, "remind", "resend", "--event", id, "--email", "ann@example.org"); !strings.Contains(out, "waiting to send") {
		t.Errorf("remind resend printed %q", out)
	}
	if code, _, errOut := run(t, "--data", data, "remind", "resend", "--event", id, "--all", "--id", "1"); code != 1 || !strings.Contains(errOut, "not both") {
		t.Errorf("remind resend --all --id: exit %d, %q", code, errOut)
	}
}

func TestOfficeAndTemplateSettings(t *testing.T) {
	data := dataFile(t)
	mustRun(t, "--data", data, "office", "set", "--name", "Alumni office", "--tz", "Europe/Berlin")
	var o map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "office", "show")), &o); err != nil {
		t.Fatal(err)
	}
	if o["name"] != "Alumni office" || o["time_zone"] != "Europe/Berlin" || o["header_color"] != "#1F5FA8" {
		t.Errorf("office after set: %v", o)
	}
	text := filepath.Join(t.TempDir(), "reminder.txt")
	if err := os.WriteFile(text, []byte("Hello {First name}, see you soon.\n{Join link}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "--data", data, "template", "set", "--subject", "Soon: {Event title}", "--text-file", text)
	if out := mustRun(t, "--data", data, "template", "show"); !strings.Contains(out, "Subject: Soon: {Event title}") || !strings.Contains(out, "Hello {First name}") {
		t.Errorf("template show after set:\n%s", out)
	}
	mustRun(t, "--data", data, "template", "set", "--reset")
	if out := mustRun(t, "--data", data, "template", "show"); strings.Contains(out, "Soon: {Event title}") {
		t.Errorf("template set --reset kept the subject:\n%s", out)
	}
}
