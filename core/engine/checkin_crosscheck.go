package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// crossCheckNames is how many people a cross-check warning names before
// it says "and N more".
const crossCheckNames = 10

// crossCheckAttendance compares a check-in with what the provider's own
// registrant list says (core.AttendanceCrossCheck: RingCentral gives a
// registrant who joined a participantId) and returns the disagreements
// as warnings for staff. The participant report still decides; a failed
// comparison only goes to the log, since the check-in itself succeeded.
func (e *Engine) crossCheckAttendance(ctx context.Context, acc core.Account, ev core.Event) []string {
	p, err := e.provider(ctx, acc)
	if err != nil {
		return nil
	}
	cc, ok := p.(core.AttendanceCrossCheck)
	if !ok {
		return nil
	}
	marked, err := cc.AttendedRegistrants(ctx, ev.Location.Kind, ev.Location.ProviderID())
	if err != nil {
		e.log.Warn("attendance cross-check failed", "event", ev.ID, "account", acc, "err", err)
		return nil
	}
	byProviderID := map[string]core.Registrant{}
	inReport := map[string]bool{} // provider registrant IDs the participant report accounts for
	err = e.store.View(ctx, func(tx core.Tx) error {
		byID := map[core.ID]core.Registrant{}
		err := tx.Registrants(ev.ID, func(r core.Registrant) error {
			byID[r.ID] = r
			if r.Sync.RegistrantID != "" {
				byProviderID[r.Sync.RegistrantID] = r
			}
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Participants(ev.ID, func(p core.Participant) error {
			if p.ProviderID != "" {
				inReport[p.ProviderID] = true
			}
			if r, ok := byID[p.RegistrantID]; ok && p.RegistrantID != 0 && r.Sync.RegistrantID != "" {
				inReport[r.Sync.RegistrantID] = true
			}
			return nil
		})
	})
	if err != nil {
		e.log.Warn("attendance cross-check failed", "event", ev.ID, "err", err)
		return nil
	}
	markedSet := map[string]bool{}
	var extra []string // marked as joined, absent from the report
	for _, id := range marked {
		markedSet[id] = true
		if !inReport[id] {
			extra = append(extra, id)
		}
	}
	var unmarked []string // matched in the report, not marked as joined
	for id := range inReport {
		if _, ours := byProviderID[id]; ours && !markedSet[id] {
			unmarked = append(unmarked, id)
		}
	}
	name := providerName(acc)
	var warnings []string
	if len(extra) > 0 {
		warnings = append(warnings, fmt.Sprintf("%s says %s joined than its participant list shows: %s. "+
			"They were not checked in; check them in by hand if they attended.",
			name, countPeople(len(extra), "more "), whoAre(extra, byProviderID, name)))
	}
	if len(unmarked) > 0 {
		warnings = append(warnings, fmt.Sprintf("%s's participant list shows %s whose registration there does not say they joined: %s. "+
			"They are checked in from the participant list; look at the session in %s if that seems wrong.",
			name, countPeople(len(unmarked), ""), whoAre(unmarked, byProviderID, name), name))
	}
	if len(warnings) > 0 {
		e.log.Warn("attendance cross-check disagrees", "event", ev.ID, "joined_not_in_report", len(extra), "in_report_not_joined", len(unmarked))
	}
	return warnings
}

// countPeople is "1 person" or "n people", with an adjective between.
func countPeople(n int, adj string) string {
	if n == 1 {
		return "1 " + adj + "person"
	}
	return fmt.Sprintf("%d %speople", n, adj)
}

// whoAre names people by their provider registrant IDs: Turnout's name
// and email where it knows them, in a stable order.
func whoAre(ids []string, regs map[string]core.Registrant, provider string) string {
	var names []string
	for _, id := range ids {
		if r, ok := regs[id]; ok {
			names = append(names, strings.TrimSpace(r.FirstName+" "+r.LastName)+" ("+r.Email+")")
		} else {
			names = append(names, "a person registered only in "+provider+" (registrant ID "+id+")")
		}
	}
	slices.Sort(names)
	if len(names) > crossCheckNames {
		names = append(names[:crossCheckNames], fmt.Sprintf("and %d more", len(names)-crossCheckNames))
	}
	return strings.Join(names, ", ")
}
