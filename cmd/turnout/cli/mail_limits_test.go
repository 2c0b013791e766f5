package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// The sending profile follows the server's name until staff choose one;
// "mail limits" sets a preset with any number changed, and refuses
// numbers outside what Turnout can do.
func TestMailLimitsSetsTheSendingProfile(t *testing.T) {
	data := dataFile(t)
	mustRun(t, "--data", data, "mail", "set", "--host", "smtp.office365.com", "--port", "587", "--from", "events@riverside.example.org")
	out := mustRun(t, "--data", data, "mail", "show")
	if !strings.Contains(out, "chosen from the server's name): Microsoft 365: 30 a minute, 10000 a day, 3 connections") {
		t.Fatalf("mail show:\n%s", out)
	}
	out = mustRun(t, "--data", data, "mail", "limits", "--preset", "google-workspace", "--per-minute", "20", "--connections", "2")
	if !strings.Contains(out, "Google Workspace: 20 a minute, 2000 a day, 2 connections") {
		t.Fatalf("mail limits:\n%s", out)
	}
	out = mustRun(t, "--data", data, "mail", "show")
	if !strings.Contains(out, "(set in the settings): Google Workspace: 20 a minute, 2000 a day, 2 connections") {
		t.Fatalf("mail show after limits:\n%s", out)
	}
	for _, bad := range [][]string{
		{"--preset", "hotmail"},
		{"--preset", "custom", "--connections", "4"},
		{"--preset", "custom", "--per-minute", "-1"},
	} {
		code, _, errOut := run(t, append([]string{"--data", data, "mail", "limits"}, bad...)...)
		if code == 0 || errOut == "" {
			t.Errorf("mail limits %v: exit %d", bad, code)
		}
	}
	out = mustRun(t, "--data", data, "mail", "show")
	if !strings.Contains(out, "Google Workspace: 20 a minute") {
		t.Fatalf("a refused change changed the profile:\n%s", out)
	}
}

// Importing, and queueing, more reminders than the mail service allows in
// a day warns; the remind command also says when the batch starts.
func TestImportAndRemindWarnAboutTheDailyLimit(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	mustRun(t, "--data", data, "mail", "set", "--host", "email-smtp.eu-west-1.amazonaws.com", "--port", "587", "--from", "events@riverside.example.org")
	csv := filepath.Join(t.TempDir(), "people.csv")
	writeBigCSV(t, csv, 250)
	out := mustRun(t, "--data", data, "registrant", "import", "--event", id, csv)
	if !strings.Contains(out, "Warning: ") || !strings.Contains(out, "more than the 200 a day Amazon SES (sandbox) allows") {
		t.Fatalf("import:\n%s", out)
	}
	out = mustRun(t, "--data", data, "remind", "--event", id)
	if !strings.Contains(out, "250 reminder(s) to send by") || !strings.Contains(out, "to keep to Amazon SES (sandbox): 60 a minute") ||
		!strings.Contains(out, "Warning: ") {
		t.Fatalf("remind:\n%s", out)
	}
}
