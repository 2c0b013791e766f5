package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/checkin"
)

// UndoAddWalkIn takes back "Add as registrant": in one transaction the
// registrant it created is removed (with their check-in and audit log) and
// the participant is a walk-in again, with fresh suggestions. It refuses
// once the person has had mail or clicks from Turnout or another join was
// matched to them, since removing them would then lose real history;
// cancelling the registration is the way out then.
func (e *Engine) UndoAddWalkIn(ctx context.Context, eventID, participantID core.ID) (p core.Participant, err error) {
	err = e.store.Update(ctx, func(tx core.Tx) error {
		if p, err = findParticipant(tx, eventID, participantID); err != nil {
			return err
		}
		if p.RegistrantID == 0 || p.MatchMethod != core.MatchAdded {
			return core.Errorf(core.ECONFLICT, "%s was not added as a registrant, so there is nothing to undo.", participantLabel(p))
		}
		r, err := tx.Registrant(eventID, p.RegistrantID)
		if err != nil {
			return err
		}
		if r.Reminder.Status != core.ReminderNone || r.Clicks > 0 || r.Sync.State != core.SyncNone {
			return core.Errorf(core.ECONFLICT, "%s has had mail or a provider update since being added, so Undo would lose that. Cancel their registration instead.", r.Email)
		}
		if err := otherJoinsOf(tx, p); err != nil {
			return err
		}
		if err := tx.DeleteRegistrant(eventID, r.ID); err != nil {
			return err
		}
		p.RegistrantID, p.MatchMethod, p.JoinedBriefly = 0, core.MatchNone, false
		pp, err := loadPeople(tx, eventID, true)
		if err != nil {
			return err
		}
		p.Suggestions = checkin.NewMatcher(pp.regs, pp.aliases, pp.clicks).Suggest(attendeeOf(p), p.Rejected)
		return tx.PutParticipant(&p)
	})
	return p, err
}

// otherJoinsOf refuses when a participant other than p is matched to p's
// registrant (a second device tied to them with "Match to…").
func otherJoinsOf(tx core.Tx, p core.Participant) error {
	return tx.Participants(p.EventID, func(o core.Participant) error {
		if o.ID != p.ID && o.RegistrantID == p.RegistrantID {
			return core.Errorf(core.ECONFLICT, "%s was matched to this registrant too; undo needs them to be the only one. Cancel the registration instead.", participantLabel(o))
		}
		return nil
	})
}

// attendeeOf is what the matcher needs to know of a stored participant to
// suggest registrants for them again.
func attendeeOf(p core.Participant) checkin.Attendee {
	a := checkin.Attendee{Key: p.Key, Name: p.Name, Email: p.Email, RegistrantID: p.ProviderID,
		FirstJoin: p.FirstJoin, LastLeave: p.LastLeave}
	if k := core.EmailKey(p.Email); k != "" {
		a.Emails = []string{k}
	}
	return a
}
