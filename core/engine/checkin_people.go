package engine

import (
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/checkin"
)

// The registrants and participants a check-in run matches, and how a
// stored participant is found again.

// people is an event's registrants and participants as a run sees them.
type people struct {
	regs    []core.Registrant
	regIdx  map[core.ID]int
	parts   []core.Participant
	byKey   map[string]int // participant Key, provider ID and email key → index in parts
	aliases map[string][]string
	clicks  map[core.ID][]time.Time
}

func loadPeople(tx core.Tx, eventID core.ID, withClicks bool) (*people, error) {
	n, _ := tx.CountRegistrants(eventID)
	pp := &people{regs: make([]core.Registrant, 0, n), regIdx: make(map[core.ID]int, n), byKey: map[string]int{}}
	err := tx.Registrants(eventID, func(r core.Registrant) error {
		pp.regIdx[r.ID] = len(pp.regs)
		pp.regs = append(pp.regs, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = tx.Participants(eventID, func(p core.Participant) error {
		i := len(pp.parts)
		pp.parts = append(pp.parts, p)
		for _, k := range participantKeys(p) {
			if _, taken := pp.byKey[k]; !taken {
				pp.byKey[k] = i
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if pp.aliases, err = tx.Aliases(); err != nil {
		return nil, err
	}
	if withClicks {
		pp.clicks = map[core.ID][]time.Time{}
		err = tx.Clicks(eventID, func(c core.Click) error {
			pp.clicks[c.RegistrantID] = append(pp.clicks[c.RegistrantID], c.At)
			return nil
		})
	}
	return pp, err
}

// participantKeys are the identities under which a stored participant is
// found again by a later run, even if the provider now gives more detail.
func participantKeys(p core.Participant) []string {
	keys := make([]string, 0, 3)
	if p.Key != "" {
		keys = append(keys, p.Key)
	}
	if p.ProviderID != "" {
		keys = append(keys, "rid:"+p.ProviderID)
	}
	if k := core.EmailKey(p.Email); k != "" {
		keys = append(keys, "email:"+k)
	}
	return keys
}

func (pp *people) find(a checkin.Attendee) (int, bool) {
	keys := []string{a.Key}
	if a.RegistrantID != "" {
		keys = append(keys, "rid:"+a.RegistrantID)
	}
	for _, e := range a.Emails {
		keys = append(keys, "email:"+e)
	}
	for _, k := range keys {
		if i, ok := pp.byKey[k]; ok {
			return i, true
		}
	}
	return 0, false
}

func sessionStart(rows []core.JoinRow, inst string) time.Time {
	var first time.Time
	for _, r := range rows {
		if r.Instance == inst && !r.JoinTime.IsZero() && (first.IsZero() || r.JoinTime.Before(first)) {
			first = r.JoinTime
		}
	}
	return first
}

// participantFrom builds the stored participant for an attendee (its text
// without control characters), keeping what staff decided about them.
func participantFrom(eventID core.ID, a checkin.Attendee, old core.Participant) core.Participant {
	return core.Participant{ID: old.ID, EventID: eventID, Name: core.PlainText(a.Name), Email: core.PlainText(a.Email), ProviderID: a.RegistrantID,
		FirstJoin: a.FirstJoin, LastLeave: a.LastLeave, Minutes: a.Minutes(), Key: a.Key,
		Rejected: old.Rejected, Excluded: old.Excluded}
}

func sessionsOf(a checkin.Attendee) []core.ParticipantSession {
	out := make([]core.ParticipantSession, len(a.Sessions))
	for i, s := range a.Sessions {
		out[i] = core.ParticipantSession{Instance: s.Instance, FirstJoin: s.FirstJoin, LastLeave: s.LastLeave,
			Minutes: s.Minutes(), Attended: s.Attended}
	}
	return out
}

// checkInFromReport checks a registrant in from a participant, or grows
// the minutes of an earlier provider check-in. Manual and click check-ins
// are left as they are. It writes the audit entry.
func (e *Engine) checkInFromReport(tx core.Tx, r *core.Registrant, p core.Participant, who string) (added, updated int, err error) {
	c := r.CheckIn
	switch {
	case c == nil:
		before := checkInLabel(nil)
		r.CheckIn = &core.CheckIn{Source: core.SourceProvider, At: e.clock.Now(), Minutes: p.Minutes,
			FirstJoin: p.FirstJoin, LastLeave: p.LastLeave}
		added = 1
		err = e.putAudited(tx, r, who, "check in", before)
	case c.Source == core.SourceProvider && (p.Minutes > c.Minutes || p.LastLeave.After(c.LastLeave) ||
		(!p.FirstJoin.IsZero() && p.FirstJoin.Before(c.FirstJoin))):
		before := checkInLabel(c)
		nc := *c
		nc.Minutes = max(nc.Minutes, p.Minutes)
		if p.LastLeave.After(nc.LastLeave) {
			nc.LastLeave = p.LastLeave
		}
		if !p.FirstJoin.IsZero() && (nc.FirstJoin.IsZero() || p.FirstJoin.Before(nc.FirstJoin)) {
			nc.FirstJoin = p.FirstJoin
		}
		r.CheckIn = &nc
		updated = 1
		err = e.putAudited(tx, r, who, "minutes updated", before)
	}
	return added, updated, err
}
