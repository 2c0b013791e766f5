package cli

import (
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
