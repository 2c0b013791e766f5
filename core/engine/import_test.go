package engine_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
)

func previewFile(t *testing.T, eng *engine.Engine, eventID core.ID, path string) *engine.ImportPlan {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	plan, err := eng.PreviewImport(context.Background(), eventID, f)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestImportTwelveRowsWithTwoInvalidAndOneDuplicate(t *testing.T) {
	// The same list as CSV and as a workbook LibreOffice saved from it.
	for file, word := range map[string]string{"registrants-12.csv": "line", "registrants-12.xlsx": "row"} {
		t.Run(file, func(t *testing.T) { testImportTwelveRows(t, "testdata/"+file, word) })
	}
}

func testImportTwelveRows(t *testing.T, path, word string) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)

	plan := previewFile(t, eng, ev.ID, path)
	if plan.New != 9 || len(plan.Invalid) != 2 || len(plan.Duplicates) != 1 {
		t.Fatalf("preview: %s", plan.Summary())
	}
	if want := "9 new, 0 updated, 0 re-registered, 0 unchanged, 1 duplicate " + word + " skipped, 2 invalid " + word + "s skipped."; plan.Summary() != want {
		t.Errorf("summary = %q, want %q", plan.Summary(), want)
	}
	if plan.Invalid[0].Line != 4 || plan.Invalid[1].Line != 9 {
		t.Errorf("invalid lines = %d, %d; want 4 and 9", plan.Invalid[0].Line, plan.Invalid[1].Line)
	}
	if bad := plan.Invalid[1]; bad.Person() != "Gus Grant <not-an-email>" {
		t.Errorf("invalid %s shows %q; want the person as written", plan.Place(bad.Line), bad.Person())
	}
	if d := plan.Duplicates[0]; d.Line != 6 || !strings.Contains(d.Reason, word+" 2") {
		t.Errorf("duplicate = %+v; want %s 6 repeating %s 2", d, word, word)
	}
	if list, _ := eng.Registrants(ctx, ev.ID); len(list) != 0 {
		t.Fatalf("preview wrote %d registrants", len(list))
	}

	// Invalid lines stop the import, nothing written, naming the first,
	// until staff choose to skip them.
	if _, err := eng.ApplyImport(ctx, plan, nil); core.ErrorCode(err) != core.EINVALID ||
		!strings.Contains(core.ErrorMessage(err), "Nothing was imported: "+word+" 4 (and 1 more "+word+") cannot be imported: Email \"carla@example\"") {
		t.Fatalf("apply with invalid lines not skipped: %v", err)
	}
	if list, _ := eng.Registrants(ctx, ev.ID); len(list) != 0 {
		t.Fatalf("a refused import wrote %d registrants", len(list))
	}
	plan.SkipInvalid = true
	done, err := eng.ApplyImport(ctx, plan, nil)
	if err != nil || done.New != 9 {
		t.Fatalf("apply: %v, %+v", err, done)
	}
	list, _ := eng.Registrants(ctx, ev.ID)
	if len(list) != 9 {
		t.Fatalf("stored %d registrants, want 9", len(list))
	}
	if list[0].Email != "ann@example.org" || list[0].Name() != "Ann Archer" || list[0].Source != "newsletter" {
		t.Errorf("first registrant = %+v; the first line of a duplicate pair wins", list[0])
	}

	again := previewFile(t, eng, ev.ID, "testdata/registrants-12.csv")
	again.SkipInvalid = true
	again, err = eng.ApplyImport(ctx, again, nil)
	if err != nil || again.New != 0 || again.Unchanged != 9 {
		t.Fatalf("re-import: %v, %s; want all 9 unchanged", err, again.Summary())
	}
}

func TestImportUpdatesAndReactivatesKnownPeople(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev := newEvent(t, eng)
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "")
	bob := mustAdd(t, eng, ev.ID, "bob@example.org", "Bob", "Baker")
	if _, err := eng.CancelRegistrant(ctx, ev.ID, bob.ID); err != nil {
		t.Fatal(err)
	}
	csv := "email,first,last,source\nANN@example.org,Ann,Archer,newsletter\nbob@example.org,,,\n"
	plan, err := eng.PreviewImport(ctx, ev.ID, strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	if plan.Updated != 1 || plan.Reactivated != 1 || plan.New != 0 {
		t.Fatalf("plan: %s", plan.Summary())
	}
	// What each update changes, for the preview and the command line; the
	// empty cells of Bob's line keep his details.
	if len(plan.Changed) != 2 || plan.Changed[0].Line != 2 || plan.Changed[1].Action != core.ImportReactivate || plan.Changed[1].Changes != nil {
		t.Fatalf("changed lines = %+v", plan.Changed)
	}
	if got, want := plan.Changed[0].ChangesText(), "Last name: – → Archer; Source: – → newsletter"; got != want {
		t.Errorf("Ann's changes = %q, want %q", got, want)
	}
	if plan.Lines[0].ChangesText() != plan.Changed[0].ChangesText() {
		t.Errorf("the preview line of Ann lacks the changes: %+v", plan.Lines[0])
	}
	if _, err := eng.ApplyImport(ctx, plan, nil); err != nil {
		t.Fatal(err)
	}
	a, _ := eng.Registrant(ctx, ev.ID, ann.ID)
	b, _ := eng.Registrant(ctx, ev.ID, bob.ID)
	if a.Name() != "Ann Archer" || a.Email != "ann@example.org" || !b.Active() || b.Name() != "Bob Baker" {
		t.Fatalf("after import: %+v / %+v", a, b)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	eng, _ := newEngine(t)
	ev := newEvent(t, eng)
	var sb strings.Builder
	sb.WriteString("Email,Name\n")
	for i := range 5000 {
		fmt.Fprintf(&sb, "p%d@example.org,Person %d\n", i, i)
	}
	plan, err := eng.PreviewImport(context.Background(), ev.ID, strings.NewReader(sb.String()))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = eng.ApplyImport(ctx, plan, func(done, total int) {
		if done >= 3000 {
			cancel() // staff press Cancel part way through
		}
	})
	wantCode(t, err, core.EINVALID)
	if list, _ := eng.Registrants(context.Background(), ev.ID); len(list) != 0 {
		t.Fatalf("a cancelled import left %d registrants", len(list))
	}
}

func TestImportRefusesAFileWithoutEmailColumn(t *testing.T) {
	eng, _ := newEngine(t)
	ev := newEvent(t, eng)
	_, err := eng.PreviewImport(context.Background(), ev.ID, strings.NewReader("First,Last\nAnn,Archer\n"))
	wantCode(t, err, core.EINVALID)
	if !strings.Contains(core.ErrorMessage(err), "Email") {
		t.Fatalf("message %q does not say an Email column is needed", core.ErrorMessage(err))
	}
}
