package engine_test

import (
	"context"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

func TestAddRegistrantComparesEmailsIgnoringCaseAndSpaces(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	first := mustAdd(t, eng, ev.ID, "Ann@Example.org", "Ann", "Archer")
	_, _, err := eng.AddRegistrant(ctx, ev.ID, core.Registrant{Email: "  ann@EXAMPLE.org "})
	wantCode(t, err, core.ECONFLICT)
	if list, _ := eng.Registrants(ctx, ev.ID); len(list) != 1 || list[0].ID != first.ID {
		t.Fatalf("registrants = %+v; want only Ann", list)
	}
}

func TestCancelledPersonRegisteringAgainIsReactivated(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "")
	if _, err := eng.CancelByEmail(ctx, ev.ID, "ANN@example.org"); err != nil {
		t.Fatal(err)
	}
	again, outcome, err := eng.AddRegistrant(ctx, ev.ID, core.Registrant{Email: "ann@example.org", LastName: "Archer"})
	if err != nil || outcome != engine.Reactivated {
		t.Fatalf("AddRegistrant = %v, %v; want Reactivated", outcome, err)
	}
	if again.ID != ann.ID || !again.Active() || !again.CancelledAt.IsZero() || again.Name() != "Ann Archer" {
		t.Fatalf("re-registered = %+v; want the same person, active, with the new last name", again)
	}
	if list, _ := eng.Registrants(ctx, ev.ID); len(list) != 1 {
		t.Fatalf("re-registering duplicated the person: %d registrants", len(list))
	}
}

func TestUpdateRegistrantValidatesAndKeepsStatus(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "")
	bob := mustAdd(t, eng, ev.ID, "bob@example.org", "Bob", "")
	edit := ann
	edit.Email, edit.Status = "bob@", core.StatusCancelled
	_, err := eng.UpdateRegistrant(ctx, edit)
	wantCode(t, err, core.EINVALID)
	edit.Email = "BOB@example.org"
	_, err = eng.UpdateRegistrant(ctx, edit)
	wantCode(t, err, core.ECONFLICT)
	edit.Email = "ann.archer@example.org"
	saved, err := eng.UpdateRegistrant(ctx, edit)
	if err != nil || saved.Status != core.StatusRegistered {
		t.Fatalf("UpdateRegistrant = %+v, %v; status must not change through an edit", saved, err)
	}
	if r, err := eng.RegistrantByEmail(ctx, ev.ID, "Ann.Archer@example.org"); err != nil || r.ID != ann.ID {
		t.Fatalf("new email not found: %v", err)
	}
	if _, err := eng.RegistrantByEmail(ctx, ev.ID, "ann@example.org"); core.ErrorCode(err) != core.ENOTFOUND {
		t.Fatalf("old email still found: %v", err)
	}
	_ = bob
}

func TestManualCheckInAndUndo(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "")
	r, err := eng.CheckInManually(ctx, ev.ID, ann.ID)
	if err != nil || r.CheckIn == nil || r.CheckIn.Source != core.SourceManual {
		t.Fatalf("check-in = %+v, %v", r.CheckIn, err)
	}
	if r, _ = eng.UndoCheckIn(ctx, ev.ID, ann.ID); r.CheckIn != nil {
		t.Fatalf("undo left %+v", r.CheckIn)
	}
	if stored, _ := eng.Registrant(ctx, ev.ID, ann.ID); stored.CheckIn != nil {
		t.Fatalf("undo not stored")
	}
}
