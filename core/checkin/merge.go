// Package checkin turns a provider's participant report into attendees and
// matches them to registrants: merging each person's join segments,
// applying the event's attendance rule, and suggesting (never deciding)
// uncertain matches. It is pure: no store, no network, standard library
// only, so every rule is tested with plain tables.
package checkin

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/turnout-app/turnout/core"
)

// Attendee is one person of a participant report after merging their join
// segments (rejoins, dropped connections, a second device).
type Attendee struct {
	// Key identifies the person: "rid:" + provider registrant ID, else
	// "email:" + EmailKey, else "name:" + normalised name.
	Key          string
	Name         string
	Email        string
	RegistrantID string   // provider registrant ID, when any segment had one
	Emails       []string // every distinct email key seen (second devices)
	FirstJoin    time.Time
	LastLeave    time.Time
	// Duration is the time present: overlapping segments count once.
	Duration time.Duration
	Segments int
	Sessions []Session // one per held instance, in order of first join
	// Role is the staff role of the person's rows when every row carries
	// one; someone also present on an attendee row is an attendee, and
	// counts once, as one.
	Role core.StaffRole
}

// Minutes is Duration in whole minutes (rounded down, so never more than
// the span from first join to last leave).
func (a Attendee) Minutes() int { return int(a.Duration / time.Minute) }

// Session is an attendee's presence in one held instance.
type Session struct {
	Instance  string
	FirstJoin time.Time
	LastLeave time.Time
	Duration  time.Duration
	Attended  bool // met the rule's per-session threshold (set by Apply)
}

// Minutes is Duration in whole minutes.
func (s Session) Minutes() int { return int(s.Duration / time.Minute) }

// Ready reports whether a report can be trusted: an empty report, or one
// where nobody has any duration yet, is "not ready" (Zoom fills durations
// in after it has processed the meeting), not "nobody came".
func Ready(rows []core.JoinRow) bool {
	for _, r := range rows {
		if span(r) > 0 {
			return true
		}
	}
	return false
}

// NormName is the form under which names are compared: lower case, single
// spaces, without a trailing "(…)" such as "(she/her)" or "(Guest)".
func NormName(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '.' || r == ','
	}), " ")
}

// exactName is a name with case and spacing evened out only.
func exactName(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// segment is one row placed in time.
type segment struct {
	instance    string
	join, leave time.Time
}

// span is a row's [join, leave) length: from the times when both are
// known, else the reported duration.
func span(r core.JoinRow) time.Duration {
	if !r.JoinTime.IsZero() && !r.LeaveTime.IsZero() {
		return max(r.LeaveTime.Sub(r.JoinTime), 0)
	}
	return max(r.Duration, 0)
}

// place gives a row its interval. Rows with only a duration are placed at
// their join time (or at the zero time, alone in their instance).
func place(r core.JoinRow) segment {
	s := segment{instance: r.Instance, join: r.JoinTime, leave: r.LeaveTime}
	if s.leave.IsZero() || s.leave.Before(s.join) {
		s.leave = s.join.Add(max(r.Duration, 0))
	}
	if r.JoinTime.IsZero() && !r.LeaveTime.IsZero() {
		s.join = r.LeaveTime.Add(-max(r.Duration, 0))
		s.leave = r.LeaveTime
	}
	return s
}

// Merge groups rows by person and merges each person's segments. Rows
// that share a provider registrant ID or an email are one person; a row
// with neither joins the one identified person of the same name, if there
// is exactly one, else the others of that name. Attendees come back in
// order of first appearance.
func Merge(rows []core.JoinRow) []Attendee {
	n := len(rows)
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	var find func(int32) int32
	find = func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra == rb {
			return
		}
		if ra > rb {
			ra, rb = rb, ra
		}
		parent[rb] = ra // the earliest row is the root: stable order
	}
	byID := make(map[string]int32, n)
	link := func(key string, i int32) {
		if j, ok := byID[key]; ok {
			union(i, j)
		} else {
			byID[key] = i
		}
	}
	var anonymous []int32
	for i := range rows {
		r := &rows[i]
		rid, email := strings.TrimSpace(r.RegistrantID), core.EmailKey(r.Email)
		if rid != "" {
			link("rid:"+rid, int32(i))
		}
		if email != "" {
			link("email:"+email, int32(i))
		}
		if rid == "" && email == "" {
			anonymous = append(anonymous, int32(i))
		}
	}
	// Names of identified people: a name shared by two of them is ambiguous.
	if len(anonymous) > 0 {
		named := map[string]int32{}
		for i := range rows {
			if rows[i].RegistrantID == "" && core.EmailKey(rows[i].Email) == "" {
				continue
			}
			nm := NormName(rows[i].Name)
			if nm == "" {
				continue
			}
			root := find(int32(i))
			if j, ok := named[nm]; ok && find(j) != root {
				named[nm] = -1
			} else if !ok {
				named[nm] = root
			}
		}
		for _, i := range anonymous {
			nm := NormName(rows[i].Name)
			if j, ok := named[nm]; ok && j >= 0 && nm != "" {
				union(i, j)
			} else {
				// "iPhone (12)" and "iPhone (31)" are two devices: keep
				// what NormName drops.
				link("name:"+exactName(rows[i].Name), i)
			}
		}
	}
	groups := make(map[int32][]int32, n)
	order := make([]int32, 0, n)
	for i := range rows {
		root := find(int32(i))
		if _, ok := groups[root]; !ok {
			order = append(order, root)
		}
		groups[root] = append(groups[root], int32(i))
	}
	out := make([]Attendee, 0, len(order))
	segs := make([]segment, 0, 8)
	for _, root := range order {
		segs = segs[:0]
		a := Attendee{}
		asAttendee := false
		for _, i := range groups[root] {
			r := &rows[i]
			if r.Role == "" {
				asAttendee = true
			} else if a.Role == "" {
				a.Role = r.Role
			}
			if a.RegistrantID == "" && strings.TrimSpace(r.RegistrantID) != "" {
				a.RegistrantID = strings.TrimSpace(r.RegistrantID)
			}
			if k := core.EmailKey(r.Email); k != "" {
				if a.Email == "" {
					a.Email = strings.TrimSpace(r.Email)
				}
				if !slices.Contains(a.Emails, k) {
					a.Emails = append(a.Emails, k)
				}
			}
			if a.Name == "" || (isDeviceName(a.Name) && !isDeviceName(r.Name)) {
				a.Name = strings.TrimSpace(r.Name)
			}
			segs = append(segs, place(*r))
		}
		if asAttendee {
			a.Role = ""
		}
		a.Segments = len(segs)
		switch {
		case a.RegistrantID != "":
			a.Key = "rid:" + a.RegistrantID
		case a.Email != "":
			a.Key = "email:" + core.EmailKey(a.Email)
		default:
			a.Key = "name:" + exactName(a.Name)
		}
		mergeSegments(&a, segs)
		out = append(out, a)
	}
	return out
}

// isDeviceName tells the names Zoom gives unnamed devices ("iPhone",
// "Galaxy S21", a phone number) that a real name should replace.
func isDeviceName(s string) bool {
	l := strings.ToLower(s)
	for _, d := range []string{"iphone", "ipad", "android", "galaxy", "phone", "guest"} {
		if strings.Contains(l, d) {
			return true
		}
	}
	return strings.TrimLeft(s, "+0123456789 ()-") == ""
}

// mergeSegments sets the times and durations of a from its segments:
// per instance, and overall as the union of every segment so that
// overlapping devices count once.
func mergeSegments(a *Attendee, segs []segment) {
	slices.SortFunc(segs, func(x, y segment) int {
		if c := x.join.Compare(y.join); c != 0 {
			return c
		}
		return x.leave.Compare(y.leave)
	})
	a.FirstJoin, a.LastLeave = segs[0].join, segs[0].leave
	var curStart, curEnd time.Time
	open := false
	for _, s := range segs {
		if s.leave.After(a.LastLeave) {
			a.LastLeave = s.leave
		}
		if !open || s.join.After(curEnd) {
			if open {
				a.Duration += curEnd.Sub(curStart)
			}
			curStart, curEnd, open = s.join, s.leave, true
		} else if s.leave.After(curEnd) {
			curEnd = s.leave
		}
		// Sessions, in order of first join.
		idx := slices.IndexFunc(a.Sessions, func(x Session) bool { return x.Instance == s.instance })
		if idx < 0 {
			a.Sessions = append(a.Sessions, Session{Instance: s.instance, FirstJoin: s.join, LastLeave: s.leave})
			idx = len(a.Sessions) - 1
		} else if s.leave.After(a.Sessions[idx].LastLeave) {
			a.Sessions[idx].LastLeave = s.leave
		}
	}
	if open {
		a.Duration += curEnd.Sub(curStart)
	}
	if len(a.Sessions) == 1 {
		a.Sessions[0].Duration = a.Duration
		return
	}
	for i := range a.Sessions {
		var d time.Duration
		var start, end time.Time
		open = false
		for _, s := range segs {
			if s.instance != a.Sessions[i].Instance {
				continue
			}
			if !open || s.join.After(end) {
				if open {
					d += end.Sub(start)
				}
				start, end, open = s.join, s.leave, true
			} else if s.leave.After(end) {
				end = s.leave
			}
		}
		if open {
			d += end.Sub(start)
		}
		a.Sessions[i].Duration = d
	}
}

// Apply evaluates the rule for an attendee of an event whose sessions are
// scheduled to last scheduled each. It marks the sessions that count and
// reports whether the person attended; present but false is "joined
// briefly".
func (a *Attendee) Apply(rule core.AttendanceRule, scheduled time.Duration) bool {
	need := rule.Threshold(scheduled)
	counted := 0
	for i := range a.Sessions {
		a.Sessions[i].Attended = a.Sessions[i].Duration >= need
		if a.Sessions[i].Attended {
			counted++
		}
	}
	return counted >= rule.NeedSessions()
}

// Instances lists the held instances in the rows, in order of their first
// join.
func Instances(rows []core.JoinRow) []string {
	first := map[string]time.Time{}
	var out []string
	for _, r := range rows {
		t, ok := first[r.Instance]
		if !ok {
			out = append(out, r.Instance)
		}
		if j := place(r).join; !ok || j.Before(t) {
			first[r.Instance] = j
		}
	}
	slices.SortStableFunc(out, func(x, y string) int { return first[x].Compare(first[y]) })
	return out
}
