package core

import (
	"slices"
	"strings"
)

// The office's staff list: addresses and whole domains whose people are
// staff at every event (Office.Staff). A participant is staff when a join
// row says so (host, panelist…), when the provider lists them as staff,
// or when their address is on this list; staff are never walk-ins,
// attended or no-shows.

// NormalizeStaffEntry checks an entry of the staff list and returns it in
// the form it is kept: a lower-case address, or "@" and a lower-case
// domain for everyone at that domain.
func NormalizeStaffEntry(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if domain, ok := strings.CutPrefix(s, "@"); ok {
		if _, err := NormalizeEmail("staff@" + domain); err != nil || domain == "" {
			return "", Errorf(EINVALID, "%q is not a domain; write it like @riverside.example.org.", s)
		}
		return s, nil
	}
	if _, err := NormalizeEmail(s); err != nil {
		return "", Errorf(EINVALID, "%q is not an address or a domain; write name@example.org, or @example.org for everyone there.", s)
	}
	return s, nil
}

// OnStaffList reports whether an address is on the staff list, by itself
// or by its domain; case does not matter.
func OnStaffList(list []string, email string) bool {
	k := EmailKey(email)
	at := strings.LastIndexByte(k, '@')
	if at <= 0 {
		return false
	}
	return slices.Contains(list, k) || slices.Contains(list, k[at:])
}

// IsStaff reports whether a participant was staff at the event.
func (p Participant) IsStaff() bool { return p.Role != "" }

// WalkIn reports whether a participant matched no registrant and is not
// staff: the people who were neither registered nor running the event.
func (p Participant) WalkIn() bool { return p.RegistrantID == 0 && p.Role == "" }

// Label names a role for staff reading the headcount.
func (r StaffRole) Label() string {
	switch r {
	case RoleHost:
		return "Host"
	case RoleCoHost:
		return "Co-host"
	case RolePanelist:
		return "Panelist"
	case RoleOrganizer:
		return "Organizer"
	case RolePresenter:
		return "Presenter"
	case RoleOfficeStaff:
		return "Office staff"
	}
	return string(r)
}
