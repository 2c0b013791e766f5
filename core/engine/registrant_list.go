package engine

import (
	"context"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// Filter picks which registrants a list shows.
type Filter string

const (
	FilterAll       Filter = "All"
	FilterActive    Filter = "Active"
	FilterCancelled Filter = "Cancelled"
	FilterAttended  Filter = "Attended" // active and checked in
	FilterAbsent    Filter = "Absent"   // active, not checked in
)

// Filters lists the filters in menu order.
var Filters = []Filter{FilterAll, FilterActive, FilterCancelled, FilterAttended, FilterAbsent}

func (f Filter) includes(r *core.Registrant) bool {
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
	All  []core.Registrant
	keys []string // lower-case "first last\x00email", what search matches
}

// RegistrantList loads an event's registrants for a screen.
func (e *Engine) RegistrantList(ctx context.Context, eventID core.ID) (*RegistrantList, error) {
	all, err := e.Registrants(ctx, eventID)
	if err != nil {
		return nil, err
	}
	l := &RegistrantList{All: all, keys: make([]string, len(all))}
	for i := range all {
		l.keys[i] = searchKey(&all[i])
	}
	return l, nil
}

func searchKey(r *core.Registrant) string {
	return strings.ToLower(r.FirstName + " " + r.LastName + "\x00" + r.Email)
}

// Filter appends to into the indexes in All of the registrants that pass
// the filter and whose name or email contains query (any case).
func (l *RegistrantList) Filter(f Filter, query string, into []int) []int {
	q := strings.ToLower(strings.TrimSpace(query))
	for i := range l.All {
		if f.includes(&l.All[i]) && (q == "" || strings.Contains(l.keys[i], q)) {
			into = append(into, i)
		}
	}
	return into
}

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

// Index returns the position of a registrant in All, or -1.
func (l *RegistrantList) Index(id core.ID) int {
	for i := range l.All {
		if l.All[i].ID == id {
			return i
		}
	}
	return -1
}

// Put replaces a registrant the list holds, or appends a new one, after an
// engine call changed it.
func (l *RegistrantList) Put(r core.Registrant) {
	if i := l.Index(r.ID); i >= 0 {
		l.All[i], l.keys[i] = r, searchKey(&r)
		return
	}
	l.All = append(l.All, r)
	l.keys = append(l.keys, searchKey(&r))
}
