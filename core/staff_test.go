package core

import "testing"

func TestStaffEntries(t *testing.T) {
	for in, want := range map[string]string{
		" Ann.Lee@Riverside.Example.org ": "ann.lee@riverside.example.org",
		"@Riverside.Example.org":          "@riverside.example.org",
	} {
		if got, err := NormalizeStaffEntry(in); err != nil || got != want {
			t.Errorf("NormalizeStaffEntry(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "@", "@nodot", "ann", "ann@"} {
		if got, err := NormalizeStaffEntry(bad); err == nil {
			t.Errorf("NormalizeStaffEntry(%q) = %q, want an error", bad, got)
		}
	}
	list := []string{"@riverside.example.org", "bo@x.org"}
	for email, want := range map[string]bool{
		"Cy@RIVERSIDE.example.org": true, "BO@x.org": true, "al@x.org": false,
		"al@sub.riverside.example.org": false, "": false, "riverside.example.org": false,
	} {
		if got := OnStaffList(list, email); got != want {
			t.Errorf("OnStaffList(%q) = %v, want %v", email, got, want)
		}
	}
}
