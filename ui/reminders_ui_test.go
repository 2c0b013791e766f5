package ui

import (
	"context"
	"net"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail"
	"github.com/turnout-app/turnout/core/mail/mailpittest"
	"github.com/turnout-app/turnout/core/track"
	"github.com/turnout-app/turnout/store"
)

// newTestUIWithStore is newTestUI that also hands back the store, for
// assertions on what the engine wrote (queues, raw settings).
func newTestUIWithStore(t *testing.T) (*App, *engine.Engine, *store.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	db, err := store.Open(filepath.Join(t.TempDir(), "turnout.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	eng := engine.New(db, engine.WithClock(coretest.NewClock(testNow)))
	u := newApp(a, eng.Services(), Options{}, &taskQueue{})
	u.wait()
	return u, eng, db
}

// texts collects every label and entry text in a widget tree.
func texts(o fyne.CanvasObject) []string {
	var out []string
	switch w := o.(type) {
	case *widget.Entry:
		out = append(out, w.Text)
	case *widget.Label:
		out = append(out, w.Text)
	}
	var children []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		children = c.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(c).Objects()
	}
	for _, ch := range children {
		out = append(out, texts(ch)...)
	}
	return out
}

func jobs(t *testing.T, db *store.DB, queue string) []core.Job {
	t.Helper()
	var out []core.Job
	if err := db.View(context.Background(), func(tx core.Tx) error {
		return tx.Jobs(queue, func(j core.Job) error { out = append(out, j); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func fillMailForm(m *MailSettings, host string, port int, sec core.MailSecurity) {
	m.host.SetText(host)
	m.port.SetText(strconv.Itoa(port))
	m.security.SetSelected(securityLabel(sec))
	m.from.SetText("events@riverside.example.org")
}

func TestMailSettingsSaveStoresThemAndNeverShowsThePassword(t *testing.T) {
	u, eng, db := newTestUIWithStore(t)
	ctx := context.Background()
	u.ShowSettings()
	u.wait()
	m := u.settings.mail
	if m.passState.Text != "Not set" || !m.clearPass.Disabled() {
		t.Fatalf("new file: password state %q, clear enabled=%v", m.passState.Text, !m.clearPass.Disabled())
	}
	fillMailForm(m, "smtp.riverside.example.org", 465, core.MailSecurityTLS)
	test.Type(m.user, "events@riverside.example.org")
	test.Type(m.password, "hunter2-secret")
	m.fromName.SetText("Riverside Alumni")
	m.replyTo.SetText("help@riverside.example.org")
	test.Tap(m.saveBtn)
	u.wait()

	c, err := eng.MailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := core.MailSettings{Host: "smtp.riverside.example.org", Port: 465, Security: core.MailSecurityTLS,
		User: "events@riverside.example.org", Password: "(set)", From: "events@riverside.example.org",
		FromName: "Riverside Alumni", ReplyTo: "help@riverside.example.org"}
	if c != want {
		t.Fatalf("stored settings = %+v\nwant %+v", c, want)
	}
	raw := rawSetting(t, db, "mail.smtp")
	if !strings.Contains(raw, "hunter2-secret") {
		t.Fatal("the password typed in the form was not stored")
	}
	if m.password.Text != "" || m.passState.Text != "Saved" || m.clearPass.Disabled() || m.status.Text != "Saved." {
		t.Errorf("after save: password entry %q, state %q, clear disabled=%v, status %q",
			m.password.Text, m.passState.Text, m.clearPass.Disabled(), m.status.Text)
	}

	// Reopening the screen reads the settings back without the password.
	u.ShowEvents()
	u.ShowSettings()
	u.wait()
	if m.host.Text != want.Host || m.port.Text != "465" || m.security.Selected != securityLabel(core.MailSecurityTLS) {
		t.Errorf("reloaded form: %q %q %q", m.host.Text, m.port.Text, m.security.Selected)
	}
	for _, s := range texts(u.settings.content) {
		if strings.Contains(s, "hunter2") || strings.Contains(s, "(set)") {
			t.Fatalf("the settings screen shows the password: %q", s)
		}
	}

	// Saving again with the password left empty keeps it.
	m.fromName.SetText("Riverside Alumni Office")
	test.Tap(m.saveBtn)
	u.wait()
	if !strings.Contains(rawSetting(t, db, "mail.smtp"), "hunter2-secret") {
		t.Fatal("saving without typing the password lost it")
	}

	// Clear asks first, then removes it.
	test.Tap(m.clearPass)
	tapDialogButton(t, u, "Clear password")
	u.wait()
	if c, _ := eng.MailSettings(ctx); c.Password != "" {
		t.Fatalf("password not cleared: %q", c.Password)
	}
	if m.passState.Text != "Not set" || !m.clearPass.Disabled() {
		t.Errorf("after clear: %q, clear enabled=%v", m.passState.Text, !m.clearPass.Disabled())
	}

	// An invalid form is refused with the engine's words.
	m.port.SetText("seventy")
	test.Tap(m.saveBtn)
	u.wait()
	if u.win.Canvas().Overlays().Top() == nil {
		t.Error("an invalid port showed no error")
	}
	if c, _ := eng.MailSettings(ctx); c.Port != 465 {
		t.Errorf("an invalid port was stored: %d", c.Port)
	}
}

func rawSetting(t *testing.T, db *store.DB, key string) string {
	t.Helper()
	var b []byte
	if err := db.View(context.Background(), func(tx core.Tx) (err error) { b, err = tx.Setting(key); return err }); err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSendTestEmailThroughMailpit(t *testing.T) {
	mp := mailpittest.Start(t)
	u, eng, _ := newTestUIWithStore(t)
	u.ShowSettings()
	u.wait()
	m := u.settings.mail
	fillMailForm(m, mp.SMTPHost, mp.SMTPPort, core.MailSecurityNone)
	test.Type(m.testTo, "me@riverside.example.org")
	test.Tap(m.testBtn)
	u.wait()
	if m.testResult.Importance != widget.SuccessImportance || !strings.HasPrefix(m.testResult.Text, "Sent to me@riverside.example.org") {
		t.Fatalf("result = %q (importance %v)", m.testResult.Text, m.testResult.Importance)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0].Address != "me@riverside.example.org" ||
		!strings.Contains(msgs[0].Subject, "Turnout test email") {
		t.Fatalf("mailpit got %+v", msgs)
	}
	// The test saved the form first, so reminders use the same server.
	if c, _ := eng.MailSettings(context.Background()); c.Host != mp.SMTPHost || c.Port != mp.SMTPPort {
		t.Errorf("settings after the test = %+v", c)
	}

	// Nothing listening: the engine's words, inline and in a dialog.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().(*net.TCPAddr).Port
	l.Close()
	m.port.SetText(strconv.Itoa(dead))
	test.Tap(m.testBtn)
	u.wait()
	if m.testResult.Importance != widget.DangerImportance || !strings.HasPrefix(m.testResult.Text, "Not sent: ") {
		t.Fatalf("failed test says %q", m.testResult.Text)
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Error("a failed test showed no dialog")
	}
	if mp.Count(t) != 1 {
		t.Error("the failed test sent something")
	}
}

func TestResendReminderForTheSelectedRegistrant(t *testing.T) {
	mp := mailpittest.Start(t)
	u, eng, db := newTestUIWithStore(t)
	ctx := context.Background()
	if _, err := eng.SaveMailSettings(ctx, core.MailSettings{Host: mp.SMTPHost, Port: mp.SMTPPort, Security: core.MailSecurityNone,
		From: "events@riverside.example.org"}); err != nil {
		t.Fatal(err)
	}
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Alumni webinar", Start: testNow.Add(72 * time.Hour),
		Duration: time.Hour, TimeZone: "America/New_York",
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	bob := addPerson(t, eng, ev, "Bob", "bob@example.org")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants
	if !rs.resendBtn.Disabled() || !rs.previewBtn.Disabled() {
		t.Fatal("Resend reminder and Preview email need a selected registrant")
	}
	if rs.retryBtn.Visible() || rs.retryAll.Visible() {
		t.Error("a link-only event shows Retry push")
	}
	rs.selectID(ann.ID)
	if rs.resendBtn.Disabled() || rs.previewBtn.Disabled() || !rs.detail.Visible() ||
		!strings.Contains(rs.detail.Text, "Reminder not sent yet") {
		t.Fatalf("selected: resend disabled=%v, detail %q", rs.resendBtn.Disabled(), rs.detail.Text)
	}

	if rs.resendBtn.Text != "Send reminder" {
		t.Errorf("before any reminder the button says %q", rs.resendBtn.Text)
	}
	// Dismissing the confirmation sends nothing. Nothing went out yet, so
	// it does not say "again".
	test.Tap(rs.resendBtn)
	if asked := strings.Join(texts(u.win.Canvas().Overlays().Top()), " "); !strings.Contains(asked,
		"Send the reminder for “Alumni webinar” to Ann Test (ann@example.org) now?") || strings.Contains(asked, "again") {
		t.Errorf("first send asks %q", asked)
	}
	tapDialogButton(t, u, "No")
	u.wait()
	if got := jobs(t, db, core.QueueMail); len(got) != 0 {
		t.Fatalf("dismissed resend queued %d jobs", len(got))
	}
	test.Tap(rs.resendBtn)
	tapDialogButton(t, u, "Send")
	u.wait()
	got := jobs(t, db, core.QueueMail)
	if len(got) != 1 || got[0].RegistrantID != ann.ID {
		t.Fatalf("mail queue = %+v, want one job for Ann", got)
	}
	if r, _ := eng.Registrant(ctx, ev.ID, ann.ID); r.Reminder.Status != core.ReminderQueued {
		t.Errorf("Ann's reminder = %q", r.Reminder.Status)
	}
	if r, _ := eng.Registrant(ctx, ev.ID, bob.ID); r.Reminder.Status != core.ReminderNone {
		t.Errorf("Bob's reminder = %q; only the selected person was asked for", r.Reminder.Status)
	}
	if txt, _ := cellText(&rs.list.All[rs.list.Index(ann.ID)], 4, ""); txt != "Waiting to send" {
		t.Errorf("the reminder column shows %q", txt)
	}

	// The outbox worker sends exactly that one message.
	if sum, err := eng.SendQueuedMailWith(ctx, engine.MailOptions{}); err != nil || sum.Sent != 1 {
		t.Fatalf("sending the queue: %+v, %v", sum, err)
	}
	msgs := mp.Messages(t)
	if len(msgs) != 1 || msgs[0].To[0].Address != "ann@example.org" {
		t.Fatalf("mailpit got %+v", msgs)
	}
	// Once it went out, sending it again says so.
	rs.reload()
	u.wait()
	rs.selectID(ann.ID)
	if txt, _ := cellText(&rs.list.All[rs.list.Index(ann.ID)], 4, ""); txt != "Reminder sent" {
		t.Errorf("the reminder column shows %q after sending", txt)
	}
	if rs.resendBtn.Text != "Resend reminder" {
		t.Errorf("after the reminder went out the button says %q", rs.resendBtn.Text)
	}
	test.Tap(rs.resendBtn)
	if asked := strings.Join(texts(u.win.Canvas().Overlays().Top()), " "); !strings.Contains(asked, "again now?") {
		t.Errorf("second send asks %q", asked)
	}
	tapDialogButton(t, u, "No")

	// Resend to all says how many and queues everyone active.
	test.Tap(rs.resendAll)
	tapDialogButton(t, u, "Send to 2")
	u.wait()
	for _, id := range []core.ID{ann.ID, bob.ID} {
		if r, _ := eng.Registrant(ctx, ev.ID, id); r.Reminder.Status != core.ReminderQueued {
			t.Errorf("registrant %d after resend to all: %q", id, r.Reminder.Status)
		}
	}
	if got := jobs(t, db, core.QueueMail); len(got) != 2 {
		t.Errorf("mail queue after resend to all: %d jobs", len(got))
	}
}

// proveTracking checks the tracking address of the data file in db
// against its click endpoint on loopback (as if the office forwarded the
// public address there), so emails carry tracked links.
func proveTracking(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	router := &coretest.Router{}
	checker := engine.New(db, engine.WithTrackCheckClient(router.Client()))
	srv, err := checker.ClickServer(ctx, track.Config{})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv.Handler())
	defer func() { hs.Close(); srv.Close() }()
	router.RouteTo(hs.Listener.Addr().String())
	if _, err := checker.VerifyTrackingURL(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestPreviewEmailShowsTheTrackedLink(t *testing.T) {
	u, eng, db := newTestUIWithStore(t)
	ctx := context.Background()
	if _, err := eng.SaveTrackSettings(ctx, engine.TrackSettings{Listen: "127.0.0.1:8787", BaseURL: "https://clicks.example.org"}); err != nil {
		t.Fatal(err)
	}
	proveTracking(t, db)
	ev := createEvent(t, eng, "Alumni webinar")
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants
	rs.selectID(ann.ID)
	test.Tap(rs.previewBtn)
	u.wait()
	p := rs.preview
	if p == nil || p.dlg == nil {
		t.Fatal("no preview shown")
	}
	link, _ := eng.TrackedLink(ctx, ev.ID, ann.ID)
	if !strings.HasPrefix(link, "https://clicks.example.org/j/") || p.linkLabel.Text != link {
		t.Fatalf("preview link %q, engine %q", p.linkLabel.Text, link)
	}
	if !strings.Contains(p.text.Text, link) || !strings.Contains(p.msg.Subject, "Alumni webinar") {
		t.Errorf("preview text lacks the link or subject: %q / %q", p.msg.Subject, p.text.Text)
	}
}

func TestRetryPushRequeuesAFailedRegistrant(t *testing.T) {
	u, eng, db := newTestUIWithStore(t)
	ctx := context.Background()
	acc, err := eng.AddAccount(ctx, core.Account{Name: "Sandbox", Provider: core.ProviderZoom, Active: true, Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Managed meeting", Start: testNow.Add(72 * time.Hour), Duration: time.Hour,
		TimeZone: "America/New_York", Location: core.Location{Provider: core.ProviderZoom, Kind: core.KindMeeting,
			AccountID: acc.ID, ExternalID: "915 3384 2071"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	bob := addPerson(t, eng, ev, "Bob", "bob@example.org")
	const reason = "Sandbox refused: the host cannot register for their own meeting (code 3027). Use another email."
	// What the sync worker records when the provider refuses: the job
	// done, the registrant failed with the reason.
	if err := db.Update(ctx, func(tx core.Tx) error {
		if err := tx.Jobs(core.QueueProvider, func(j core.Job) error { return tx.DeleteJob(core.QueueProvider, j.ID) }); err != nil {
			return err
		}
		for _, id := range []core.ID{ann.ID, bob.ID} {
			r, err := tx.Registrant(ev.ID, id)
			if err != nil {
				return err
			}
			r.Sync.State, r.Sync.LastError = core.SyncFailed, reason
			if err := tx.PutRegistrant(&r); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	view := u.OpenEvent(ev, ScreenRegistrants)
	u.wait()
	rs := view.registrants
	if !rs.retryBtn.Visible() || !rs.retryAll.Visible() || rs.retryAll.Disabled() || rs.sync.Failed != 2 {
		t.Fatalf("managed event: retry visible=%v, retry all enabled=%v, failed=%d",
			rs.retryBtn.Visible(), !rs.retryAll.Disabled(), rs.sync.Failed)
	}
	if txt, imp := cellText(&rs.list.All[0], 3, rs.providerName()); txt != "Couldn't register in Sandbox — Try again" || imp != widget.DangerImportance {
		t.Errorf("sync column = %q", txt)
	}
	rs.selectID(ann.ID)
	if rs.retryBtn.Disabled() || !strings.Contains(rs.detail.Text, reason) || rs.detail.Importance != widget.DangerImportance {
		t.Fatalf("selected failed registrant: retry disabled=%v, detail %q", rs.retryBtn.Disabled(), rs.detail.Text)
	}
	test.Tap(rs.retryBtn)
	u.wait()
	got := jobs(t, db, core.QueueProvider)
	if len(got) != 1 || got[0].RegistrantID != ann.ID || got[0].Kind != "push" {
		t.Fatalf("provider queue = %+v, want one push for Ann", got)
	}
	if r, _ := eng.Registrant(ctx, ev.ID, ann.ID); r.Sync.State != core.SyncPending || r.Sync.LastError != "" {
		t.Errorf("Ann after retry: %+v", r.Sync)
	}
	if !rs.retryBtn.Disabled() || rs.sync.Failed != 1 {
		t.Errorf("after retry: retry enabled=%v, failed=%d", !rs.retryBtn.Disabled(), rs.sync.Failed)
	}

	test.Tap(rs.retryAll)
	tapDialogButton(t, u, "Try 1 again")
	u.wait()
	if got := jobs(t, db, core.QueueProvider); len(got) != 2 {
		t.Fatalf("provider queue after retry all: %d jobs", len(got))
	}
	if r, _ := eng.Registrant(ctx, ev.ID, bob.ID); r.Sync.State != core.SyncPending {
		t.Errorf("Bob after retry all: %q", r.Sync.State)
	}
	if !rs.retryAll.Disabled() {
		t.Error("Retry all failed stays enabled with nothing failed")
	}

	// The events screen shows the summary and Push to … now.
	u.ShowEvents()
	u.wait()
	s := u.events
	for i, row := range s.rows {
		if row.header == "" && s.events[row.event].ID == ev.ID {
			s.list.Select(i)
		}
	}
	u.wait()
	if !s.sync.content.Visible() || s.sync.pushBtn.Text != "Register in Sandbox now" ||
		!strings.Contains(s.sync.summary.Text, "2 waiting to register") {
		t.Errorf("sync panel: visible=%v button %q summary %q", s.sync.content.Visible(), s.sync.pushBtn.Text, s.sync.summary.Text)
	}
}

func TestTrackingAndTemplateSettings(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	u.ShowSettings()
	u.wait()
	tr := u.settings.tracking
	if tr.listen.Text != engine.DefaultTrackSettings().Listen {
		t.Errorf("listen defaults to %q", tr.listen.Text)
	}
	if !strings.Contains(tr.reach.Text, "reachable from the internet") {
		t.Errorf("default settings do not say why clicks are not counted: %q", tr.reach.Text)
	}
	tr.listen.SetText("0.0.0.0:8787")
	tr.baseURL.SetText("https://clicks.example.org/")
	tr.proxies.SetText("10.0.0.5, 10.0.1.0/24")
	test.Tap(tr.saveBtn)
	u.wait()
	if ts, _ := eng.TrackSettings(ctx); ts.Listen != "0.0.0.0:8787" || ts.BaseURL != "https://clicks.example.org" || ts.DirectLinks ||
		strings.Join(ts.TrustedProxies, " ") != "10.0.0.5 10.0.1.0/24" {
		t.Fatalf("stored tracking = %+v", ts)
	}
	if !strings.Contains(tr.reach.Text, "Press Check") {
		t.Errorf("an unchecked public address does not ask for the check: %q", tr.reach.Text)
	}
	test.Tap(tr.direct)
	if !tr.baseURL.Disabled() {
		t.Error("direct links leave the public address editable")
	}
	test.Tap(tr.saveBtn)
	u.wait()
	if ts, _ := eng.TrackSettings(ctx); !ts.DirectLinks {
		t.Fatal("direct links not stored")
	}

	test.Tap(u.settings.mail.templates)
	u.wait()
	ed := u.settings.mail.editor
	def := mail.EditableTemplates(mail.DefaultReminder())
	if ed.subject.Text != def.Subject || ed.text.Text != def.Text || !strings.Contains(ed.text.Text, "{Join link}") {
		t.Fatalf("editor did not load the defaults with placeholders: %q", ed.subject.Text)
	}
	ed.subject.SetText("Starting soon: {Event title")
	ed.text.SetText("Hi {Frist name}")
	test.Tap(ed.saveBtn)
	u.wait()
	if !ed.errLabel.Visible() || !strings.Contains(ed.errLabel.Text, "{Frist name}") {
		t.Fatalf("an unknown placeholder was not named: %q", ed.errLabel.Text)
	}
	ed.text.SetText(def.Text)
	ed.subject.SetText("Starting soon: {Event title}")
	test.Tap(ed.saveBtn)
	u.wait()
	if tm, _ := eng.ReminderTemplates(ctx); tm.Subject != "Starting soon: {Event title}" || tm.Text != def.Text {
		t.Fatalf("subject not stored: %q", tm.Subject)
	}
	test.Tap(ed.resetBtn)
	tapDialogButton(t, u, "Reset to default")
	u.wait()
	if tm, _ := eng.ReminderTemplates(ctx); tm != def {
		t.Errorf("reset kept %q", tm.Subject)
	}
	if ed.subject.Text != def.Subject {
		t.Errorf("editor after reset shows %q", ed.subject.Text)
	}
}
