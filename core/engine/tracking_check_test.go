package engine_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
	"github.com/turnout-app/turnout/core/track"
)

// remindOne queues and sends reminders through mailpit and returns the
// text and HTML bodies of the message to the fixture's first active
// registrant.
func remindOne(t *testing.T, f *mailFixture, mp *mailpittest.Server) (text, html string) {
	t.Helper()
	ctx := context.Background()
	if _, err := f.eng.Remind(ctx, f.event.ID, core.RemindOptions{Email: f.regs[0].Email}); err != nil {
		t.Fatal(err)
	}
	if sum, err := f.eng.SendQueuedMail(ctx); err != nil || sum.Sent != 1 {
		t.Fatalf("SendQueuedMail = %+v, %v; want 1 sent", sum, err)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("mailpit holds %d messages, want 1", len(msgs))
	}
	m := mp.Message(t, msgs[0].ID)
	return m.Text, m.HTML
}

func assertDirectLink(t *testing.T, text, html string) {
	t.Helper()
	for name, body := range map[string]string{"text": text, "HTML": html} {
		if !strings.Contains(body, "https://meet.example.org/spring") {
			t.Errorf("%s body lacks the direct join link:\n%s", name, body)
		}
		if strings.Contains(body, "/j/") || strings.Contains(body, "127.0.0.1") || strings.Contains(body, "192.168.") {
			t.Errorf("%s body carries a tracked link nobody outside could open:\n%s", name, body)
		}
	}
}

func TestDefaultTrackingSettingsSendTheDirectJoinLink(t *testing.T) {
	mp := mailpittest.Start(t)
	f := newMailFixture(t, 2, 0, mailpitConfig(mp))
	ctx := context.Background()
	if _, err := f.eng.SaveTrackSettings(ctx, engine.DefaultTrackSettings()); err != nil {
		t.Fatal(err)
	}
	text, html := remindOne(t, f, mp)
	assertDirectLink(t, text, html)
	st, err := f.eng.TrackingStatus(ctx)
	if err != nil || st.Counted || !strings.Contains(st.Text, "reachable from the internet") {
		t.Errorf("status = %+v, %v; want the reason clicks are not counted", st, err)
	}
	// Checking a loopback address refuses and says what to enter.
	if _, err := f.eng.VerifyTrackingURL(ctx); core.ErrorCode(err) != core.EINVALID || !strings.Contains(core.ErrorMessage(err), "public address") {
		t.Errorf("VerifyTrackingURL on loopback = %v", err)
	}
}

func TestPrivateBaseURLsNeverReachEmails(t *testing.T) {
	f := newMailFixture(t, 2, 0, core.MailSettings{})
	ctx := context.Background()
	for _, base := range []string{"http://192.168.1.20:8787", "http://10.0.0.5", "http://172.16.3.4", "http://169.254.1.1",
		"http://[::1]:8787", "http://[fd12::1]", "http://localhost:8787", "http://office.localhost"} {
		if _, err := f.eng.SaveTrackSettings(ctx, engine.TrackSettings{Listen: "0.0.0.0:8787", BaseURL: base}); err != nil {
			t.Fatal(err)
		}
		l, err := f.eng.TrackedLink(ctx, f.event.ID, f.regs[0].ID)
		if err != nil || !strings.HasPrefix(l, "https://meet.example.org/spring") {
			t.Errorf("%s: link %q, %v; want the direct join link", base, l, err)
		}
		msg, err := f.eng.PreviewReminder(ctx, f.event.ID, f.regs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(msg.Text, "/j/") || !strings.Contains(msg.Text, "https://meet.example.org/spring") {
			t.Errorf("%s: reminder text carries %q", base, msg.Text)
		}
	}
}

func TestProvenPublicBaseURLSendsTrackedLinks(t *testing.T) {
	mp := mailpittest.Start(t)
	f := newMailFixture(t, 2, 0, mailpitConfig(mp)) // proves https://clicks.riverside.example.org
	st, err := f.eng.TrackingStatus(context.Background())
	if err != nil || !st.Counted {
		t.Fatalf("status = %+v, %v; want clicks counted", st, err)
	}
	text, html := remindOne(t, f, mp)
	for name, body := range map[string]string{"text": text, "HTML": html} {
		if !strings.Contains(body, "https://clicks.riverside.example.org/j/") {
			t.Errorf("%s body lacks the tracked link:\n%s", name, body)
		}
	}
}

func TestUnprovenPublicBaseURLSendsTheDirectJoinLink(t *testing.T) {
	mp := mailpittest.Start(t)
	f := newMailFixture(t, 2, 0, mailpitConfig(mp))
	ctx := context.Background()
	if _, err := f.eng.SaveTrackSettings(ctx, engine.TrackSettings{Listen: "0.0.0.0:8787", BaseURL: "https://links.riverside.example.org"}); err != nil {
		t.Fatal(err)
	}
	text, html := remindOne(t, f, mp)
	assertDirectLink(t, text, html)
	st, _ := f.eng.TrackingStatus(ctx)
	if st.Counted || !strings.Contains(st.Text, "press Check") && !strings.Contains(st.Text, "Press Check") {
		t.Errorf("status = %+v; want it to ask for the check", st)
	}
}

func TestChangingTheBaseURLClearsItsProof(t *testing.T) {
	f := newMailFixture(t, 1, 0, core.MailSettings{})
	ctx := context.Background()
	proven, _ := f.eng.TrackSettings(ctx)
	// Saving the same address again (e.g. a new listen port) keeps the
	// proof; a caller cannot forge one.
	proven.Listen = "0.0.0.0:9000"
	if ts, err := f.eng.SaveTrackSettings(ctx, core.TrackingSettings{Listen: proven.Listen, BaseURL: proven.BaseURL}); err != nil || !ts.Tracked() {
		t.Fatalf("same base URL saved: %+v, %v; want it still proven", ts, err)
	}
	if ts, _ := f.eng.SaveTrackSettings(ctx, core.TrackingSettings{Listen: proven.Listen, BaseURL: "https://other.example.org",
		ProvenBaseURL: "https://other.example.org"}); ts.Tracked() {
		t.Fatalf("new base URL came back proven: %+v", ts)
	}
	if ts, _ := f.eng.TrackSettings(ctx); ts.Tracked() || ts.ProvenBaseURL != "" {
		t.Fatalf("stored settings after a new base URL: %+v", ts)
	}
	// Going back to the old address needs a new check too.
	if ts, _ := f.eng.SaveTrackSettings(ctx, core.TrackingSettings{Listen: proven.Listen, BaseURL: proven.BaseURL}); ts.Tracked() {
		t.Fatalf("old base URL kept its proof across a change: %+v", ts)
	}
	if l, _ := f.eng.TrackedLink(ctx, f.event.ID, f.regs[0].ID); strings.Contains(l, "/j/") {
		t.Fatalf("link %q after the base URL changed", l)
	}
}

func TestAnotherTurnoutDoesNotProveTheAddress(t *testing.T) {
	f := newMailFixture(t, 1, 0, core.MailSettings{})
	other := newMailFixture(t, 1, 0, core.MailSettings{})
	ctx := context.Background()
	srv, err := other.eng.ClickServer(ctx, track.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer func() { hs.Close(); srv.Close() }()
	f.router.RouteTo(hs.Listener.Addr().String())
	ts, err := f.eng.VerifyTrackingURL(ctx)
	if err == nil || ts.Tracked() || !strings.Contains(core.ErrorMessage(err), "not from this Turnout") {
		t.Fatalf("check against another Turnout: %+v, %v", ts, err)
	}
	// Nothing answering at all clears the proof with the reason.
	dead := httptest.NewServer(http.NotFoundHandler())
	f.router.RouteTo(dead.Listener.Addr().String())
	dead.Close()
	if ts, err := f.eng.VerifyTrackingURL(ctx); err == nil || ts.Tracked() || !strings.Contains(core.ErrorMessage(err), "could not reach") {
		t.Fatalf("check with nothing listening: %+v, %v", ts, err)
	}
}
