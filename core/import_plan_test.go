package core

import (
	"reflect"
	"testing"
)

func TestRegistrantChangesNameEachChangedField(t *testing.T) {
	old := Registrant{FirstName: "Ann", Email: "ann@example.org", Source: "web"}
	updated := Registrant{FirstName: "Ann", LastName: "Lee", Email: "ann@example.org", Source: "newsletter", ExternalID: ""}
	got := RegistrantChanges(old, updated)
	want := []FieldChange{{"Last name", "", "Lee"}, {"Source", "web", "newsletter"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("changes = %+v, want %+v", got, want)
	}
	line := ImportLine{Changes: got}
	if text := line.ChangesText(); text != "Last name: – → Lee; Source: web → newsletter" {
		t.Errorf("ChangesText = %q", text)
	}
	if RegistrantChanges(old, old) != nil {
		t.Error("no change listed changes")
	}
}

func TestImportSummaryCountsInTheRightNumber(t *testing.T) {
	one := &ImportPlan{New: 1, Duplicates: make([]ImportLine, 1), Invalid: make([]ImportLine, 2)}
	if got, want := one.Summary(), "1 new, 0 updated, 0 re-registered, 0 unchanged, 1 duplicate line skipped, 2 invalid lines skipped."; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	one.Sheet = "People"
	if got, want := one.Summary(), "1 new, 0 updated, 0 re-registered, 0 unchanged, 1 duplicate row skipped, 2 invalid rows skipped."; got != want {
		t.Errorf("workbook Summary = %q, want %q", got, want)
	}
	if one.Place(14) != "row 14" {
		t.Errorf("Place = %q", one.Place(14))
	}
}

func TestImportLinePerson(t *testing.T) {
	for _, tt := range []struct {
		line ImportLine
		want string
	}{
		{ImportLine{Name: "Ann Lee", Email: "ann@example.org"}, "Ann Lee <ann@example.org>"},
		{ImportLine{Name: "ann@example.org", Email: "ann@example.org"}, "ann@example.org"},
		{ImportLine{Name: "Cy Dee"}, "Cy Dee"},
		{ImportLine{}, ""},
	} {
		if l, want := tt.line, tt.want; l.Person() != want {
			got := l.Person()
			t.Errorf("Person(%+v) = %q, want %q", l, got, want)
		}
	}
}
