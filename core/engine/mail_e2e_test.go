package engine_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
)

func mailpitConfig(mp *mailpittest.Server) core.MailSettings {
	return core.MailSettings{Host: mp.SMTPHost, Port: mp.SMTPPort, Security: core.MailSecurityNone, User: "office",
		Password: testMailPassword, From: "reminders@riverside.example.org", FromName: "Riverside Alumni Office"}
}

// artefactDir is where tests leave files for people to look at
// (screenshots/ at the repository root, kept by CI).
func artefactDir(t testing.TB, sub string) string {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "screenshots", sub)
	if d := os.Getenv("TURNOUT_ARTEFACTS"); d != "" {
		dir = filepath.Join(d, sub)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRemindersGoOutOnTimeToEveryActiveRegistrant(t *testing.T) {
	mp := mailpittest.Start(t)
	f := newMailFixture(t, 200, 5, mailpitConfig(mp), engine.WithMail(engine.MailOptions{Poll: 20 * time.Millisecond}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.eng.Serve(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	// Before the due time nothing leaves.
	f.clock.Set(f.event.ReminderAt().Add(-time.Second))
	time.Sleep(300 * time.Millisecond)
	if n := mp.Count(t); n != 0 {
		t.Fatalf("%d messages sent before the reminder was due", n)
	}
	f.clock.Set(f.event.ReminderAt())
	waitFor(t, "195 reminders", 60*time.Second, func() bool { return mp.Count(t) >= 195 })
	time.Sleep(300 * time.Millisecond) // nothing more may follow
	msgs := mp.Messages(t)
	if len(msgs) != 195 {
		t.Fatalf("mailpit received %d messages, want exactly 195", len(msgs))
	}
	h, err := f.eng.Report(context.Background(), f.event.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Reminded != 195 {
		t.Errorf("report: Reminded = %d, want 195", h.Reminded)
	}

	byEmail := map[string]core.Registrant{}
	for _, r := range f.regs {
		byEmail[r.Email] = r
	}
	seen := map[string]bool{}
	wantWhen := mail.FormatWhen(f.event.Start, mustZone(t, "America/Chicago"))
	var shot mailpittest.Message
	for i, s := range msgs {
		if len(s.To) != 1 {
			t.Fatalf("message %s has %d recipients", s.ID, len(s.To))
		}
		r, ok := byEmail[s.To[0].Address]
		if !ok || !r.Active() {
			t.Fatalf("message to %s, who is not an active registrant", s.To[0].Address)
		}
		if seen[r.Email] {
			t.Fatalf("%s got two reminders", r.Email)
		}
		seen[r.Email] = true
		if s.MessageID == "" {
			t.Errorf("message to %s has no Message-ID", r.Email)
		}
		m := mp.Message(t, s.ID)
		link, err := f.eng.TrackedLink(context.Background(), f.event.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(link, "https://clicks.riverside.example.org/j/") {
			t.Fatalf("tracked link %q does not start with the base URL", link)
		}
		for _, part := range []struct{ name, body string }{{"text", m.Text}, {"HTML", m.HTML}} {
			for _, want := range []string{link, wantWhen, "tulip-42", "Spring alumni webinar"} {
				if !strings.Contains(part.body, want) {
					t.Fatalf("%s body of the message to %s lacks %q", part.name, r.Email, want)
				}
			}
			if strings.Contains(part.body, "meet.example.org") {
				t.Fatalf("%s body of the message to %s shows the join URL instead of the tracked link", part.name, r.Email)
			}
		}
		if !strings.Contains(m.Text, "GMT (Europe/London)") {
			t.Fatalf("text lacks the event's own zone:\n%s", m.Text)
		}
		if len(m.ReplyTo) != 1 || m.ReplyTo[0].Address != "events@riverside.example.org" {
			t.Errorf("Reply-To = %+v, want the office's reply-to", m.ReplyTo)
		}
		checkICS(t, mp, m, f.event, link)
		if len(m.Inline) != 1 {
			t.Fatalf("message has %d inline parts, want the logo", len(m.Inline))
		}
		if i == 0 {
			shot = m
		}
	}
	if len(seen) != 195 {
		t.Fatalf("%d distinct recipients, want 195", len(seen))
	}
	screenshot(t, mp, shot)
}

func mustZone(t testing.TB, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// checkICS parses the calendar attachment with a real iCalendar parser.
func checkICS(t *testing.T, mp *mailpittest.Server, m mailpittest.Message, ev core.Event, link string) {
	t.Helper()
	var part *mailpittest.Attachment
	for i, a := range m.Attachments {
		if strings.HasPrefix(a.ContentType, "text/calendar") {
			part = &m.Attachments[i]
		}
	}
	if part == nil {
		t.Fatalf("message %s has no text/calendar attachment (%+v)", m.ID, m.Attachments)
	}
	data := mp.Part(t, m.ID, part.PartID)
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the .ics does not parse: %v\n%s", err, data)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf(".ics has %d events, want 1", len(evs))
	}
	start, err := evs[0].GetStartAt()
	if err != nil || !start.Equal(ev.Start) {
		t.Fatalf(".ics DTSTART = %v (%v), want %v", start, err, ev.Start)
	}
	end, err := evs[0].GetEndAt()
	if err != nil || !end.Equal(ev.End()) {
		t.Fatalf(".ics DTEND = %v (%v), want %v", end, err, ev.End())
	}
	if u := evs[0].GetProperty(ics.ComponentPropertyUrl); u == nil || u.Value != link {
		t.Fatalf(".ics URL = %v, want %s", u, link)
	}
	if d := evs[0].GetProperty(ics.ComponentPropertyDescription); d == nil || !strings.Contains(d.Value, "tulip-42") {
		t.Fatalf(".ics DESCRIPTION lacks the password: %v", d)
	}
	for _, line := range strings.Split(string(data), "\r\n") {
		if len(line) > 75 {
			t.Fatalf(".ics line longer than 75 octets: %q", line)
		}
	}
}

// screenshot renders a received message's HTML in headless Chromium.
func screenshot(t *testing.T, mp *mailpittest.Server, m mailpittest.Message) {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium is not installed: this test renders the email in it. Install it with \"apt-get install -y chromium\".")
	}
	dir := artefactDir(t, "email")
	html := m.HTML
	for _, in := range m.Inline {
		name := "inline-" + in.PartID + ".png"
		if err := os.WriteFile(filepath.Join(dir, name), mp.Part(t, m.ID, in.PartID), 0o644); err != nil {
			t.Fatal(err)
		}
		html = strings.ReplaceAll(html, "cid:"+in.ContentID, name)
	}
	page := filepath.Join(dir, "reminder.html")
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "reminder.png")
	os.Remove(out)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--hide-scrollbars", "--window-size=720,900",
		"--screenshot="+out, "file://"+page)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, b)
	}
	st, err := os.Stat(out)
	if err != nil || st.Size() < 5000 {
		t.Fatalf("chromium left no real screenshot at %s (%v)", out, err)
	}
	t.Logf("email screenshot: %s (%d bytes)", out, st.Size())
}
