package engine

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/checkin"
)

// Staff at an event: who they are (staffFinder), the office's own list
// (AddStaff, RemoveStaff, ListStaff) and the headcount's staff section
// (Staff).

// staffFinder tells, during a check-in run, whether an attendee was
// staff: a staff row in the report, the provider's staff list, or the
// office's staff list, in that order.
type staffFinder struct {
	byEmail map[string]core.StaffRole
	office  []string
}

func newStaffFinder(tx core.Tx, listed []core.StaffMember) (staffFinder, error) {
	o, err := tx.Office()
	if err != nil {
		return staffFinder{}, err
	}
	sf := staffFinder{byEmail: map[string]core.StaffRole{}, office: o.Staff}
	for _, m := range listed {
		if k := core.EmailKey(m.Email); k != "" && m.Role != "" {
			if _, seen := sf.byEmail[k]; !seen { // the first role listed (the host) wins
				sf.byEmail[k] = m.Role
			}
		}
	}
	return sf, nil
}

// role is the attendee's staff role, "" for an attendee. Someone who
// joined through their own registration (the provider's registrant ID)
// attended, even when the provider lists them as a panelist too: they
// count once, as attended.
func (sf staffFinder) role(a checkin.Attendee) core.StaffRole {
	if a.Role != "" {
		return a.Role
	}
	emails := a.Emails
	if k := core.EmailKey(a.Email); k != "" && !slices.Contains(emails, k) {
		emails = append(emails, k)
	}
	for _, e := range emails {
		if r, ok := sf.byEmail[e]; ok && a.RegistrantID == "" {
			return r
		}
	}
	for _, e := range emails {
		if core.OnStaffList(sf.office, e) {
			return core.RoleOfficeStaff
		}
	}
	return ""
}

// staffRegistrants are the registrants present as staff (a panelist who
// also registered), by ID.
func staffRegistrants(tx core.Tx, eventID core.ID) (map[core.ID]bool, error) {
	out := map[core.ID]bool{}
	err := tx.Participants(eventID, func(p core.Participant) error {
		if p.IsStaff() && p.RegistrantID != 0 {
			out[p.RegistrantID] = true
		}
		return nil
	})
	return out, err
}

// staffOnly tells, per registrant, whether every participant matched to
// them in a run was staff.
type staffOnly map[core.ID]bool

func (s staffOnly) note(id core.ID, staff bool) {
	if prev, seen := s[id]; seen {
		staff = staff && prev
	}
	s[id] = staff
}

// undoReportCheckIns takes back the report check-ins of registrants for
// whom every participant of this run was marked: present only as staff
// (an address put on the staff list after an earlier run: staff are never
// attended), or below the attendance rule (made stricter since). Check-ins
// staff made by hand stay.
func (e *Engine) undoReportCheckIns(tx core.Tx, pp *people, marked staffOnly, why string) (int, error) {
	n := 0
	for id, only := range marked {
		j, ok := pp.regIdx[id]
		if !ok || !only {
			continue
		}
		r := &pp.regs[j]
		if r.CheckIn == nil || r.CheckIn.Source != core.SourceProvider {
			continue
		}
		before := checkInLabel(r.CheckIn)
		r.CheckIn = nil
		if err := e.putAudited(tx, r, whoRun, why, before); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// notStaff refuses to decide on staff as if they were walk-ins.
func notStaff(p core.Participant) error {
	if !p.IsStaff() {
		return nil
	}
	msg := fmt.Sprintf("%s ran the event (%s), so they count as staff, not as an attendee or walk-in; nothing was changed.",
		participantLabel(p), strings.ToLower(p.Role.Label()))
	if p.Role == core.RoleOfficeStaff {
		msg += " If they attended, take their address off the staff list in Settings and check in again."
	}
	return core.Errorf(core.ECONFLICT, "%s", msg)
}

// pullStaff asks the provider who ran the event. Without the list a run
// still goes on (the office's list and the report's staff rows still
// apply); the next run corrects it.
func (e *Engine) pullStaff(ctx context.Context, acc core.Account, ev core.Event) []core.StaffMember {
	p, err := e.provider(ctx, acc)
	if err != nil || !p.Capabilities().Staff {
		return nil
	}
	staff, err := p.Staff(ctx, ev.Location.Kind, ev.Location.ProviderID())
	if err != nil {
		e.log.Warn("staff list pull failed; hosts and panelists may show as walk-ins until the next check-in",
			"event", ev.ID, "account", acc, "err", err)
		return nil
	}
	return staff
}

// Staff lists an event's staff present, in the order the provider
// reported them, with their role and minutes.
func (e *Engine) Staff(ctx context.Context, eventID core.ID) ([]core.Participant, error) {
	var out []core.Participant
	err := e.store.View(ctx, func(tx core.Tx) error {
		if _, err := tx.Event(eventID); err != nil {
			return err
		}
		return tx.Participants(eventID, func(p core.Participant) error {
			if p.IsStaff() {
				out = append(out, p)
			}
			return nil
		})
	})
	return out, err
}

// ListStaff returns the office's staff list: addresses and "@domains".
func (e *Engine) ListStaff(ctx context.Context) ([]string, error) {
	var list []string
	err := e.store.View(ctx, func(tx core.Tx) error {
		o, err := tx.Office()
		list = o.Staff
		return err
	})
	return list, err
}

// AddStaff puts an address or "@domain" on the office's staff list; the
// next check-in counts those people as staff. Adding one already listed
// changes nothing.
func (e *Engine) AddStaff(ctx context.Context, entry string) ([]string, error) {
	entry, err := core.NormalizeStaffEntry(entry)
	if err != nil {
		return nil, err
	}
	return e.changeStaff(ctx, func(list []string) ([]string, error) {
		if slices.Contains(list, entry) {
			return list, nil
		}
		return append(list, entry), nil
	})
}

// RemoveStaff takes an entry off the office's staff list.
func (e *Engine) RemoveStaff(ctx context.Context, entry string) ([]string, error) {
	key, err := core.NormalizeStaffEntry(entry)
	if err != nil {
		return nil, err
	}
	return e.changeStaff(ctx, func(list []string) ([]string, error) {
		i := slices.Index(list, key)
		if i < 0 {
			return nil, core.Errorf(core.ENOTFOUND, "%s is not on the staff list; nothing was changed.", key)
		}
		return slices.Delete(slices.Clone(list), i, i+1), nil
	})
}

func (e *Engine) changeStaff(ctx context.Context, change func([]string) ([]string, error)) ([]string, error) {
	var list []string
	err := e.store.Update(ctx, func(tx core.Tx) error {
		o, err := tx.Office()
		if err != nil {
			return err
		}
		if list, err = change(o.Staff); err != nil {
			return err
		}
		o.Staff = list
		return tx.PutOffice(o)
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}
