package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/checkin"
)

// Check-in run triggers, as the event's history shows them.
const (
	TriggerButton    = "button"
	TriggerAutomatic = "automatic"
	TriggerStartup   = "start-up"
	TriggerDaily     = "daily"
	TriggerCSV       = "attendee report file"
	TriggerClicks    = "email clicks"
)

// Who wrote an audit entry.
const (
	whoRun   = "check-in run"
	whoStaff = "staff"
	whoClick = "email click"
)

// CheckInEvent pulls the event's participant report from its provider
// account, merges each person's joins, matches them to registrants, applies
// the attendance rule and saves everything in one transaction. Running it
// again changes nothing unless the provider reports more; manual check-ins
// and staff decisions are never undone. Only a link-only event without a
// report is checked in from its reminder clicks (implied); see
// checkin_source.go.
func (e *Engine) CheckInEvent(ctx context.Context, eventID core.ID, progress Progress) (CheckInResult, error) {
	return e.checkInEvent(ctx, eventID, TriggerButton, progress)
}

func (e *Engine) checkInEvent(ctx context.Context, eventID core.ID, trigger string, progress Progress) (CheckInResult, error) {
	var ev core.Event
	var acc core.Account
	err := e.store.View(ctx, func(tx core.Tx) (err error) {
		if ev, err = tx.Event(eventID); err != nil || !ev.Location.Managed() {
			return err
		}
		acc, err = tx.Account(ev.Location.AccountID)
		return err
	})
	if err != nil {
		return CheckInResult{}, err
	}
	if now := e.clock.Now(); now.Before(ev.Start) {
		return CheckInResult{Event: ev}, core.Errorf(core.EINVALID,
			"%q has not started yet (it starts %s). Check attendees in after it ends; Turnout also does it by itself 30 minutes after the end.",
			ev.Title, ev.Start.In(zoneOf(ev)).Format("Mon 2 Jan 15:04 MST"))
	}
	if !ev.Location.Managed() {
		return e.checkInUnlinked(ctx, ev, trigger)
	}
	progress.Report(0, -1)
	rows, err := e.pullParticipants(ctx, acc, ev)
	if err != nil {
		run := core.CheckInRun{EventID: eventID, At: e.clock.Now(), Trigger: trigger, Error: core.ErrorMessage(err)}
		if ctx.Err() == nil {
			_ = e.store.Update(context.WithoutCancel(ctx), func(tx core.Tx) error { return tx.AddCheckInRun(&run) })
		}
		return CheckInResult{Event: ev, Run: run}, err
	}
	var staff []core.StaffMember
	if checkin.Ready(rows) {
		staff = e.pullStaff(ctx, acc, ev)
	}
	res, err := e.applyAttendance(ctx, eventID, rows, staff, trigger, progress)
	if err == nil && !res.NotReady {
		res.Warnings = append(res.Warnings, e.crossCheckAttendance(ctx, acc, res.Event)...)
	}
	return res, err
}

// pullParticipants asks the event's provider account for every join of
// every held instance.
func (e *Engine) pullParticipants(ctx context.Context, acc core.Account, ev core.Event) ([]core.JoinRow, error) {
	if !acc.Active {
		return nil, core.Errorf(core.EUNAVAILABLE, "The account %s is turned off; turn it on to check attendees in.", acc.Label())
	}
	p, err := e.provider(ctx, acc)
	if err != nil {
		return nil, err
	}
	if !p.Capabilities().Participants {
		return nil, core.Errorf(core.EUNAVAILABLE, "%s does not report participants for this account; import the attendee report CSV instead.", providerName(acc))
	}
	rows, err := p.Participants(ctx, ev.Location.Kind, ev.Location.ProviderID())
	var perr *core.ProviderError
	if errors.As(err, &perr) && perr.Kind == core.PErrNotFound {
		// Zoom answers 3001 until the meeting was held and its report
		// processed: not ready, not an error.
		e.log.Info("no participant report yet", "event", ev.ID, "err", err)
		return nil, nil
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, core.Errorf(core.EINVALID, "Check-in cancelled; nothing was changed.")
		}
		e.log.Warn("participants pull failed", "event", ev.ID, "account", acc, "err", err)
		return nil, core.Errorf(core.EUNAVAILABLE, "%s", e.providerMessage(acc, err))
	}
	return rows, nil
}

// ImportAttendeeReport checks an event's attendees in from a report file
// downloaded from the Zoom, Microsoft Teams, GoTo or RingCentral web
// portal (see checkin.ReadReport for the layouts), through the same
// matching as CheckInEvent; the rows carry the staff roles the file gives.
// PreviewAttendeeReport tells what it would do.
func (e *Engine) ImportAttendeeReport(ctx context.Context, eventID core.ID, r io.Reader, progress Progress) (CheckInResult, error) {
	var ev core.Event
	if err := e.store.View(ctx, func(tx core.Tx) (err error) { ev, err = tx.Event(eventID); return err }); err != nil {
		return CheckInResult{}, err
	}
	loc, err := core.LoadLocation(ev.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	rows, _, err := checkin.ParseReport(r, loc)
	if err != nil {
		return CheckInResult{Event: ev}, err
	}
	return e.applyAttendance(ctx, eventID, rows, nil, TriggerCSV, progress)
}

// applyAttendance saves a participant report: one transaction for the
// whole run. Staff (the provider's list, staff rows of the report, the
// office's staff list) are kept apart: never walk-ins, never checked in.
func (e *Engine) applyAttendance(ctx context.Context, eventID core.ID, rows []core.JoinRow, staff []core.StaffMember,
	trigger string, progress Progress) (CheckInResult, error) {
	ctx = withChangeKind(ctx, core.ChangeCheckIn)
	res := CheckInResult{}
	now := e.clock.Now()
	run := core.CheckInRun{EventID: eventID, At: now, Trigger: trigger, Pulled: len(rows)}
	if !checkin.Ready(rows) {
		run.NotReady = true
		err := e.store.Update(ctx, func(tx core.Tx) (err error) {
			if res.Event, err = tx.Event(eventID); err != nil {
				return err
			}
			return tx.AddCheckInRun(&run)
		})
		res.Run, res.NotReady = run, true
		return res, err
	}
	attendees := checkin.Merge(rows)
	run.Attendees = len(attendees)
	progress.Report(0, len(attendees))
	err := e.store.Update(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(eventID)
		if err != nil {
			return err
		}
		res = CheckInResult{Event: ev}
		// The report decides from now on: clicks are not attendance here.
		if res.ClicksUndone, err = e.dropClickCheckIns(tx, eventID, whoRun); err != nil {
			return err
		}
		pp, err := loadPeople(tx, eventID, true)
		if err != nil {
			return err
		}
		m := checkin.NewMatcher(pp.regs, pp.aliases, pp.clicks)
		sf, err := newStaffFinder(tx, staff)
		if err != nil {
			return err
		}
		onlyStaff := staffOnly{}
		belowRule := staffOnly{} // registrants none of whose joins met the rule in this run
		sessions := map[string]*SessionAttendance{}
		for _, inst := range checkin.Instances(rows) {
			sessions[inst] = &SessionAttendance{Instance: inst}
			res.Sessions = append(res.Sessions, SessionAttendance{Instance: inst})
		}
		for i := range attendees {
			if i%1000 == 0 {
				if ctx.Err() != nil {
					return core.Errorf(core.EINVALID, "Check-in cancelled; nothing was changed.")
				}
				progress.Report(i, len(attendees))
			}
			a := &attendees[i]
			oi, hasOld := pp.find(*a)
			var old core.Participant
			if hasOld {
				old = pp.parts[oi]
			}
			p := participantFrom(eventID, *a, old)
			p.Role = sf.role(*a)
			attended := a.Apply(ev.Attendance, ev.Duration)
			p.Sessions = sessionsOf(*a)
			var reg *core.Registrant
			switch {
			case hasOld && old.MatchMethod.Sticky() && old.RegistrantID != 0:
				p.RegistrantID, p.MatchMethod = old.RegistrantID, old.MatchMethod
			default:
				if r, method, ok := m.Match(*a); ok {
					p.RegistrantID, p.MatchMethod = r.ID, method
				}
			}
			if j, ok := pp.regIdx[p.RegistrantID]; ok && p.RegistrantID != 0 {
				reg = &pp.regs[j]
			} else {
				p.RegistrantID, p.MatchMethod = 0, core.MatchNone
			}
			if reg != nil {
				onlyStaff.note(reg.ID, p.IsStaff())
				belowRule.note(reg.ID, p.Role != "" || !attended || p.Excluded)
			}
			switch {
			case p.Role != "":
				res.Staff++
			case reg != nil:
				run.Matched++
				p.JoinedBriefly = !attended
				if attended && !p.Excluded {
					res.Attended++
					added, updated, err := e.checkInFromReport(tx, reg, p, whoRun)
					if err != nil {
						return err
					}
					run.Added += added
					run.Updated += updated
				} else if !attended {
					res.Briefly++
				}
			default:
				p.Suggestions = m.Suggest(*a, p.Rejected)
				if len(p.Suggestions) > 0 {
					res.Suggested++
				}
			}
			if !hasOld || !reflect.DeepEqual(old, p) {
				if err := tx.PutParticipant(&p); err != nil {
					return err
				}
			}
			if p.WalkIn() {
				res.WalkIns = append(res.WalkIns, p)
			}
			for _, s := range p.Sessions {
				if sa := sessions[s.Instance]; sa != nil {
					sa.Present++
					if p.WalkIn() {
						sa.WalkIns++
					} else if s.Attended && p.Role == "" {
						sa.Attended++
					}
				}
			}
		}
		for i := range res.Sessions {
			res.Sessions[i] = *sessions[res.Sessions[i].Instance]
		}
		run.Briefly, run.WalkIns, run.Suggestions = res.Briefly, len(res.WalkIns), res.Suggested
		if res.StaffUndone, err = e.undoReportCheckIns(tx, pp, onlyStaff, "staff, not an attendee"); err != nil {
			return err
		}
		// A stricter rule (event set --min-minutes) takes back check-ins
		// the report no longer supports; manual ones stay.
		if _, err = e.undoReportCheckIns(tx, pp, belowRule, "below the attendance rule"); err != nil {
			return err
		}
		return tx.AddCheckInRun(&run)
	})
	if err != nil {
		return res, err
	}
	for i := range res.Sessions {
		res.Sessions[i].Start = sessionStart(rows, res.Sessions[i].Instance)
	}
	res.Run = run
	progress.Report(len(attendees), len(attendees))
	e.log.Info("check-in run", "event", eventID, "trigger", trigger, "pulled", run.Pulled, "matched", run.Matched,
		"added", run.Added, "walk_ins", run.WalkIns)
	return res, nil
}

// putAudited saves a registrant and records the change in the audit log.
func (e *Engine) putAudited(tx core.Tx, r *core.Registrant, who, action, before string) error {
	if err := tx.PutRegistrant(r); err != nil {
		return err
	}
	return e.audit(tx, *r, who, action, before, checkInLabel(r.CheckIn))
}

func (e *Engine) audit(tx core.Tx, r core.Registrant, who, action, before, after string) error {
	return tx.AddAudit(core.AuditEntry{EventID: r.EventID, RegistrantID: r.ID, At: e.clock.Now(), Who: who,
		Action: action, Before: before, After: after})
}

// checkInLabel describes a check-in for the audit log.
func checkInLabel(c *core.CheckIn) string {
	if c == nil {
		return "not checked in"
	}
	s := "checked in (" + c.Source.Label()
	if c.Minutes > 0 {
		s += fmt.Sprintf(", %d min", c.Minutes)
	}
	return s + ")"
}

// checkInUnlinked checks in an event that is not linked to a provider
// account. A link-only event without a report is checked in from its
// reminder clicks (implied): RecordClicks checks people in as they click;
// this catches registrants whose clicks came before that. Any other event
// (its provider reports participants, or a report was imported) gets no
// implied check-ins: Turnout cannot fetch its report, so the result says
// so and what to do, and check-ins an older version implied from clicks
// are undone.
func (e *Engine) checkInUnlinked(ctx context.Context, ev core.Event, trigger string) (CheckInResult, error) {
	ctx = withChangeKind(ctx, core.ChangeCheckIn)
	res := CheckInResult{Event: ev, Implied: true}
	run := core.CheckInRun{EventID: ev.ID, At: e.clock.Now(), Trigger: trigger}
	err := e.store.Update(ctx, func(tx core.Tx) error {
		implied, err := clicksImplyAttendance(tx, ev)
		if err != nil {
			return err
		}
		if !implied {
			res = CheckInResult{Event: ev, Unlinked: true}
			if res.FromFile, err = hasReport(tx, ev.ID); err != nil {
				return err
			}
			res.ClicksUndone, err = e.dropClickCheckIns(tx, ev.ID, whoRun)
			return err
		}
		var todo []core.Registrant
		err = tx.Registrants(ev.ID, func(r core.Registrant) error {
			run.Pulled += r.Clicks
			if r.Active() && r.Clicks > 0 {
				run.Matched++
				if r.CheckIn == nil {
					todo = append(todo, r)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		for i := range todo {
			r := &todo[i]
			r.CheckIn = &core.CheckIn{Source: core.SourceClick, At: r.FirstClickAt}
			if err := e.putAudited(tx, r, whoClick, "check in", checkInLabel(nil)); err != nil {
				return err
			}
		}
		run.Added = len(todo)
		res.Attended = run.Matched
		return tx.AddCheckInRun(&run)
	})
	if !res.Unlinked {
		res.Run = run
	}
	return res, err
}

// zoneOf is the event's time zone, UTC when the name is unknown here.
func zoneOf(ev core.Event) *time.Location {
	if loc, err := core.LoadLocation(ev.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}
