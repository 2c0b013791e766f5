package engine_test

import (
	"context"
	"testing"

	"github.com/turnout-app/turnout/core/engine"
)

func TestRegistrantListFiltersAndSearches(t *testing.T) {
	eng, ev := seedAttendance(t) // ann, bob, cy attended; di absent; ed cancelled
	l, err := eng.RegistrantList(context.Background(), ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	names := func(idx []int) string {
		s := ""
		for _, i := range idx {
			s += l.All[i].FirstName + " "
		}
		return s
	}
	tests := []struct {
		filter engine.Filter
		query  string
		want   string
	}{
		{engine.FilterAll, "", "ann bob cy di ed "},
		{engine.FilterActive, "", "ann bob cy di "},
		{engine.FilterCancelled, "", "ed "},
		{engine.FilterAttended, "", "ann bob cy "},
		{engine.FilterAbsent, "", "di "},
		{engine.FilterAll, "  BOB@EXAMPLE ", "bob "},
		{engine.FilterAttended, "di", ""},
	}
	for _, tt := range tests {
		if got := names(l.Filter(tt.filter, tt.query, nil)); got != tt.want {
			t.Errorf("Filter(%s, %q) = %q, want %q", tt.filter, tt.query, got, tt.want)
		}
	}
	ann := l.All[0]
	ann.FirstName = "Annabel"
	l.Put(ann)
	if got := names(l.Filter(engine.FilterAll, "annabel", nil)); got != "Annabel " || len(l.All) != 5 || l.Active() != 4 {
		t.Fatalf("after Put: %q, %d registrants, %d active", got, len(l.All), l.Active())
	}
}
