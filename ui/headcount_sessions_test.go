package ui

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// A sequence's headcount shows the attendees × sessions grid: who was at
// which session, for how long, counted or not, and how many they
// attended; staff are not in it, and an event held once has no Sessions tab.
func TestHeadcountShowsTheSessionsGridOfASequence(t *testing.T) {
	u, eng, db := newTestUIWithStore(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Three-part course")
	once := createEvent(t, eng, "One-off talk")
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	bob := addPerson(t, eng, ev, "Bob", "bob@example.org")
	day := func(k int) time.Time { return ev.Start.AddDate(0, 0, 7*k) }
	sess := func(k, minutes int) core.ParticipantSession {
		return core.ParticipantSession{Instance: "s" + string(rune('1'+k)), FirstJoin: day(k), Minutes: minutes, Attended: minutes >= 30}
	}
	people := []core.Participant{
		{EventID: ev.ID, Name: "Ann Test", Email: ann.Email, RegistrantID: ann.ID, Sessions: []core.ParticipantSession{sess(2, 50), sess(0, 45), sess(1, 40)}},
		{EventID: ev.ID, Name: "Bob Test", Email: bob.Email, RegistrantID: bob.ID, Sessions: []core.ParticipantSession{sess(0, 10), sess(2, 35)}},
		{EventID: ev.ID, Name: "Hal Host", Email: "host@office.example", Role: core.RoleHost, Sessions: []core.ParticipantSession{sess(0, 60), sess(1, 60)}},
		{EventID: once.ID, Name: "Ann Test", Email: ann.Email, Sessions: []core.ParticipantSession{sess(0, 45)}},
	}
	err := db.Update(ctx, func(tx core.Tx) error {
		for i := range people {
			if err := tx.PutParticipant(&people[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	h := u.OpenEvent(ev, ScreenHeadcount).headcount
	u.wait()
	g := h.sessions
	if !slices.Contains(h.listTabs.Items, g.tab) || g.tab.Text != "Sessions (3)" {
		t.Fatalf("no Sessions tab for a three-session event (tabs %d, %q)", len(h.listTabs.Items), g.tab.Text)
	}
	if len(g.people) != 2 {
		t.Fatalf("grid rows %d, want Ann and Bob (not the host)", len(g.people))
	}
	row := func(name string) int {
		for i, p := range g.people {
			if p.Name == name {
				return i
			}
		}
		t.Fatalf("%s is not in the grid", name)
		return -1
	}
	a, b := row("Ann Test"), row("Bob Test")
	want := map[[2]int]string{
		{a, 2}: "✓ 45 min", {a, 3}: "✓ 40 min", {a, 4}: "✓ 50 min", {a, 5}: "3 of 3",
		{b, 2}: "10 min", {b, 3}: "—", {b, 4}: "✓ 35 min", {b, 5}: "1 of 3",
	}
	for at, text := range want {
		if got := g.text(at[0], at[1]); got != text {
			t.Errorf("row %d column %d = %q, want %q", at[0], at[1], got, text)
		}
	}

	// A long sequence leaves the email out, so the sessions fit.
	var many []core.ParticipantSession
	for k := range 8 {
		many = append(many, sess(k, 40))
	}
	if !g.show([]core.Participant{{Name: "Ann Test", Email: ann.Email, Sessions: many}}) || g.text(0, 1) != "✓ 40 min" ||
		g.text(0, 9) != "8 of 8" {
		t.Fatalf("eight sessions: first cell %q, last %q", g.text(0, 1), g.text(0, 9))
	}

	h1 := u.OpenEvent(once, ScreenHeadcount).headcount
	u.wait()
	if slices.Contains(h1.listTabs.Items, h1.sessions.tab) {
		t.Fatal("an event held once shows a Sessions tab")
	}
}
