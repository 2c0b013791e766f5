package engine

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

// Demo data: an alumni office with a past webinar (attendance, minutes,
// cancellations, walk-ins), an upcoming meeting, a Vimeo livestream and a
// GoTo workshop. Names are generated from fixed lists with a fixed seed, so
// every demo file looks the same.
var (
	demoFirst = []string{"Amelia", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Isabel", "Jonas",
		"Keisha", "Liam", "Maya", "Noah", "Olivia", "Priya", "Quentin", "Rosa", "Samuel", "Tara", "Umar", "Vera",
		"William", "Ximena", "Yusuf", "Zoe", "Aisha", "Bruno", "Camille", "Dmitri", "Esther", "Felix", "Gabriela",
		"Hannah", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nadia"}
	demoLast = []string{"Adams", "Bennett", "Chen", "Dubois", "Evans", "Fischer", "García", "Hughes", "Ivanova",
		"Johnson", "Kowalski", "Lopez", "Murphy", "Nakamura", "O'Brien", "Patel", "Quinn", "Rossi", "Schmidt",
		"Thompson", "Urban", "Vasquez", "Walsh", "Xu", "Young", "Zimmermann", "Ali", "Brooks", "Costa", "Davies"}
	demoDomains = []string{"gmail.com", "outlook.com", "yahoo.com", "northfield.edu", "icloud.com", "proton.me"}
	demoSources = []string{"Newsletter", "Website", "LinkedIn", "Class notes", ""}
)

// sandboxJoinURL is where the Sandbox (Turnout's built-in Zoom emulator)
// says its meetings are joined; the demo meeting lives there, not on Zoom.
const sandboxJoinURL = "http://sandbox.turnout.invalid/j/"

// SeedDemo fills a data file that has no events with realistic sample
// data, in one transaction. extraRegistrants adds that many generated
// registrants to the past webinar (for checking how screens cope with a
// large event). A file that already has events is left alone.
func (e *Engine) SeedDemo(ctx context.Context, extraRegistrants int) error {
	return e.store.Update(ctx, func(tx core.Tx) error {
		events, err := tx.Events()
		if err != nil || len(events) > 0 {
			return err
		}
		o := core.Office{Name: "Northfield Alumni Relations", TimeZone: "America/New_York",
			HeaderColor: "#1F5FA8", ReplyTo: "alumni@northfield.edu"}
		if err := tx.PutOffice(o); err != nil {
			return err
		}
		s := demoSeeder{tx: tx, now: e.clock.Now(), loc: o.Location(), rnd: rand.New(rand.NewPCG(7, 11))}
		return s.seed(ctx, extraRegistrants)
	})
}

type demoSeeder struct {
	tx   core.Tx
	now  time.Time
	loc  *time.Location
	rnd  *rand.Rand
	used map[string]bool
}

func (s *demoSeeder) seed(ctx context.Context, extra int) error {
	s.used = map[string]bool{}
	day := func(offset, hour, minute int) time.Time {
		n := s.now.In(s.loc)
		return time.Date(n.Year(), n.Month(), n.Day()+offset, hour, minute, 0, 0, s.loc)
	}

	// 1. A past webinar with attendance.
	webinar := core.Event{
		Title:       "Career Paths in Public Health — Alumni Panel",
		Description: "Four alumni working in public health talk about how they got there, followed by Q&A.",
		Start:       day(-6, 12, 0), Duration: 90 * time.Minute, TimeZone: s.loc.String(),
		ReminderLead: core.DefaultReminderLead,
		Location: core.Location{Provider: core.ProviderZoom, Kind: core.KindWebinar, ExternalID: "842 1937 5520",
			JoinURL: "https://us06web.zoom.us/j/84219375520", Password: "alumni24"},
	}
	if err := s.putEvent(&webinar); err != nil {
		return err
	}
	if err := s.pastRegistrants(webinar, 64); err != nil {
		return err
	}
	for i, w := range []struct{ name, email string }{
		{"Margaret Ellison", "m.ellison@northfield.edu"}, {"iPhone (2)", ""}, {"Tom R.", "tom.r@example.com"},
	} {
		p := core.Participant{EventID: webinar.ID, Name: w.name, Email: w.email,
			FirstJoin: webinar.Start.Add(time.Duration(3+i*7) * time.Minute)}
		p.Minutes = 25 + i*20
		p.LastLeave = p.FirstJoin.Add(time.Duration(p.Minutes) * time.Minute)
		if err := s.tx.PutParticipant(&p); err != nil {
			return err
		}
	}
	// Its attendance came from Zoom's attendee report file (the event is
	// not linked to an account): the report decides, clicks stay clicks.
	run := core.CheckInRun{EventID: webinar.ID, At: webinar.End().Add(time.Hour), Trigger: TriggerCSV}
	if err := s.recordImport(webinar, &run); err != nil {
		return err
	}

	// 2. An upcoming Zoom meeting with registrants, managed through the
	// built-in Sandbox account so pushes work offline.
	sandbox := core.Account{Name: "Sandbox", Provider: core.ProviderZoom, Active: true, Sandbox: true, CreatedAt: s.now, UpdatedAt: s.now}
	if err := s.tx.PutAccount(&sandbox); err != nil {
		return err
	}
	meeting := core.Event{
		Title:       "Volunteer Leaders — Quarterly Meeting",
		Description: "Class agents and chapter leaders: plans for reunion weekend and the spring phonathon.",
		Start:       day(3, 18, 0), Duration: time.Hour, TimeZone: s.loc.String(), ReminderLead: core.DefaultReminderLead,
		Location: core.Location{Provider: core.ProviderZoom, Kind: core.KindMeeting, AccountID: sandbox.ID, ExternalID: "915 3384 2071",
			JoinURL: sandboxJoinURL + "91533842071", Password: "lead2go"},
	}
	if err := s.putEvent(&meeting); err != nil {
		return err
	}
	if err := s.upcomingRegistrants(meeting, 26, 2); err != nil {
		return err
	}
	// A RingCentral Webinar account in the Sandbox too, to link a webinar
	// session to and try its paced pushes offline.
	rcSandbox := core.Account{Name: "RingCentral Sandbox", Provider: core.ProviderRingCentral, Active: true, Sandbox: true,
		CreatedAt: s.now, UpdatedAt: s.now}
	if err := s.tx.PutAccount(&rcSandbox); err != nil {
		return err
	}

	// 3. A link-only livestream on Vimeo.
	stream := core.Event{
		Title:       "Spring Lecture Series: The Future of Cities",
		Description: "Professor Ana Ruiz on housing, transport and climate. Streamed live on Vimeo.",
		Start:       day(12, 19, 0), Duration: 75 * time.Minute, TimeZone: s.loc.String(), ReminderLead: 24 * time.Hour,
		Location: core.Location{Provider: core.ProviderVimeo, JoinURL: "https://vimeo.com/event/4120856"},
	}
	if err := s.putEvent(&stream); err != nil {
		return err
	}
	if err := s.upcomingRegistrants(stream, 38, 3); err != nil {
		return err
	}

	// 4. A GoTo workshop in the London office's time zone, managed through
	// the built-in GoTo Sandbox organizer.
	gotoSandbox := core.Account{Name: "GoTo Sandbox", Provider: core.ProviderGoTo, Active: true, Sandbox: true, CreatedAt: s.now, UpdatedAt: s.now}
	if err := s.tx.PutAccount(&gotoSandbox); err != nil {
		return err
	}
	workshop := core.Event{
		Title:       "Grant Writing Workshop for Alumni Nonprofits",
		Description: "A hands-on session with the foundation relations team.",
		Start:       day(20, 10, 0).In(mustZone("Europe/London")), Duration: 2 * time.Hour, TimeZone: "Europe/London",
		ReminderLead: core.DefaultReminderLead,
		Location:     core.Location{Provider: core.ProviderGoTo, AccountID: gotoSandbox.ID, ExternalID: "5573029817361094145"},
	}
	if err := s.putEvent(&workshop); err != nil {
		return err
	}
	if err := s.upcomingRegistrants(workshop, 9, 0); err != nil {
		return err
	}

	// The large event for performance checks.
	for i := 0; i < extra; i++ {
		if i%10000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		first, last := demoFirst[i%len(demoFirst)], demoLast[(i/len(demoFirst))%len(demoLast)]
		r := core.Registrant{EventID: webinar.ID, FirstName: first, LastName: last,
			Email:  fmt.Sprintf("%s.%s.%d@example.org", emailPart(first), emailPart(last), i),
			Source: "Bulk list", Status: core.StatusRegistered,
			RegisteredAt: webinar.Start.Add(-time.Duration(1+i%500) * time.Hour)}
		r.UpdatedAt = r.RegisteredAt
		r.Reminder = core.ReminderState{Status: core.ReminderSent, SentAt: webinar.ReminderAt()}
		if i%3 == 0 {
			r.CheckIn = &core.CheckIn{Source: core.SourceProvider, At: webinar.End(), Minutes: 10 + i%80}
		}
		if i%17 == 0 {
			r.Status, r.CancelledAt, r.Reminder, r.CheckIn = core.StatusCancelled, r.RegisteredAt.Add(time.Hour), core.ReminderState{}, nil
		}
		if err := s.tx.PutRegistrant(&r); err != nil {
			return err
		}
	}
	return nil
}

// recordImport adds the history entry of the attendee file import that
// the past webinar's participants came from.
func (s *demoSeeder) recordImport(ev core.Event, run *core.CheckInRun) error {
	err := s.tx.Participants(ev.ID, func(p core.Participant) error {
		run.Pulled++
		run.Attendees++
		if p.RegistrantID != 0 {
			run.Matched++
			run.Added++
		} else {
			run.WalkIns++
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.tx.AddCheckInRun(run)
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

func (s *demoSeeder) putEvent(ev *core.Event) error {
	if err := ev.Validate(); err != nil {
		return err
	}
	ev.CreatedAt = s.now.Add(-30 * 24 * time.Hour)
	ev.UpdatedAt = ev.CreatedAt
	return s.tx.PutEvent(ev)
}

// person returns a new registrant for the event with a name not used before.
func (s *demoSeeder) person(ev core.Event) core.Registrant {
	for {
		first := demoFirst[s.rnd.IntN(len(demoFirst))]
		last := demoLast[s.rnd.IntN(len(demoLast))]
		key := fmt.Sprint(ev.ID, first, last)
		if s.used[key] {
			continue
		}
		s.used[key] = true
		email := emailPart(first) + "." + emailPart(last) + "@" + demoDomains[s.rnd.IntN(len(demoDomains))]
		if s.rnd.IntN(4) == 0 {
			email = strings.ToLower(first[:1]) + emailPart(last) + fmt.Sprint(70+s.rnd.IntN(30)) + "@" + demoDomains[s.rnd.IntN(len(demoDomains))]
		}
		at := ev.Start.Add(-time.Duration(6+s.rnd.IntN(20*24)) * time.Hour)
		if at.After(s.now) {
			at = s.now.Add(-time.Duration(1+s.rnd.IntN(48)) * time.Hour)
		}
		return core.Registrant{EventID: ev.ID, FirstName: first, LastName: last, Email: email,
			Source: demoSources[s.rnd.IntN(len(demoSources))], Status: core.StatusRegistered,
			RegisteredAt: at, UpdatedAt: at}
	}
}

// emailPart makes a name usable in an address ("O'Brien" → "obrien").
func emailPart(s string) string {
	r := strings.NewReplacer("'", "", "í", "i", "é", "e", " ", "")
	return strings.ToLower(r.Replace(s))
}

func (s *demoSeeder) pastRegistrants(ev core.Event, n int) error {
	for i := 0; i < n; i++ {
		r := s.person(ev)
		switch {
		case i%11 == 5: // cancelled before the reminder went out
			r.Status, r.CancelledAt = core.StatusCancelled, r.RegisteredAt.Add(30*time.Hour)
		default:
			r.Reminder = core.ReminderState{Status: core.ReminderSent, SentAt: ev.ReminderAt()}
			if s.rnd.IntN(10) < 6 {
				r.Clicks = 1 + s.rnd.IntN(3)
				r.FirstClickAt = ev.ReminderAt().Add(time.Duration(5+s.rnd.IntN(100)) * time.Minute)
			}
			attended := s.rnd.IntN(10) < 7
			if r.Clicks > 0 {
				attended = s.rnd.IntN(10) < 9
			}
			if attended {
				join := ev.Start.Add(time.Duration(s.rnd.IntN(15)) * time.Minute)
				minutes := 20 + s.rnd.IntN(int(ev.Duration/time.Minute)-15)
				leave := join.Add(time.Duration(minutes) * time.Minute)
				r.CheckIn = &core.CheckIn{Source: core.SourceProvider, At: ev.End(), Minutes: minutes,
					FirstJoin: join, LastLeave: leave}
				if i%13 == 0 { // seen in the room, not in Zoom's report
					r.CheckIn = &core.CheckIn{Source: core.SourceManual, At: ev.End().Add(20 * time.Minute)}
				}
			}
		}
		if err := s.tx.PutRegistrant(&r); err != nil {
			return err
		}
		if c := r.CheckIn; c != nil && c.Source == core.SourceProvider {
			p := core.Participant{EventID: ev.ID, Name: r.Name(), Email: r.Email, FirstJoin: c.FirstJoin,
				LastLeave: c.LastLeave, Minutes: c.Minutes, RegistrantID: r.ID}
			if err := s.tx.PutParticipant(&p); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *demoSeeder) upcomingRegistrants(ev core.Event, n, cancelled int) error {
	for i := 0; i < n; i++ {
		r := s.person(ev)
		if i < cancelled {
			r.Status, r.CancelledAt = core.StatusCancelled, r.RegisteredAt.Add(20*time.Hour)
			if r.CancelledAt.After(s.now) {
				r.CancelledAt = s.now
			}
		}
		if err := s.tx.PutRegistrant(&r); err != nil {
			return err
		}
	}
	return nil
}
