package core

import (
	"cmp"
	"slices"
	"strings"
)

// RegistrantFilter picks which registrants a list shows.
type RegistrantFilter string

const (
	FilterAll       RegistrantFilter = "All"
	FilterActive    RegistrantFilter = "Active"
	FilterCancelled RegistrantFilter = "Cancelled"
	FilterAttended  RegistrantFilter = "Attended" // active and checked in
	FilterAbsent    RegistrantFilter = "Absent"   // active, not checked in
)

// RegistrantFilters lists the filters in menu order.
var RegistrantFilters = []RegistrantFilter{FilterAll, FilterActive, FilterCancelled, FilterAttended, FilterAbsent}

func (f RegistrantFilter) includes(r *Registrant) bool {
	switch f {
	case FilterActive:
		return r.Active()
	case FilterCancelled:
		return !r.Active()
	case FilterAttended:
		return r.Active() && r.Attended()
	case FilterAbsent:
		return r.Active() && !r.Attended()
	}
	return true
}

// RegistrantList is an event's registrants held for a screen that filters
// and searches them as staff type. It is not safe for concurrent use.
type RegistrantList struct {
	All  []Registrant
	keys []string // lower-case "first last\x00email", what search matches
}

// NewRegistrantList holds all for searching.
func NewRegistrantList(all []Registrant) *RegistrantList {
	l := &RegistrantList{All: all, keys: make([]string, len(all))}
	for i := range all {
		l.keys[i] = searchKey(&all[i])
	}
	return l
}

func searchKey(r *Registrant) string {
	return strings.ToLower(r.FirstName + " " + r.LastName + "\x00" + r.Email)
}

// Filter appends to into the indexes in All of the registrants that pass
// the filter and whose name or email contains query (any case).
func (l *RegistrantList) Filter(f RegistrantFilter, query string, into []int) []int {
	q := searchQuery(query)
	for i := range l.All {
		if l.passes(i, f, q) {
			into = append(into, i)
		}
	}
	return into
}

// Passes reports whether All[i] passes the filter and query, as Filter
// judges it: a screen re-filters the whole list only when a changed row
// went in or out.
func (l *RegistrantList) Passes(i int, f RegistrantFilter, query string) bool {
	return l.passes(i, f, searchQuery(query))
}

func (l *RegistrantList) passes(i int, f RegistrantFilter, q string) bool {
	return f.includes(&l.All[i]) && (q == "" || strings.Contains(l.keys[i], q))
}

func searchQuery(query string) string { return strings.ToLower(strings.TrimSpace(query)) }

// Active counts the registrants still registered.
func (l *RegistrantList) Active() int {
	n := 0
	for i := range l.All {
		if l.All[i].Active() {
			n++
		}
	}
	return n
}

// Index returns the position of a registrant in All, or -1. All comes
// in ID order, so a binary search finds it; a list put out of order is
// searched through.
func (l *RegistrantList) Index(id ID) int {
	if i, ok := slices.BinarySearchFunc(l.All, id, func(r Registrant, id ID) int { return cmp.Compare(r.ID, id) }); ok {
		return i
	}
	for i := range l.All {
		if l.All[i].ID == id {
			return i
		}
	}
	return -1
}

// Put replaces a registrant the list holds, or appends a new one, after an
// engine call changed it.
func (l *RegistrantList) Put(r Registrant) {
	if i := l.Index(r.ID); i >= 0 {
		l.All[i], l.keys[i] = r, searchKey(&r)
		return
	}
	l.All = append(l.All, r)
	l.keys = append(l.keys, searchKey(&r))
}

// AddOutcome says what AddRegistrant did.
type AddOutcome int

const (
	Added       AddOutcome = iota + 1 // a new registrant
	Reactivated                       // a cancelled registrant registered again
)
