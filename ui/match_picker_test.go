package ui

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/turnout-app/turnout/core"
)

// With 20,000 registrants each keystroke narrows the list at once, only
// people still absent are offered, and a choice the search hides is
// dropped.
func TestMatchPickerSearchesThousandsAsStaffType(t *testing.T) {
	test.NewTempApp(t)
	all := make([]core.Registrant, 20000)
	for i := range all {
		all[i] = core.Registrant{ID: core.ID(i + 1), FirstName: fmt.Sprintf("Person%05d", i), LastName: "Test",
			Email: fmt.Sprintf("p%05d@example.org", i), Status: core.StatusRegistered}
	}
	all[7].CheckIn = &core.CheckIn{Source: core.SourceManual} // already in: not a choice
	all[8].Status = core.StatusCancelled                      // cancelled: not a choice
	p := newMatchPicker(core.NewRegistrantList(all))
	if n := p.list.Length(); n != 19998 {
		t.Fatalf("lists %d, want the 19,998 active and absent", n)
	}

	p.list.Select(0)
	if p.chosen != all[0].ID {
		t.Fatalf("picked %d", p.chosen)
	}
	start := time.Now()
	test.Type(p.search, "p0001") // five keystrokes, five filters
	perKey := time.Since(start) / 5
	if n := p.list.Length(); n != 10 {
		t.Fatalf("“p0001” leaves %d, want p00010…p00019", n)
	}
	if p.chosen != 0 {
		t.Error("a choice the search hides is still chosen")
	}
	test.Type(p.search, "7")
	if p.choice() != all[17].ID {
		t.Errorf("the only one left is not the choice: %d", p.choice())
	}
	t.Logf("%v per keystroke over %d registrants", perKey, len(all))
	if perKey > 250*time.Millisecond {
		t.Errorf("%v per keystroke: too slow to type into", perKey)
	}
}
