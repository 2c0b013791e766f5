package core

import "testing"

func TestRegistrantCountsAddAndRemove(t *testing.T) {
	var c RegistrantCounts
	ann := Registrant{Status: StatusRegistered, Reminder: ReminderState{Status: ReminderSent}, Clicks: 1,
		CheckIn: &CheckIn{Source: SourceProvider, Minutes: 40}}
	bob := Registrant{Status: StatusCancelled, Reminder: ReminderState{Status: ReminderSent}}
	cy := Registrant{Status: StatusRegistered, CheckIn: &CheckIn{Source: SourceManual}}
	for _, r := range []Registrant{ann, bob, cy} {
		c.Add(r, 1)
	}
	want := RegistrantCounts{Total: 3, Cancelled: 1, Reminded: 1, Clicked: 1, ByProvider: 1, ByManual: 1, Minutes: 40}
	if c != want || c.Active() != 2 || c.Attended() != 2 || c.AttendedBy(SourceProvider) != 1 {
		t.Fatalf("counts = %+v, want %+v", c, want)
	}
	// Ann cancels: replacing her takes all her numbers with her.
	cancelled := ann
	cancelled.Status = StatusCancelled
	c.Add(ann, -1)
	c.Add(cancelled, 1)
	want = RegistrantCounts{Total: 3, Cancelled: 2, ByManual: 1}
	if c != want {
		t.Fatalf("after cancel = %+v, want %+v", c, want)
	}
}
