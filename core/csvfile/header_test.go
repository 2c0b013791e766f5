package csvfile

import "testing"

func TestHeaderKey(t *testing.T) {
	for in, want := range map[string]string{
		"Join Time":            "jointime",
		"join_time":            "jointime",
		" JOIN-TIME ":          "jointime",
		"\uFEFFJoin\u00A0time": "jointime",
		"E-mail":               "email",
		"Prénom":               "prénom",
		"Duration (Minutes)":   "durationminutes",
		"":                     "",
	} {
		if got := HeaderKey(in); got != want {
			t.Errorf("HeaderKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeadingsLookup(t *testing.T) {
	h := NewHeadings(map[string]int{"Join time": 1, "Duration (minutes)": 2, "Duration (seconds)": 3, "duration": 2, "Email": 4})
	for in, want := range map[string]int{
		"Join Time":          1,
		"join_time":          1,
		"JOIN TIME (UTC)":    1,
		"Join time [GMT]":    1,
		"DURATION (MINUTES)": 2,
		"Duration (seconds)": 3,
		"Duration (hh:mm)":   2,
		"E-mail (work)":      4,
		"Leave time":         0,
		"(UTC)":              0,
	} {
		if got, ok := h.Lookup(in); got != want || ok != (want != 0) {
			t.Errorf("Lookup(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for in, want := range map[string]string{"JOIN TIME (UTC)": "utc", "Join time [GMT+1]": "gmt1", "Join time": "", "x)": ""} {
		if got := Note(in); got != want {
			t.Errorf("Note(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewHeadingsRefusesClash(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for two meanings of one heading")
		}
	}()
	NewHeadings(map[string]string{"Join time": "join", "join_time": "leave"})
}
