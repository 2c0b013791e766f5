package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/checkin"
)

// Staff decisions on a check-in: confirming or rejecting suggested matches,
// matching walk-ins and adding them as registrants.

// findParticipant reads one participant of an event.
func findParticipant(tx core.Tx, eventID, id core.ID) (core.Participant, error) {
	var found core.Participant
	err := tx.Participants(eventID, func(p core.Participant) error {
		if p.ID == id {
			found = p
			return errStop
		}
		return nil
	})
	if err == errStop {
		return found, nil
	}
	if err == nil {
		err = core.NotFound("Participant", id)
	}
	return found, err
}

var errStop = fmt.Errorf("stop")

// ConfirmMatch confirms a suggestion: the participant is this registrant.
// The registrant is checked in (if the attendance rule is met) and the
// participant's email and display name are remembered as the person's
// aliases for their next events. Later syncs keep the match.
func (e *Engine) ConfirmMatch(ctx context.Context, eventID, participantID, registrantID core.ID) (core.Registrant, error) {
	return e.matchParticipant(ctx, eventID, participantID, registrantID, core.MatchConfirmed, "confirm match")
}

// MatchWalkIn ties a walk-in to a registrant staff picked ("Match to…").
func (e *Engine) MatchWalkIn(ctx context.Context, eventID, participantID, registrantID core.ID) (core.Registrant, error) {
	return e.matchParticipant(ctx, eventID, participantID, registrantID, core.MatchStaff, "match walk-in")
}

func (e *Engine) matchParticipant(ctx context.Context, eventID, participantID, registrantID core.ID, method core.MatchMethod, action string) (r core.Registrant, err error) {
	ctx = withChangeKind(ctx, core.ChangeCheckIn)
	err = e.store.Update(ctx, func(tx core.Tx) error {
		ev, err := tx.Event(eventID)
		if err != nil {
			return err
		}
		p, err := findParticipant(tx, eventID, participantID)
		if err != nil {
			return err
		}
		if err := notStaff(p); err != nil {
			return err
		}
		if p.RegistrantID != 0 && p.RegistrantID != registrantID {
			return core.Errorf(core.ECONFLICT, "%s is already matched to another registrant.", participantLabel(p))
		}
		if r, err = tx.Registrant(eventID, registrantID); err != nil {
			return err
		}
		if !r.Active() {
			return core.Errorf(core.EINVALID, "%s cancelled their registration; re-register them first.", r.Email)
		}
		before := "walk-in " + participantLabel(p)
		p.RegistrantID, p.MatchMethod, p.Suggestions = r.ID, method, nil
		attended := sessionsAttended(p) >= ev.Attendance.NeedSessions()
		p.JoinedBriefly = !attended
		rememberAliases(&r, p)
		for _, al := range r.Aliases {
			if err := tx.AddAlias(r.Email, al); err != nil {
				return err
			}
		}
		if err := tx.PutParticipant(&p); err != nil {
			return err
		}
		if err := e.audit(tx, r, whoStaff, action, before, "matched to "+r.Email); err != nil {
			return err
		}
		if attended {
			if _, _, err := e.checkInFromReport(tx, &r, p, whoStaff); err != nil {
				return err
			}
		}
		return tx.PutRegistrant(&r)
	})
	return r, err
}

func sessionsAttended(p core.Participant) int {
	n := 0
	for _, s := range p.Sessions {
		if s.Attended {
			n++
		}
	}
	if len(p.Sessions) == 0 && p.Minutes > 0 {
		n = 1
	}
	return n
}

func participantLabel(p core.Participant) string {
	if p.Email != "" {
		return fmt.Sprintf("%s <%s>", p.Name, p.Email)
	}
	return p.Name
}

// rememberAliases adds the participant's email and display name to the
// registrant's aliases when they differ from the registration.
func rememberAliases(r *core.Registrant, p core.Participant) {
	add := func(s string) {
		for _, a := range r.Aliases {
			if strings.EqualFold(a, s) {
				return
			}
		}
		r.Aliases = append(r.Aliases, s)
	}
	if p.Email != "" && core.EmailKey(p.Email) != core.EmailKey(r.Email) {
		add(strings.TrimSpace(p.Email))
	}
	if n := strings.TrimSpace(p.Name); n != "" && checkin.NormName(n) != checkin.NormName(r.Name()) &&
		!strings.Contains(n, "@") {
		add(n)
	}
}

// RejectMatch rules a suggested registrant out for a participant; later
// syncs do not suggest them again.
func (e *Engine) RejectMatch(ctx context.Context, eventID, participantID, registrantID core.ID) error {
	ctx = withChangeKind(ctx, core.ChangeCheckIn)
	return e.store.Update(ctx, func(tx core.Tx) error {
		p, err := findParticipant(tx, eventID, participantID)
		if err != nil {
			return err
		}
		r, err := tx.Registrant(eventID, registrantID)
		if err != nil {
			return err
		}
		kept := p.Suggestions[:0:0]
		for _, s := range p.Suggestions {
			if s.RegistrantID != registrantID {
				kept = append(kept, s)
			}
		}
		p.Suggestions = kept
		if len(p.Suggestions) == 0 {
			p.Suggestions = nil
		}
		p.Rejected = append(p.Rejected, registrantID)
		if err := tx.PutParticipant(&p); err != nil {
			return err
		}
		return e.audit(tx, r, whoStaff, "reject match", "suggested for "+participantLabel(p), "not this person")
	})
}

// AddWalkInAsRegistrant registers a walk-in for the event and checks them
// in with their minutes. Fields of details that are empty are taken from
// the participant (name, email); an email is required.
func (e *Engine) AddWalkInAsRegistrant(ctx context.Context, eventID, participantID core.ID, details core.Registrant) (r core.Registrant, err error) {
	ctx = withChangeKind(ctx, core.ChangeCheckIn)
	err = e.store.Update(ctx, func(tx core.Tx) error {
		p, err := findParticipant(tx, eventID, participantID)
		if err != nil {
			return err
		}
		if err := notStaff(p); err != nil {
			return err
		}
		if p.RegistrantID != 0 {
			return core.Errorf(core.ECONFLICT, "%s is already matched to a registrant.", participantLabel(p))
		}
		r = details
		if r.Email == "" {
			r.Email = p.Email
		}
		if r.FirstName == "" && r.LastName == "" {
			r.FirstName, r.LastName = splitName(p.Name)
		}
		if strings.TrimSpace(r.Email) == "" {
			return core.Errorf(core.EINVALID, "%s joined without an email; enter their email to register them, or use \"Match to…\".", p.Name)
		}
		if err := r.Validate(); err != nil {
			return err
		}
		if old, err := tx.RegistrantByEmail(eventID, r.Email); err == nil {
			return core.Errorf(core.ECONFLICT, "%s is already registered; use \"Match to…\" and pick them.", old.Email)
		} else if core.ErrorCode(err) != core.ENOTFOUND {
			return err
		}
		now := e.clock.Now()
		r.ID, r.EventID, r.Status, r.RegisteredAt, r.UpdatedAt = 0, eventID, core.StatusRegistered, now, now
		if r.Source == "" {
			r.Source = "walk-in"
		}
		if err := tx.PutRegistrant(&r); err != nil {
			return err
		}
		if err := e.audit(tx, r, whoStaff, "add walk-in as registrant", "walk-in "+participantLabel(p), "registered"); err != nil {
			return err
		}
		p.RegistrantID, p.MatchMethod, p.Suggestions, p.JoinedBriefly = r.ID, core.MatchAdded, nil, false
		if err := tx.PutParticipant(&p); err != nil {
			return err
		}
		_, _, err = e.checkInFromReport(tx, &r, p, whoStaff)
		return err
	})
	return r, err
}

func splitName(s string) (first, last string) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}
