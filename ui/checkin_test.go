package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
)

// The button runs the check-in; the result view's decisions reach the
// engine: a confirmed suggestion checks the registrant in, a walk-in added
// as registrant is registered and checked in, a rejected suggestion is
// remembered, "Match to…" ties a walk-in to the chosen registrant.
func TestCheckInButtonAndWalkInDecisions(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Alumni webinar")
	cy := addPerson(t, eng, ev, "Cy", "cy@example.org")    // joins under another email, same name
	dee := addPerson(t, eng, ev, "Dee", "dee@example.org") // matched by hand to a phone
	eve := addPerson(t, eng, ev, "Eve", "eve@example.org") // wrongly suggested
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org") // clicked: a click, not attendance (the report decides)
	at := ev.Start.Format("01/02/2006 03:04:05 PM")
	report := "Name,User Email,Join Time,Duration (Minutes)\n" +
		"Cy Test,cy@home.net," + at + ",40\n" +
		"Zed New,zed@new.org," + at + ",30\n" +
		"Eve Other,eve@gmail.com," + at + ",20\n" +
		"Phone 555,," + at + ",25\n"
	if _, err := eng.ImportAttendeeReport(ctx, ev.ID, strings.NewReader(report), nil); err != nil {
		t.Fatal(err)
	}
	if err := eng.RecordClicks(ctx, []core.Click{{EventID: ev.ID, RegistrantID: ann.ID, At: ev.Start.Add(-time.Minute)}}); err != nil {
		t.Fatal(err)
	}

	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	h := view.headcount
	test.Tap(h.checkInBtn)
	u.wait()
	v := h.checkIn
	if v == nil {
		t.Fatal("no check-in result shown")
	}
	if !strings.Contains(v.summary.Text, "not counted as attendance") {
		t.Errorf("summary %q does not say clicks are not attendance for a report-based event", v.summary.Text)
	}
	if len(v.walkIns) != 4 || v.list.Length() != 4 {
		t.Fatalf("walk-ins listed: %d", len(v.walkIns))
	}
	index := func(name string) int {
		for i, p := range v.walkIns {
			if p.Name == name {
				return i
			}
		}
		t.Fatalf("%s is not listed", name)
		return -1
	}
	cyRow := index("Cy Test")
	if len(v.walkIns[cyRow].Suggestions) == 0 || v.walkIns[cyRow].Suggestions[0].RegistrantID != cy.ID {
		t.Fatalf("Cy's suggestions %+v", v.walkIns[cyRow].Suggestions)
	}
	v.onConfirm(cyRow)
	u.wait()
	v.onAddAsRegistrant(index("Zed New"))
	u.wait()
	v.onReject(index("Eve Other"))
	u.wait()
	// "Match to…" lists those still absent (Dee, Eve, Ann); typing narrows.
	v.onMatchTo(index("Phone 555"))
	if n := v.matchTo.list.Length(); n != 3 {
		t.Fatalf("Match to… lists %d registrants, want the 3 still absent", n)
	}
	test.Type(v.matchTo.search, "DEE@")
	if n := v.matchTo.list.Length(); n != 1 {
		t.Fatalf("typing “DEE@” left %d registrants listed, want Dee alone", n)
	}
	v.matchTo.list.Select(0)
	if v.matchTo.chosen != dee.ID {
		t.Fatalf("picked %d, want Dee (%d)", v.matchTo.chosen, dee.ID)
	}
	tapDialogButton(t, u, "Match")
	u.wait()

	regs, err := eng.Registrants(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]core.Registrant{}
	for _, r := range regs {
		byEmail[r.Email] = r
	}
	if r := byEmail["cy@example.org"]; !r.Attended() || r.CheckIn.Minutes != 40 || len(r.Aliases) == 0 {
		t.Errorf("Cy after Confirm: %+v", r)
	}
	if r, ok := byEmail["zed@new.org"]; !ok || !r.Attended() {
		t.Errorf("Zed after Add as registrant: %+v", r)
	}
	if r := byEmail["dee@example.org"]; !r.Attended() || r.CheckIn.Minutes != 25 {
		t.Errorf("Dee after Match to…: %+v", r)
	}
	if byEmail["eve@example.org"].Attended() {
		t.Error("Eve was checked in on a rejected suggestion")
	}
	log, _ := eng.AuditLog(ctx, ev.ID, eve.ID)
	if len(log) != 1 || log[0].Action != "reject match" {
		t.Errorf("Eve's audit %+v", log)
	}
	if len(v.walkIns) != 1 || v.walkIns[0].Name != "Eve Other" || len(v.walkIns[0].Suggestions) != 0 {
		t.Errorf("walk-ins left in the view: %+v", v.walkIns)
	}
	if h.report.Attended != 3 || h.report.Clicked != 1 || byEmail["ann@example.org"].Attended() {
		t.Errorf("headcount attended %d, clicked %d; want 3 (Cy, Zed, Dee) and Ann's click only counted as a click",
			h.report.Attended, h.report.Clicked)
	}
}

// "Add as registrant" acts at once and says so with an Undo in the
// dialog; Undo removes the new registrant and lists the walk-in again.
func TestAddWalkInAsRegistrantOffersUndo(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Alumni webinar")
	addPerson(t, eng, ev, "Ann", "ann@example.org")
	at := ev.Start.Format("01/02/2006 03:04:05 PM")
	report := "Name,User Email,Join Time,Duration (Minutes)\nZed New,zed@new.org," + at + ",30\n"
	if _, err := eng.ImportAttendeeReport(ctx, ev.ID, strings.NewReader(report), nil); err != nil {
		t.Fatal(err)
	}
	h := u.OpenEvent(ev, ScreenHeadcount).headcount
	u.wait()
	test.Tap(h.checkInBtn)
	u.wait()
	v := h.checkIn
	if len(v.walkIns) != 1 {
		t.Fatalf("walk-ins %+v", v.walkIns)
	}

	v.onAddAsRegistrant(0)
	u.wait()
	regs, _ := eng.Registrants(ctx, ev.ID)
	if len(regs) != 2 || h.report.Attended != 1 || len(v.walkIns) != 0 {
		t.Fatalf("after Add: %d registrants, %d attended, %d walk-ins", len(regs), h.report.Attended, len(v.walkIns))
	}
	if !v.undo.visible() || v.undo.message.Text != "Zed New added to the registrants and checked in (30 min)." {
		t.Fatalf("Add as registrant said %q (Undo offered: %v)", v.undo.message.Text, v.undo.visible())
	}

	test.Tap(v.undo.undoBtn)
	u.wait()
	regs, _ = eng.Registrants(ctx, ev.ID)
	if len(regs) != 1 || h.report.Attended != 0 {
		t.Fatalf("after Undo: %d registrants, %d attended; want Ann alone and nobody attended", len(regs), h.report.Attended)
	}
	if len(v.walkIns) != 1 || v.walkIns[0].Name != "Zed New" || v.undo.visible() {
		t.Fatalf("after Undo the walk-ins are %+v (Undo still offered: %v)", v.walkIns, v.undo.visible())
	}

	// Match to…: typing leaves Ann alone and Enter matches.
	v.onMatchTo(0)
	test.Type(v.matchTo.search, "ann")
	v.matchTo.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	u.wait()
	if len(v.walkIns) != 0 || h.report.Attended != 1 {
		t.Fatalf("Enter in Match to… did not match Zed to Ann: %d walk-ins, %d attended", len(v.walkIns), h.report.Attended)
	}
}
