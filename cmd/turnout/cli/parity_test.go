package cli

import (
	"slices"
	"strings"
	"testing"
)

// windowActions are what staff can do in the window, each with the
// command that does it on the command line. A new button in the window
// belongs here with its command; the test fails while the command is
// missing, so the README's "everything the window does can also be
// scripted" stays true.
var windowActions = []struct {
	action string
	words  []string
}{
	{"new event", []string{"event", "add"}},
	{"edit event (title, time, zone, link, reminder, attendance rule)", []string{"event", "set"}},
	{"delete event", []string{"event", "delete"}},
	{"duplicate event", []string{"event", "duplicate"}},
	{"list and search events", []string{"event", "list"}},
	{"open an event", []string{"event", "show"}},
	{"refresh an event from its provider", []string{"event", "refresh"}},
	{"import events from an account", []string{"event", "import"}},
	{"choose a webinar's session (Choose session…)", []string{"event", "sessions"}},
	{"add registrant", []string{"registrant", "add"}},
	{"edit registrant", []string{"registrant", "set"}},
	{"cancel registration", []string{"registrant", "cancel"}},
	{"re-register", []string{"registrant", "reregister"}},
	{"delete registrant (Delete key)", []string{"registrant", "delete"}},
	{"registrants table", []string{"registrant", "list"}},
	{"import registrants", []string{"registrant", "import"}},
	{"export", []string{"export"}},
	{"headcount", []string{"report"}},
	{"check in", []string{"checkin"}},
	{"check one person in by hand", []string{"checkin", "person"}},
	{"undo a check-in", []string{"checkin", "undo"}},
	{"resend a reminder", []string{"remind", "resend"}},
	{"preview a person's reminder email", []string{"remind", "preview"}},
	{"office settings", []string{"office", "set"}},
	{"show office settings", []string{"office", "show"}},
	{"edit the reminder email", []string{"template", "set"}},
	{"reset the reminder email", []string{"template", "set"}},
	{"show the reminder email", []string{"template", "show"}},
	{"provider list", []string{"provider", "list"}},
	{"accounts list", []string{"account", "list"}},
	{"check in from an attendee report", []string{"checkin"}},
	{"walk-ins and suggestions", []string{"walkin", "list"}},
	{"walk-in: confirm suggestion", []string{"walkin", "confirm"}},
	{"walk-in: reject suggestion", []string{"walkin", "reject"}},
	{"walk-in: add as registrant", []string{"walkin", "add"}},
	{"walk-in: match to…", []string{"walkin", "match"}},
	{"check-in history", []string{"checkin", "history"}},
	{"send reminders now", []string{"remind"}},
	{"push to provider", []string{"push"}},
	{"add account", []string{"account", "add"}},
	{"connect account (browser sign-in)", []string{"account", "connect"}},
	{"reconnect account", []string{"account", "reconnect"}},
	{"disconnect account", []string{"account", "disconnect"}},
	{"test account", []string{"account", "test"}},
	{"test all active accounts at once", []string{"account", "test"}},
	{"sync an account now", []string{"event", "import"}},
	{"remove an account no event is linked to", []string{"account", "remove"}},
	{"import a webinar series as one event or one each", []string{"account", "series"}},
	{"pause account", []string{"account", "disable"}},
	{"resume account", []string{"account", "enable"}},
	{"mail settings", []string{"mail", "set"}},
	{"show mail settings", []string{"mail", "show"}},
	{"sign in with Microsoft 365 or Google for mail", []string{"mail", "connect"}},
	{"send a test email", []string{"mail", "test"}},
	{"tracking settings", []string{"track", "set"}},
	{"check the tracking address", []string{"track", "check"}},
	{"backup", []string{"backup"}},
	{"restore", []string{"restore"}},
	{"keep running (reminders, mail, clicks)", []string{"serve"}},
	{"staff: add", []string{"staff", "add"}},
	{"staff: remove", []string{"staff", "remove"}},
	{"staff: list", []string{"staff", "list"}},
}

func TestEveryWindowActionHasACommand(t *testing.T) {
	for _, a := range windowActions {
		cmd, rest := lookup(a.words)
		found := cmd != nil && len(rest) == 0 && slices.Equal(cmd.words, a.words)
		if !found {
			t.Errorf("the window can %s, but \"turnout %s\" does not exist", a.action, strings.Join(a.words, " "))
		}
	}
}

// TestHelpOnEveryCommand asks each command of the table for help in the
// three ways staff do; each answers with its usage and exit 0, without
// opening a data file.
func TestHelpOnEveryCommand(t *testing.T) {
	data := dataFile(t) // never created: help needs no data file
	for i := range commands {
		entry := &commands[i]
		want := usageLine(entry)
		for _, args := range [][]string{
			append(slices.Clone(entry.words), "--help"),
			append(slices.Clone(entry.words), "-h"),
			append([]string{"help"}, entry.words...),
			append(append([]string{"--data", data}, entry.words...), "--event", "1", "--help"),
		} {
			code, out, errOut := run(t, args...)
			if code != 0 || !strings.Contains(out, want) || errOut != "" {
				t.Errorf("turnout %s: exit %d, stderr %q; want exit 0 and the usage %q in:\n%s", strings.Join(args, " "), code, errOut, want, out)
			}
		}
	}
	if code, out, _ := run(t, "--version"); code != 0 || out != "turnout "+Version+"\n" {
		t.Errorf("turnout --version: exit %d, %q", code, out)
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if code, out, errOut := run(t, "completion", shell); code != 0 || !strings.Contains(out, "turnout") {
			t.Errorf("turnout completion %s: exit %d, stderr %q, %d bytes", shell, code, errOut, len(out))
		}
	}
	code, out, _ := run(t, "--help")
	if code != 0 || !strings.Contains(out, "turnout event set ID") || !strings.Contains(out, "turnout completion") {
		t.Errorf("turnout --help: exit %d:\n%s", code, out)
	}
	if code, _, errOut := run(t, "help", "event", "frobnicate"); code != 1 || !strings.Contains(errOut, `Unknown command "event frobnicate"`) {
		t.Errorf("turnout help event frobnicate: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, "event", "frobnicate"); code != 1 || !strings.Contains(errOut, `Unknown command "event frobnicate"`) {
		t.Errorf("turnout event frobnicate: exit %d, %q", code, errOut)
	}
}

// TestLookupFindsTheLongestCommand: "checkin history" is its own command,
// not "checkin" with an argument, also where the running Turnout looks
// commands up (relay.go).
func TestLookupFindsTheLongestCommand(t *testing.T) {
	for _, tt := range []struct{ args, words, rest []string }{
		{[]string{"checkin", "history", "--event", "1"}, []string{"checkin", "history"}, []string{"--event", "1"}},
		{[]string{"checkin", "--event", "1"}, []string{"checkin"}, []string{"--event", "1"}},
		{[]string{"remind", "--event", "1", "--all"}, []string{"remind"}, []string{"--event", "1", "--all"}},
	} {
		cmd, rest := lookup(tt.args)
		if cmd == nil || !slices.Equal(cmd.words, tt.words) || !slices.Equal(rest, tt.rest) {
			t.Errorf("lookup(%q) = %v, %q; want %q, %q", tt.args, cmd, rest, tt.words, tt.rest)
		}
	}
}

// TestCompletionOffersCommandsAndOptions asks the completion the shells
// use for the next word.
func TestCompletionOffersCommandsAndOptions(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "walk"}, "walkin"},
		{[]string{"__complete", "event", "s"}, "set"},
		{[]string{"__complete", "event", "set", "1", "--min"}, "--min-minutes"},
	} {
		code, out, _ := run(t, tt.args...)
		if code != 0 || !strings.Contains(out, tt.want) {
			t.Errorf("turnout %s: exit %d, want %q in:\n%s", strings.Join(tt.args, " "), code, tt.want, out)
		}
	}
}
