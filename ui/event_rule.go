package ui

import (
	"slices"
	"strings"

	"github.com/turnout-app/turnout/core"
)

// The event editor's attendance rule: who counts as attended.

// ruleChoices are the attendance rules the editor offers; an event's own
// rule is added when it is another.
var ruleChoices = []core.AttendanceRule{{}, {Minutes: 5}, {Minutes: 10}, {Minutes: 15}, {Minutes: 30},
	{Percent: 50}, {Percent: 75}}

func ruleLabel(r core.AttendanceRule) string {
	s := r.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func ruleLabels(own *core.AttendanceRule) []string {
	choices := ruleChoices
	if own != nil && !slices.Contains(choices, *own) {
		choices = append(slices.Clone(choices), *own)
	}
	out := make([]string, len(choices))
	for i, r := range choices {
		out[i] = ruleLabel(r)
	}
	return out
}

func (ed *EventEditor) selectedRule() core.AttendanceRule {
	for _, r := range append(slices.Clone(ruleChoices), ed.base.Attendance) {
		if ruleLabel(r) == ed.attendance.Selected {
			return r
		}
	}
	return core.AttendanceRule{}
}
