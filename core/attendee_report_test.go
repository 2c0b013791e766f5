package core

import (
	"reflect"
	"testing"
)

func TestAttendeeReportPlanLines(t *testing.T) {
	p := AttendeeReportPlan{Layout: "Zoom webinar attendee report", Rows: 1, People: 1, Registered: 0, WalkIns: 1, Staff: 0,
		Skipped: []SkippedLine{{Line: 7, Reason: "registered but marked as not attended"}}}
	want := []string{"Zoom webinar attendee report: 1 line read, 1 person.", "Registered: 0", "Walk-ins: 1",
		"Staff (hosts, panelists, organizers, presenters): 0", "Skipped lines: 1", "  line 7: registered but marked as not attended"}
	if got := p.Lines(); !reflect.DeepEqual(got, want) {
		t.Errorf("lines %q\nwant %q", got, want)
	}
}
