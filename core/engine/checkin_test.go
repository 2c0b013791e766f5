package engine_test

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
	"github.com/turnout-app/turnout/store"
)

const ciMeeting = int64(93311122233)

type ciFixture struct {
	eng   *engine.Engine
	db    *store.DB
	fake  *zoomfake.Server
	clock *coretest.Clock
	ev    core.Event
	start time.Time
	regs  map[string]core.Registrant // by email
	rids  map[string]string          // email → Zoom registrant ID
}

// newCheckInFixture: an event linked to a meeting on the in-process
// Sandbox emulator (the same emulator the app ships), with registrants
// pushed to it so that each has a Zoom registrant ID. The engine's clock
// stands a day before the meeting.
func newCheckInFixture(t testing.TB, rule core.AttendanceRule, emails []string, opts ...engine.Option) *ciFixture {
	t.Helper()
	return newCheckInFixtureOf(t, zoomfake.Meeting{Kind: core.KindMeeting}, rule, emails, opts...)
}

// newCheckInFixtureOf is newCheckInFixture for a meeting or webinar set up
// as m says (kind, panelists, alternative hosts).
func newCheckInFixtureOf(t testing.TB, m zoomfake.Meeting, rule core.AttendanceRule, emails []string, opts ...engine.Option) *ciFixture {
	t.Helper()
	start := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	clock := coretest.NewClock(start.Add(-24 * time.Hour))
	fake := zoomfake.New(zoomfake.Options{Now: clock.Now})
	m.ID, m.Topic, m.Start, m.TimeZone, m.Duration, m.Password = ciMeeting, "Benefits enrolment", start, "UTC", time.Hour, "enrol1"
	fake.AddMeeting(m)
	db, err := store.Open(t.TempDir() + "/turnout.db")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sandbox := zoomfake.NewSandbox(fake)
	opts = append([]engine.Option{engine.WithClock(clock), engine.WithProviders(engine.ProviderOptions{
		Sandbox: func(core.Account) (core.Provider, error) { return sandbox, nil }})}, opts...)
	eng := engine.New(db, opts...)
	ctx := context.Background()
	acc, err := eng.AddAccount(ctx, core.Account{Name: "Sandbox", Provider: core.ProviderZoom, Active: true, Sandbox: true})
	if err != nil {
		t.Fatal(err)
	}
	ev, _, err := eng.SaveLinkedEvent(ctx, core.Event{Attendance: rule, Location: core.Location{Provider: core.ProviderZoom,
		Kind: m.Kind, AccountID: acc.ID, ExternalID: fmt.Sprint(ciMeeting)}})
	if err != nil {
		t.Fatal(err)
	}
	f := &ciFixture{eng: eng, db: db, fake: fake, clock: clock, ev: ev, start: start, regs: map[string]core.Registrant{},
		rids: map[string]string{}}
	if len(emails) == 0 {
		return f
	}
	var csv strings.Builder
	csv.WriteString("Email,First name,Last name\n")
	for _, e := range emails {
		name := strings.Split(strings.Split(e, "@")[0], ".")
		first, last := strings.ToUpper(name[0][:1])+name[0][1:], "Test"
		if len(name) > 1 {
			last = strings.ToUpper(name[1][:1]) + name[1][1:]
		}
		fmt.Fprintf(&csv, "%s,%s,%s\n", e, first, last)
	}
	plan, err := eng.PreviewImport(ctx, ev.ID, strings.NewReader(csv.String()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eng.ApplyImport(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	if sum, err := eng.PushEvent(ctx, ev.ID); err != nil || sum.Pushed != len(emails) {
		t.Fatalf("push: %+v, %v", sum, err)
	}
	regs, err := eng.Registrants(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regs {
		if r.Sync.RegistrantID == "" {
			t.Fatalf("%s has no Zoom registrant ID after the push", r.Email)
		}
		f.regs[r.Email], f.rids[r.Email] = r, r.Sync.RegistrantID
	}
	return f
}

func (f *ciFixture) at(min int) time.Time { return f.start.Add(time.Duration(min) * time.Minute) }

// join scripts one join segment; rid and email may be empty.
func (f *ciFixture) join(name, email, rid string, from, to int) zoomfake.Join {
	return zoomfake.Join{UserID: fmt.Sprintf("u%d-%s", from, name), Name: name, Email: email, RegistrantID: rid,
		Join: f.at(from), Leave: f.at(to)}
}

func (f *ciFixture) registrants(t testing.TB) map[string]core.Registrant {
	t.Helper()
	regs, err := f.eng.Registrants(context.Background(), f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]core.Registrant{}
	for _, r := range regs {
		out[r.Email] = r
	}
	return out
}

func TestCheckInScriptedEvent(t *testing.T) {
	emails := []string{"ann.lee@x.org", "bo.kim@x.org", "cy.doe@x.org", "dee.park@x.org", "eve.stone@x.org",
		"fay.lin@x.org", "gus.ortiz@x.org"}
	f := newCheckInFixture(t, core.AttendanceRule{Minutes: 10}, emails)
	ctx := context.Background()
	r := f.rids
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "inst1==", Start: f.start, Joins: []zoomfake.Join{
		// Ann rejoined twice after dropped connections: 0–20, 22–40, 45–60 → 53 min.
		f.join("Ann Lee", "ann.lee@x.org", r["ann.lee@x.org"], 0, 20),
		f.join("Ann Lee", "ann.lee@x.org", r["ann.lee@x.org"], 22, 40),
		f.join("Ann Lee", "ann.lee@x.org", r["ann.lee@x.org"], 45, 60),
		// Bo on a laptop and, overlapping, a phone: 60 min, not 90.
		f.join("Bo Kim", "bo.kim@x.org", r["bo.kim@x.org"], 0, 60),
		f.join("Bo's iPhone", "", r["bo.kim@x.org"], 10, 40),
		// Cy's email is hidden (outside the host's account): registrant ID only.
		f.join("Cy Doe", "", r["cy.doe@x.org"], 5, 50),
		// Dee joined without her personal link, email in upper case.
		f.join("Dee Park", "DEE.PARK@X.ORG", "", 3, 33),
		// Eve joined under her personal email with the same name.
		f.join("Eve Stone", "eve.private@gmail.com", "", 0, 45),
		// Fay for 2 minutes under a 10-minute rule.
		f.join("Fay Lin", "fay.lin@x.org", r["fay.lin@x.org"], 20, 22),
		// Three walk-ins.
		f.join("Walk One", "one@elsewhere.org", "", 0, 30),
		f.join("Walk Two", "two@elsewhere.org", "", 10, 50),
		f.join("iPhone (555)", "", "", 15, 25),
	}})
	f.clock.Set(f.at(90))

	res, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.NotReady || res.Attended != 4 || res.Briefly != 1 || res.Run.Added != 4 || res.Run.Pulled != 12 {
		t.Fatalf("result %+v", res)
	}
	got := f.registrants(t)
	wantMinutes := map[string]int{"ann.lee@x.org": 53, "bo.kim@x.org": 60, "cy.doe@x.org": 45, "dee.park@x.org": 30}
	for _, e := range emails {
		reg := got[e]
		want, attended := wantMinutes[e]
		if reg.Attended() != attended {
			t.Errorf("%s attended = %t, want %t", e, reg.Attended(), attended)
			continue
		}
		if attended && (reg.CheckIn.Source != core.SourceProvider || reg.CheckIn.Minutes != want ||
			reg.CheckIn.FirstJoin.IsZero() || reg.CheckIn.LastLeave.IsZero()) {
			t.Errorf("%s check-in %+v, want provider, %d min", e, reg.CheckIn, want)
		}
	}
	parts, err := f.eng.Participants(ctx, f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	methods := map[string]core.MatchMethod{}
	var walkIns, briefly []string
	var eve core.Participant
	for _, p := range parts {
		methods[p.Name] = p.MatchMethod
		if p.RegistrantID == 0 {
			walkIns = append(walkIns, p.Name)
		}
		if p.JoinedBriefly {
			briefly = append(briefly, p.Name)
		}
		if p.Name == "Eve Stone" {
			eve = p
		}
	}
	sort.Strings(walkIns)
	if len(parts) != 9 || !reflect.DeepEqual(walkIns, []string{"Eve Stone", "Walk One", "Walk Two", "iPhone (555)"}) ||
		!reflect.DeepEqual(briefly, []string{"Fay Lin"}) {
		t.Fatalf("%d participants, walk-ins %v, briefly %v", len(parts), walkIns, briefly)
	}
	if methods["Cy Doe"] != core.MatchRegistrantID || methods["Dee Park"] != core.MatchEmail || methods["Ann Lee"] != core.MatchRegistrantID {
		t.Errorf("match methods %v", methods)
	}
	if len(eve.Suggestions) != 1 || eve.Suggestions[0].RegistrantID != got["eve.stone@x.org"].ID ||
		!strings.Contains(eve.Suggestions[0].Reasons[0], "Same name") || eve.Suggestions[0].Confidence < 0.5 {
		t.Fatalf("Eve's suggestions %+v", eve.Suggestions)
	}
	h, err := f.eng.Report(ctx, f.ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Attended != 4 || h.JoinedBriefly != 1 || h.WalkIns != 4 || h.NoShows != 3 || h.NotReady {
		t.Errorf("headcount %+v", h)
	}

	for g, want := range map[engine.Group]string{engine.GroupBriefly: "Fay Lin", engine.GroupUnmatched: "Walk Two"} {
		var buf strings.Builder
		n, err := f.eng.Export(ctx, f.ev.ID, g, core.ExportCSV, &buf, nil)
		if err != nil || !strings.Contains(buf.String(), want) || (g == engine.GroupBriefly && n != 1) || (g == engine.GroupUnmatched && n != 4) {
			t.Errorf("export %s: %d rows, %v\n%s", g, n, err, buf.String())
		}
	}

	t.Run("a second run changes nothing", func(t *testing.T) {
		before := f.registrants(t)
		auditBefore := auditCount(t, f)
		f.clock.Add(time.Hour)
		res2, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res2.Run.Added != 0 || res2.Run.Updated != 0 || res2.Attended != 4 {
			t.Errorf("second run %+v", res2.Run)
		}
		if after := f.registrants(t); !reflect.DeepEqual(before, after) {
			t.Error("registrants changed on the second run")
		}
		parts2, _ := f.eng.Participants(ctx, f.ev.ID)
		if !reflect.DeepEqual(parts, parts2) {
			t.Error("participants changed on the second run")
		}
		if n := auditCount(t, f); n != auditBefore {
			t.Errorf("audit entries %d → %d", auditBefore, n)
		}
	})

	t.Run("confirming a suggestion checks in and is kept by later runs", func(t *testing.T) {
		eveReg, err := f.eng.ConfirmMatch(ctx, f.ev.ID, eve.ID, got["eve.stone@x.org"].ID)
		if err != nil {
			t.Fatal(err)
		}
		if !eveReg.Attended() || eveReg.CheckIn.Minutes != 45 || !reflect.DeepEqual(eveReg.Aliases, []string{"eve.private@gmail.com"}) {
			t.Fatalf("Eve after confirm %+v", eveReg)
		}
		// Staff undo Ann's check-in and check Gus in by hand.
		if _, err := f.eng.UndoCheckIn(ctx, f.ev.ID, got["ann.lee@x.org"].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.eng.CheckInManually(ctx, f.ev.ID, got["gus.ortiz@x.org"].ID); err != nil {
			t.Fatal(err)
		}
		// A report file later shows more of Bo: his minutes grow.
		csv := "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n" +
			"Bo Kim,BO.KIM@x.org,11/24/2026 05:00:00 PM,11/24/2026 06:15:00 PM,75\n"
		imp, err := f.eng.ImportAttendeeReport(ctx, f.ev.ID, strings.NewReader(csv), nil)
		if err != nil || imp.Run.Updated != 1 {
			t.Fatalf("report import %+v, %v", imp.Run, err)
		}
		if c := f.registrants(t)["bo.kim@x.org"].CheckIn; c.Minutes != 75 {
			t.Errorf("Bo's minutes after the report %d, want 75", c.Minutes)
		}
		f.clock.Add(time.Hour)
		res3, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		now := f.registrants(t)
		if now["ann.lee@x.org"].Attended() {
			t.Error("a sync checked Ann in again after staff undid it")
		}
		if c := now["gus.ortiz@x.org"].CheckIn; c == nil || c.Source != core.SourceManual {
			t.Error("a sync removed Gus's manual check-in")
		}
		if !now["eve.stone@x.org"].Attended() {
			t.Error("a sync dropped the confirmed match")
		}
		if c := now["bo.kim@x.org"].CheckIn; c.Minutes != 75 {
			t.Errorf("a sync lowered Bo's minutes to %d", c.Minutes)
		}
		if res3.Run.Added != 0 {
			t.Errorf("third run added %d", res3.Run.Added)
		}
		log, err := f.eng.AuditLog(ctx, f.ev.ID, got["ann.lee@x.org"].ID)
		if err != nil || len(log) != 2 || log[0].Action != "check in" || log[1].Action != "undo check-in" || log[1].Who != "staff" {
			t.Errorf("Ann's audit log %+v, %v", log, err)
		}
	})
}

func auditCount(t testing.TB, f *ciFixture) int {
	n := 0
	regs, _ := f.eng.Registrants(context.Background(), f.ev.ID)
	for _, r := range regs {
		log, err := f.eng.AuditLog(context.Background(), f.ev.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		n += len(log)
	}
	return n
}
