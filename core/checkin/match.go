package checkin

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/turnout-app/turnout/core"
)

// ClickWindow is how long before a no-email guest joined a registrant's
// reminder click still suggests that the guest is them.
const ClickWindow = 15 * time.Minute

// MaxSuggestions bounds the suggestions kept per participant.
const MaxSuggestions = 3

// Confidences of the single reasons; several reasons combine as
// independent evidence (1 − Π(1 − c)).
const (
	confAliasEmail = 0.9
	confAliasName  = 0.75
	confSameName   = 0.7
	confLocalPart  = 0.6
	confClick      = 0.5
)

// Matcher ties attendees to an event's registrants: for sure by provider
// registrant ID or email, otherwise only as suggestions.
type Matcher struct {
	regs    []core.Registrant
	byRID   map[string]int32
	byEmail map[string]int32
	byName  map[string][]int32
	byLocal map[string][]int32
	byAlias map[string][]int32 // alias email key or normalised alias name
	clicks  []click            // sorted by time
}

type click struct {
	at  time.Time
	reg int32
}

// NewMatcher indexes the active registrants. aliases (may be nil) maps a
// registrant's EmailKey to the aliases remembered across events, in
// addition to Registrant.Aliases. clicks (may be nil) gives each
// registrant's reminder-click times.
func NewMatcher(regs []core.Registrant, aliases map[string][]string, clicks map[core.ID][]time.Time) *Matcher {
	m := &Matcher{byRID: make(map[string]int32, len(regs)), byEmail: make(map[string]int32, len(regs)),
		byName: make(map[string][]int32, len(regs)), byLocal: make(map[string][]int32, len(regs)),
		byAlias: map[string][]int32{}}
	for _, r := range regs {
		if !r.Active() {
			continue
		}
		i := int32(len(m.regs))
		m.regs = append(m.regs, r)
		if rid := strings.TrimSpace(r.Sync.RegistrantID); rid != "" {
			m.byRID[rid] = i
		}
		key := core.EmailKey(r.Email)
		if key != "" {
			m.byEmail[key] = i
			if lp := localPart(key); lp != "" {
				m.byLocal[lp] = append(m.byLocal[lp], i)
			}
		}
		if nm := NormName(r.Name()); nm != "" && nm != NormName(r.Email) {
			m.byName[nm] = append(m.byName[nm], i)
		}
		for _, al := range append(slices.Clip(r.Aliases), aliases[key]...) {
			k := aliasKey(al)
			if k != "" && !slices.Contains(m.byAlias[k], i) {
				m.byAlias[k] = append(m.byAlias[k], i)
			}
		}
		for _, at := range clicks[r.ID] {
			m.clicks = append(m.clicks, click{at, i})
		}
	}
	slices.SortFunc(m.clicks, func(a, b click) int { return a.at.Compare(b.at) })
	return m
}

// aliasKey is how an alias is looked up: an email by EmailKey, a name by
// NormName.
func aliasKey(s string) string {
	if strings.Contains(s, "@") {
		return "e:" + core.EmailKey(s)
	}
	if n := NormName(s); n != "" {
		return "n:" + n
	}
	return ""
}

func localPart(emailKey string) string {
	if i := strings.LastIndexByte(emailKey, '@'); i > 0 {
		return emailKey[:i]
	}
	return ""
}

// Registrant returns the indexed registrant with this ID.
func (m *Matcher) Registrant(id core.ID) (core.Registrant, bool) {
	i, ok := slices.BinarySearchFunc(m.regs, id, func(r core.Registrant, id core.ID) int { return cmp.Compare(r.ID, id) })
	if ok {
		return m.regs[i], true
	}
	for _, r := range m.regs { // registrants not in ID order
		if r.ID == id {
			return r, true
		}
	}
	return core.Registrant{}, false
}

// Match finds the registrant an attendee surely is: by the provider's
// registrant ID, then by any of their emails. ok is false for a walk-in.
func (m *Matcher) Match(a Attendee) (r core.Registrant, method core.MatchMethod, ok bool) {
	if a.RegistrantID != "" {
		if i, found := m.byRID[a.RegistrantID]; found {
			return m.regs[i], core.MatchRegistrantID, true
		}
	}
	for _, e := range a.Emails {
		if i, found := m.byEmail[e]; found {
			return m.regs[i], core.MatchEmail, true
		}
	}
	return core.Registrant{}, core.MatchNone, false
}

// Suggest lists the registrants an unmatched attendee might be, best
// first, each with its reasons and a confidence; registrants in skip are
// left out (rejected by staff).
func (m *Matcher) Suggest(a Attendee, skip []core.ID) []core.Suggestion {
	type cand struct {
		reasons []string
		miss    float64 // Π(1 − c)
	}
	found := map[int32]*cand{}
	add := func(i int32, conf float64, reason string) {
		if slices.Contains(skip, m.regs[i].ID) {
			return
		}
		c := found[i]
		if c == nil {
			c = &cand{miss: 1}
			found[i] = c
		}
		if slices.Contains(c.reasons, reason) {
			return
		}
		c.reasons = append(c.reasons, reason)
		c.miss *= 1 - conf
	}
	name := NormName(a.Name)
	for _, e := range a.Emails {
		for _, i := range m.byAlias["e:"+e] {
			add(i, confAliasEmail, fmt.Sprintf("%s is a remembered alternate email of this registrant", e))
		}
		lp := localPart(e)
		for _, i := range m.byLocal[lp] {
			if core.EmailKey(m.regs[i].Email) != e {
				add(i, confLocalPart, fmt.Sprintf("Email %s has the same name part as %s", e, m.regs[i].Email))
			}
		}
	}
	if name != "" {
		for _, i := range m.byName[name] {
			reason := "Same name, no email given"
			if len(a.Emails) > 0 {
				reason = "Same name, different email (" + m.regs[i].Email + ")"
			}
			add(i, confSameName, reason)
		}
		for _, i := range m.byAlias["n:"+name] {
			add(i, confAliasName, fmt.Sprintf("%q is a remembered display name of this registrant", a.Name))
		}
	}
	if len(a.Emails) == 0 && a.RegistrantID == "" && !a.FirstJoin.IsZero() && len(m.clicks) > 0 {
		from := a.FirstJoin.Add(-ClickWindow)
		lo, _ := slices.BinarySearchFunc(m.clicks, from, func(c click, t time.Time) int { return c.at.Compare(t) })
		var near []click
		for _, c := range m.clicks[lo:] {
			if c.at.After(a.FirstJoin) {
				break
			}
			if !slices.ContainsFunc(near, func(n click) bool { return n.reg == c.reg }) {
				near = append(near, c)
			}
		}
		for _, c := range near {
			mins := int(math.Round(a.FirstJoin.Sub(c.at).Minutes()))
			conf := confClick / float64(len(near)) // several clickers: weaker
			add(c.reg, conf, fmt.Sprintf("Clicked the reminder link %d minutes before this guest (no email) joined", mins))
		}
	}
	out := make([]core.Suggestion, 0, len(found))
	for i, c := range found {
		r := m.regs[i]
		conf := math.Round(min(1-c.miss, 0.99)*100) / 100
		out = append(out, core.Suggestion{RegistrantID: r.ID, Name: r.Name(), Email: r.Email, Reasons: c.reasons,
			Confidence: conf})
	}
	slices.SortFunc(out, func(x, y core.Suggestion) int {
		if c := cmp.Compare(y.Confidence, x.Confidence); c != 0 {
			return c
		}
		return cmp.Compare(x.RegistrantID, y.RegistrantID)
	})
	if len(out) > MaxSuggestions {
		out = out[:MaxSuggestions]
	}
	return out
}
