package engine_test

import (
	"context"
	"sync"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/provider/zoom/zoomfake"
)

// Undo of "Add as registrant" puts the walk-in back as it was: the
// registrant and their check-in are gone from the list and the headcount,
// the suggestion is offered again and the address is free to add again.
// Two Undos racing each other: exactly one wins. A registrant another
// join was matched to since is not removed.
func TestUndoAddWalkInPutsTheWalkInBack(t *testing.T) {
	f := newCheckInFixture(t, core.AttendanceRule{}, []string{"ann.lee@x.org", "bo.kim@x.org"})
	ctx := context.Background()
	f.fake.Hold(ciMeeting, zoomfake.Instance{UUID: "i1==", Start: f.start, Joins: []zoomfake.Join{
		f.join("Ann Lee", "ann@home.org", "", 0, 40),
		f.join("Zed New", "zed@new.org", "", 0, 30),
		f.join("Phone", "", "", 5, 25)}})
	f.clock.Set(f.at(120))
	res, err := f.eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]core.Participant{}
	for _, p := range res.WalkIns {
		byName[p.Name] = p
	}
	ann := byName["Ann Lee"]
	if len(ann.Suggestions) == 0 {
		t.Fatalf("Ann's walk-in has no suggestion to restore: %+v", ann)
	}
	before, _ := f.eng.Report(ctx, f.ev.ID)

	added, err := f.eng.AddWalkInAsRegistrant(ctx, f.ev.ID, ann.ID, core.Registrant{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	var back core.Participant
	for i := range errs {
		wg.Go(func() {
			p, err := f.eng.UndoAddWalkIn(ctx, f.ev.ID, ann.ID)
			if err == nil {
				back = p
			}
			errs[i] = err
		})
	}
	wg.Wait()
	done, refused := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			done++
		case core.ErrorCode(err) == core.ECONFLICT:
			refused++
		}
	}
	if done != 1 || refused != 1 {
		t.Fatalf("two racing Undos: %v / %v, want one done and one refused as a conflict", errs[0], errs[1])
	}

	if _, err := f.eng.Registrant(ctx, f.ev.ID, added.ID); core.ErrorCode(err) != core.ENOTFOUND {
		t.Errorf("the added registrant is still there: %v", err)
	}
	after, _ := f.eng.Report(ctx, f.ev.ID)
	if after.Registered != before.Registered || after.Attended != before.Attended {
		t.Errorf("headcount after Undo: %d registered, %d attended; before the add %d, %d",
			after.Registered, after.Attended, before.Registered, before.Attended)
	}
	walkIns, _ := f.eng.WalkIns(ctx, f.ev.ID)
	var found *core.Participant
	for i := range walkIns {
		if walkIns[i].ID == ann.ID {
			found = &walkIns[i]
		}
	}
	if found == nil || found.MatchMethod != core.MatchNone || len(found.Suggestions) == 0 ||
		found.Suggestions[0].RegistrantID != ann.Suggestions[0].RegistrantID || back.ID != ann.ID {
		t.Fatalf("Ann is not a walk-in with her suggestion again: %+v", found)
	}
	if _, err := f.eng.AddWalkInAsRegistrant(ctx, f.ev.ID, ann.ID, core.Registrant{}); err != nil {
		t.Fatalf("adding Ann again after Undo: %v", err)
	}

	// Zed gets a second join matched to him: Undo would orphan it.
	zed, err := f.eng.AddWalkInAsRegistrant(ctx, f.ev.ID, byName["Zed New"].ID, core.Registrant{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.MatchWalkIn(ctx, f.ev.ID, byName["Phone"].ID, zed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.eng.UndoAddWalkIn(ctx, f.ev.ID, byName["Zed New"].ID); core.ErrorCode(err) != core.ECONFLICT {
		t.Fatalf("Undo with another join matched to Zed: %v, want a conflict", err)
	}
	if _, err := f.eng.Registrant(ctx, f.ev.ID, zed.ID); err != nil {
		t.Errorf("a refused Undo removed Zed: %v", err)
	}
}
