package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The Staff card adds and removes addresses and domains of the office's
// staff list; a wrong entry says how to write it and adds nothing.
func TestSettingsStaffCard(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	u.ShowSettings()
	u.wait()
	s := u.settings.staff
	if len(s.list) != 0 || len(s.rows.Objects) != 1 {
		t.Fatalf("a new data file lists %q", s.list)
	}
	test.Type(s.entry, "@Riverside.example.org")
	test.Tap(s.addBtn)
	u.wait()
	test.Type(s.entry, "temp@helpers.org")
	s.entry.OnSubmitted(s.entry.Text) // Enter adds too
	u.wait()
	if list, _ := eng.ListStaff(ctx); len(list) != 2 || list[0] != "@riverside.example.org" || len(s.rows.Objects) != 2 || s.entry.Text != "" {
		t.Fatalf("after adding: saved %q, card shows %d rows, entry %q", list, len(s.rows.Objects), s.entry.Text)
	}
	test.Type(s.entry, "riverside")
	test.Tap(s.addBtn)
	u.wait()
	if top := u.win.Canvas().Overlays().Top(); top == nil {
		t.Error("a wrong entry showed no message")
	}
	if list, _ := eng.ListStaff(ctx); len(list) != 2 {
		t.Errorf("a wrong entry changed the list: %q", list)
	}
	s.onRemove("temp@helpers.org")
	u.wait()
	if list, _ := eng.ListStaff(ctx); len(list) != 1 || len(s.rows.Objects) != 1 || s.list[0] != "@riverside.example.org" {
		t.Errorf("after removing: saved %q, card shows %q", list, s.list)
	}
}
