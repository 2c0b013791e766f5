package core

import (
	"slices"
	"testing"
)

func TestChangeMergeJoinsIDsThenSaysMany(t *testing.T) {
	c := Change{EventID: 7, Kind: ChangeReminders, RegistrantIDs: []ID{5, 2}}
	c.Merge(Change{EventID: 7, Kind: ChangeSync, RegistrantIDs: []ID{2, 9}})
	if !slices.Equal(c.RegistrantIDs, []ID{2, 5, 9}) || !c.Has(ChangeReminders) || !c.Has(ChangeSync) || c.Has(ChangeCheckIn) {
		t.Fatalf("merged = %+v", c)
	}
	many := make([]ID, MaxChangeIDs)
	for i := range many {
		many[i] = ID(100 + i)
	}
	c.Merge(Change{Kind: ChangeRegistrants, RegistrantIDs: many})
	if !c.Many || c.RegistrantIDs != nil || !c.Registrants() {
		t.Fatalf("past MaxChangeIDs: %+v", c)
	}
	c.Merge(Change{RegistrantIDs: []ID{1}})
	if !c.Many || c.RegistrantIDs != nil {
		t.Fatalf("Many is kept: %+v", c)
	}
	if (Change{Kind: ChangeEvent}).Registrants() {
		t.Error("an event-only change names registrants")
	}
}

func TestRegistrantListIndexAndPasses(t *testing.T) {
	l := NewRegistrantList([]Registrant{
		{ID: 2, FirstName: "Ann", Email: "ann@example.org", Status: StatusRegistered},
		{ID: 4, FirstName: "Bob", Email: "bob@example.org", Status: StatusCancelled},
		{ID: 9, FirstName: "Cy", Email: "cy@example.org", Status: StatusRegistered},
	})
	l.Put(Registrant{ID: 3, FirstName: "Dee", Email: "dee@example.org", Status: StatusRegistered}) // out of ID order
	for id, want := range map[ID]int{2: 0, 4: 1, 9: 2, 3: 3, 5: -1} {
		if got := l.Index(id); got != want {
			t.Errorf("Index(%d) = %d, want %d", id, got, want)
		}
	}
	if !l.Passes(0, FilterActive, " ANN ") || l.Passes(1, FilterActive, "") || !l.Passes(1, FilterCancelled, "bob@") {
		t.Error("Passes disagrees with the filter")
	}
	if got := l.Filter(FilterActive, "e", nil); !slices.Equal(got, []int{0, 2, 3}) {
		t.Errorf("Filter = %v", got)
	}
}
