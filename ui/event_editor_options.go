package ui

import (
	"slices"
	"time"

	"github.com/turnout-app/turnout/core"
)

// The choices the event editor's drop-downs offer.

func accountLabel(a core.Account) string {
	if a.Sandbox {
		return a.Name + " (Sandbox)"
	}
	return a.Name
}

// selectedAccount is the chosen account's ID, zero for none.
func (ed *EventEditor) selectedAccount() core.ID {
	for _, a := range ed.accounts {
		if accountLabel(a) == ed.account.Selected {
			return a.ID
		}
	}
	return 0
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func zoneOptions(zones ...string) []string {
	out := slices.Clone(commonZones)
	for _, z := range zones {
		if z != "" && !slices.Contains(out, z) {
			out = append([]string{z}, out...)
		}
	}
	return out
}

func durationOptions(d time.Duration) []string {
	var out []string
	choices := durationChoices
	if d > 0 && !slices.Contains(choices, d) {
		choices = append(slices.Clone(choices), d)
		slices.Sort(choices)
	}
	for _, c := range choices {
		out = append(out, duration(c))
	}
	return out
}

func leadOptions(d time.Duration) []string {
	choices := leadChoices
	if d > 0 && !slices.Contains(choices, d) {
		choices = append(slices.Clone(choices), d)
		slices.Sort(choices)
	}
	var out []string
	for _, c := range choices {
		out = append(out, leadText(c))
	}
	return out
}
