package engine_test

import (
	"context"
	"net/textproto"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/mail"
)

// clockMailer is a mail server that answers at once and notes, by the
// injected clock, when each message left; refuse may answer instead.
type clockMailer struct {
	clock  *coretest.Clock
	mu     sync.Mutex
	sent   map[string][]time.Time
	dials  int
	refuse func(to string) error
}

func newClockMailer(c *coretest.Clock) *clockMailer {
	return &clockMailer{clock: c, sent: map[string][]time.Time{}}
}

func (m *clockMailer) Dial(ctx context.Context, cfg core.MailSettings) (core.MailSession, error) {
	m.mu.Lock()
	m.dials++
	m.mu.Unlock()
	return clockSession{m}, nil
}

type clockSession struct{ m *clockMailer }

func (s clockSession) Send(msg core.MailMessage) error {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	if s.m.refuse != nil {
		if err := s.m.refuse(msg.To); err != nil {
			return err
		}
	}
	s.m.sent[msg.To] = append(s.m.sent[msg.To], s.m.clock.Now())
	return nil
}

func (clockSession) Close() error { return nil }

func (m *clockMailer) times() []time.Time {
	m.mu.Lock()
	defer m.mu.Unlock()
	var all []time.Time
	for _, ts := range m.sent {
		all = append(all, ts...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Before(all[j]) })
	return all
}

// reply is what a server says, as the SMTP client reports it.
func reply(code int, words string) error {
	return mail.Classify(&textproto.Error{Code: code, Msg: words}, "send", "smtp.example.org", "")
}

func saveProfile(t testing.TB, f *mailFixture, p core.MailProfile) {
	t.Helper()
	ctx := context.Background()
	cfg, err := f.eng.MailSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Configured() {
		cfg = core.MailSettings{Host: "smtp.example.org", Port: 587, Security: core.MailSecuritySTARTTLS, From: "office@example.org"}
	}
	cfg.Profile = p
	if _, err := f.eng.SaveMailSettings(ctx, cfg); err != nil {
		t.Fatal(err)
	}
}

// sendAll runs the outbox until it has nothing due, the clock moving
// whenever the pace makes it wait.
func sendAll(t testing.TB, f *mailFixture, m core.Mailer) (total core.MailSummary) {
	t.Helper()
	opts := engine.MailOptions{Mailer: m, BatchSize: 1000, Backoff: func(int) time.Duration { return time.Second },
		Sleep: func(ctx context.Context, d time.Duration) bool { f.clock.Add(d); return ctx.Err() == nil }}
	for i := 0; ; i++ {
		sum, err := f.eng.SendQueuedMailWith(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		total.Sent += sum.Sent
		total.PausedUntil, total.Paused = sum.PausedUntil, sum.Paused
		if sum.Sent+sum.Failed+sum.Retry == 0 || !sum.PausedUntil.IsZero() {
			total.Remaining = sum.Remaining
			return total
		}
		if i > 50 {
			t.Fatal("the outbox never emptied")
		}
	}
}

// 120 reminders under Microsoft 365's 30 a minute: the scheduler starts
// early enough that the last leaves by the due time, and no minute ever
// carries more than 30.
func TestRemindersKeepToThirtyAMinuteAndLeaveByTheDueTime(t *testing.T) {
	f := newMailFixture(t, 120, 0, core.MailSettings{})
	p := core.PresetProfile(core.PresetMicrosoft365)
	p.Connections = 1 // the injected clock moves for one waiting connection
	saveProfile(t, f, p)
	ctx := context.Background()
	due := f.event.ReminderAt()

	f.clock.Set(due.Add(-10 * time.Minute))
	if q, _, err := f.eng.ScheduleReminders(ctx); err != nil || q != 0 {
		t.Fatalf("ten minutes before: queued %d, %v; want none yet (120 at 30 a minute need 4)", q, err)
	}
	pace, err := f.eng.ReminderPace(ctx, f.event.ID)
	if err != nil || pace.ToSend != 120 || !pace.StartAt.Before(due.Add(-4*time.Minute)) || pace.StartAt.Before(due.Add(-6*time.Minute)) {
		t.Fatalf("pace = %+v, %v; want 120 starting 4-6 minutes before the due time", pace, err)
	}
	f.clock.Set(pace.StartAt)
	if q, _, err := f.eng.ScheduleReminders(ctx); err != nil || q != 120 {
		t.Fatalf("at the start time: queued %d, %v", q, err)
	}
	m := newClockMailer(f.clock)
	if sum := sendAll(t, f, m); sum.Sent != 120 || sum.Remaining != 0 {
		t.Fatalf("sent %+v", sum)
	}
	all := m.times()
	if len(all) != 120 {
		t.Fatalf("%d messages left", len(all))
	}
	if last := all[len(all)-1]; last.After(due) {
		t.Errorf("the last reminder left %s after the due time", last.Sub(due))
	}
	for i, start := range all {
		n := 0
		for _, t2 := range all[i:] {
			if t2.Before(start.Add(time.Minute)) {
				n++
			}
		}
		if n > 30 {
			t.Fatalf("%d messages in the minute from %s", n, start.Sub(all[0]))
		}
	}
	if span := all[len(all)-1].Sub(all[0]); span < 3*time.Minute {
		t.Errorf("120 messages took %s: faster than 30 a minute allows", span)
	}
}

// The service says the day's quota is used up after 50: the rest wait,
// untouched, until the day's window reopens, and the pause survives a
// restart; then they go.
func TestDailyQuotaAnswerPausesUntilTheNextWindow(t *testing.T) {
	f := newMailFixture(t, 120, 0, core.MailSettings{})
	saveProfile(t, f, core.PresetProfile(core.PresetCustom))
	ctx := context.Background()
	if n, err := f.eng.Remind(ctx, f.event.ID, engine.RemindOptions{}); err != nil || n != 120 {
		t.Fatalf("Remind = %d, %v", n, err)
	}
	m := newClockMailer(f.clock)
	delivered := 0
	m.refuse = func(string) error {
		if delivered >= 50 {
			return reply(550, "5.4.5 Daily user sending limit exceeded.")
		}
		delivered++
		return nil
	}
	first := f.clock.Now()
	sum := sendAll(t, f, m)
	if sum.Sent != 50 || !sum.PausedUntil.Equal(first.Add(24*time.Hour)) || !strings.Contains(sum.Paused, "daily sending limit") ||
		!strings.Contains(sum.Paused, "Reminders go on at") {
		t.Fatalf("after the quota answer: %+v", sum)
	}
	// A restart keeps the pause: a new engine on the same file sends nothing.
	m.refuse = nil
	again := engine.New(f.db, engine.WithClock(f.clock))
	f.clock.Add(time.Hour)
	s2, err := again.SendQueuedMailWith(ctx, engine.MailOptions{Mailer: m})
	if err != nil || s2.Sent != 0 || s2.PausedUntil.IsZero() || s2.Remaining != 70 {
		t.Fatalf("an hour later after a restart: %+v, %v", s2, err)
	}
	pace, err := again.ReminderPace(ctx, f.event.ID)
	if err != nil || len(pace.Warnings) == 0 || !strings.Contains(pace.Warnings[0], "Reminders go on at") {
		t.Fatalf("the event view's pace does not tell staff: %+v %v", pace, err)
	}
	f.clock.Set(first.Add(24 * time.Hour))
	if sum := sendAll(t, f, m); sum.Sent != 70 || sum.Remaining != 0 {
		t.Fatalf("next window: %+v", sum)
	}
	for _, r := range regsOf(t, f) {
		if r.Reminder.Status != core.ReminderSent {
			t.Fatalf("%s: %+v", r.Email, r.Reminder)
		}
	}
}

// The profile's own daily limit holds the rest back without waiting for
// the server to refuse, and the counter survives a restart.
func TestProfileDailyLimitHoldsTheRestForTheNextDay(t *testing.T) {
	f := newMailFixture(t, 120, 0, core.MailSettings{})
	saveProfile(t, f, core.MailProfile{Preset: core.PresetCustom, PerDay: 100, Connections: 2})
	ctx := context.Background()
	if _, err := f.eng.Remind(ctx, f.event.ID, engine.RemindOptions{}); err != nil {
		t.Fatal(err)
	}
	m := newClockMailer(f.clock)
	first := f.clock.Now()
	if sum := sendAll(t, f, m); sum.Sent != 100 {
		t.Fatalf("first day: %+v", sum)
	}
	sum := sendAll(t, f, m)
	if sum.Sent != 0 || !sum.PausedUntil.Equal(first.Add(24*time.Hour)) || !strings.Contains(sum.Paused, "100 messages allowed") {
		t.Fatalf("over the limit: %+v", sum)
	}
	f.clock.Set(first.Add(24*time.Hour + time.Second))
	if sum := sendAll(t, f, m); sum.Sent != 20 {
		t.Fatalf("next day: %+v", sum)
	}
}

func regsOf(t testing.TB, f *mailFixture) []core.Registrant {
	t.Helper()
	var out []core.Registrant
	err := f.db.View(context.Background(), func(tx core.Tx) error {
		return tx.Registrants(f.event.ID, func(r core.Registrant) error { out = append(out, r); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Staff are warned before importing more registrants than the mail
// service can remind in a day, and on the event view when the reminders
// due on one day add up to more than that.
func TestWarnsWhenRemindersExceedTheDailyLimit(t *testing.T) {
	f := newMailFixture(t, 150, 0, core.MailSettings{})
	saveProfile(t, f, core.PresetProfile(core.PresetSESSandbox)) // 200 a day
	ctx := context.Background()
	if p, err := f.eng.ReminderPace(ctx, f.event.ID); err != nil || len(p.Warnings) != 0 || p.ToSend != 150 {
		t.Fatalf("150 under 200 a day: %+v, %v", p, err)
	}
	var csv strings.Builder
	csv.WriteString("email,first\n")
	for i := range 100 {
		csv.WriteString("new" + string(rune('a'+i%26)) + strings.Repeat("x", i/26) + "@example.org,New\n")
	}
	plan, err := f.eng.PreviewImport(ctx, f.event.ID, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Warnings) != 1 || !strings.Contains(plan.Warnings[0], "250 reminders to send, more than the 200 a day Amazon SES (sandbox) allows") ||
		!strings.Contains(plan.Summary(), "Warning: ") {
		t.Fatalf("import warnings: %q", plan.Warnings)
	}
	// A second event whose reminders fall on the same day.
	second, err := f.eng.CreateEvent(ctx, core.Event{Title: "Autumn webinar", Start: f.event.Start.Add(time.Hour), Duration: time.Hour,
		TimeZone: "Europe/London", ReminderLead: 2 * time.Hour,
		Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://meet.example.org/autumn"}})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		if _, _, err := f.eng.AddRegistrant(ctx, second.ID, core.Registrant{Email: "late" + strings.Repeat("y", i) + "@example.org"}); err != nil {
			t.Fatal(err)
		}
	}
	p, err := f.eng.ReminderPace(ctx, second.ID)
	if err != nil || p.SameDay != 210 || len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0], "add up to 210 across events") {
		t.Fatalf("same day: %+v, %v", p, err)
	}
}
