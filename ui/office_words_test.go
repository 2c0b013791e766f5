package ui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
)

// The demo's managed meeting lives in the Sandbox: the events screen says
// it is practice and shows the Sandbox's link, and its account says when
// it last worked once people were registered through it.
func TestSandboxMeetingAndAccountInOfficeWords(t *testing.T) {
	u, eng, _ := newDemoUI(t)
	ctx := context.Background()
	u.ShowEvents()
	u.wait()
	s := u.events
	var meeting core.EventSummary
	for i, row := range s.rows {
		if row.header == "" && s.events[row.event].Sandbox && s.events[row.event].Location.Provider == core.ProviderZoom {
			meeting = s.events[row.event]
			s.list.Select(i)
		}
	}
	u.wait()
	if meeting.ID == 0 {
		t.Fatal("the demo has no Sandbox meeting")
	}
	if where := s.detailWhere.Text; !strings.Contains(where, "Sandbox practice meeting — not on Zoom") ||
		strings.Contains(where, "zoom.us") || !strings.Contains(where, meeting.Location.JoinURL) {
		t.Errorf("the Sandbox meeting shows as %q", where)
	}
	if !strings.HasPrefix(s.sync.pushBtn.Text, "Register in Sandbox") {
		t.Errorf("push button %q", s.sync.pushBtn.Text)
	}

	u.ShowSettings()
	u.wait()
	row := accountRowNamed(t, u, "Sandbox (practice account)")
	if !strings.Contains(row.detail.Text, "Not used yet") || strings.Contains(row.detail.Text, "never") {
		t.Errorf("unused account says %q", row.detail.Text)
	}
	if sum, err := eng.PushEvent(ctx, meeting.ID); err != nil || sum.Pushed == 0 {
		t.Fatalf("push: %+v %v", sum, err)
	}
	u.settings.accounts.load()
	u.wait()
	row = accountRowNamed(t, u, "Sandbox (practice account)")
	if !strings.Contains(row.detail.Text, "Last worked: ") {
		t.Errorf("after registering people the account says %q", row.detail.Text)
	}
}

func accountRowNamed(t *testing.T, u *App, title string) *accountRow {
	t.Helper()
	var titles []string
	for _, r := range u.settings.accounts.rows {
		if r.title.Text == title {
			return r
		}
		titles = append(titles, r.title.Text)
	}
	t.Fatalf("no account row %q among %q", title, titles)
	return nil
}

// An empty mail server says what to type, not that "" is no host name.
func TestEmptyMailServerSaysWhatToEnter(t *testing.T) {
	u, _ := newTestUI(t)
	u.ShowSettings()
	u.wait()
	m := u.settings.mail
	fillMailForm(m, "", 587, core.MailSecuritySTARTTLS)
	test.Tap(m.saveBtn)
	u.wait()
	said := strings.Join(texts(u.win.Canvas().Overlays().Top()), " ")
	if !strings.Contains(said, "Enter your mail server's name, such as smtp.office365.com") || strings.Contains(said, `""`) {
		t.Errorf("empty mail server: %q", said)
	}
}

func TestLastWorkedInWords(t *testing.T) {
	now := testNow
	if got := lastWorked(time.Time{}, now); got != "Not used yet" {
		t.Errorf("never used: %q", got)
	}
	at := now.Add(-time.Hour)
	got := lastWorked(at, now)
	want := "Last worked: " + at.Local().Format("2 Jan 15:04")
	if at.Local().Year() != now.Local().Year() {
		want = "Last worked: " + at.Local().Format("2 Jan 2006 15:04")
	}
	if got != want {
		t.Errorf("an hour ago: %q, want %q", got, want)
	}
	if got := lastWorked(now.AddDate(-1, 0, 0), now); !strings.Contains(got, strconv.Itoa(now.Local().Year()-1)) {
		t.Errorf("last year: %q", got)
	}
}
