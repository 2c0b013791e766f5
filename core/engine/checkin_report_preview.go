package engine

import (
	"context"
	"io"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/checkin"
)

// PreviewAttendeeReport reads an attendee report file for an event and
// tells what importing it would do, writing nothing: the layout
// recognised, the lines read and skipped (with why), the people in it, how
// many of the attendees match a registrant and how many would be walk-ins,
// and how many are staff (hosts, panelists, organizers, presenters), who
// are never walk-ins.
func (e *Engine) PreviewAttendeeReport(ctx context.Context, eventID core.ID, r io.Reader) (*core.AttendeeReportPlan, error) {
	ev, err := e.Event(ctx, eventID)
	if err != nil {
		return nil, err
	}
	rep, err := checkin.ReadReport(r, zoneOf(ev), false)
	if err != nil {
		return nil, err
	}
	attendees := checkin.Merge(rep.Rows)
	plan := &core.AttendeeReportPlan{EventID: eventID, Layout: string(rep.Layout), Rows: len(rep.Rows),
		People: len(attendees), Skipped: rep.Skipped}
	staff := staffOf(rep.Rows)
	err = e.store.View(ctx, func(tx core.Tx) error {
		pp, err := loadPeople(tx, eventID, true)
		if err != nil {
			return err
		}
		m := checkin.NewMatcher(pp.regs, pp.aliases, pp.clicks)
		for _, a := range attendees {
			if staff.has(a) {
				plan.Staff++
				continue
			}
			if i, ok := pp.find(a); ok && pp.parts[i].MatchMethod.Sticky() && pp.parts[i].RegistrantID != 0 {
				plan.Registered++
			} else if _, _, ok := m.Match(a); ok {
				plan.Registered++
			} else {
				plan.WalkIns++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return plan, nil
}

// staffSet is who a report names as staff, by email or, for a row
// without one, by name.
type staffSet struct{ emails, names map[string]bool }

func staffOf(rows []core.JoinRow) staffSet {
	s := staffSet{emails: map[string]bool{}, names: map[string]bool{}}
	for _, r := range rows {
		if r.Role == "" {
			continue
		}
		if k := core.EmailKey(r.Email); k != "" {
			s.emails[k] = true
		} else {
			s.names[checkin.NormName(r.Name)] = true
		}
	}
	return s
}

func (s staffSet) has(a checkin.Attendee) bool {
	for _, e := range a.Emails {
		if s.emails[e] {
			return true
		}
	}
	return len(a.Emails) == 0 && s.names[checkin.NormName(a.Name)]
}
