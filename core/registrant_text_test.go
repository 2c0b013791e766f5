package core_test

import (
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// Issue 12, defect 11: email, source and external ID had no length limit
// (a 2,000,000-character source was stored) and control characters in
// names were stored as they came.
func TestRegistrantValidateLimitsLengthsSayingWhatToFix(t *testing.T) {
	ok := func() core.Registrant { return core.Registrant{Email: "ann@example.org", FirstName: "Ann"} }
	cases := []struct {
		name   string
		change func(r *core.Registrant)
		want   string
	}{
		{"email", func(r *core.Registrant) { r.Email = strings.Repeat("a", 288) + "@example.org" },
			"The email is 300 characters long; an address can have at most 254."},
		{"first name", func(r *core.Registrant) { r.FirstName = strings.Repeat("é", 201) },
			"The first name is 201 characters long; a name can have at most 200."},
		{"last name", func(r *core.Registrant) { r.LastName = strings.Repeat("x", 250) },
			"The last name is 250 characters long; a name can have at most 200."},
		{"source", func(r *core.Registrant) { r.Source = strings.Repeat("s", 2_000_000) },
			"The source is 2,000,000 characters long; a source can have at most 500."},
		{"external ID", func(r *core.Registrant) { r.ExternalID = strings.Repeat("9", 501) },
			"The external ID is 501 characters long; an external ID can have at most 500."},
	}
	for _, c := range cases {
		r := ok()
		c.change(&r)
		if err := r.Validate(); core.ErrorMessage(err) != c.want {
			t.Errorf("%s: %q, want %q", c.name, core.ErrorMessage(err), c.want)
		}
	}
	// At the limit is fine; accented letters count as one character.
	r := ok()
	r.FirstName, r.Source, r.ExternalID = strings.Repeat("é", 200), strings.Repeat("s", 500), strings.Repeat("9", 500)
	r.Email = strings.Repeat("a", 242) + "@example.org"
	if err := r.Validate(); err != nil {
		t.Errorf("fields at their limits: %v", err)
	}
}

func TestRegistrantValidateRemovesControlCharacters(t *testing.T) {
	r := core.Registrant{Email: "ann@example.org", FirstName: "Ann\x1b[2J\x1b[31m", LastName: "Lee\u202egnp.exe",
		Source: "Spring\tfair\r\nbooth\x00", ExternalID: "\x07CRM-12\x9b"}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if r.FirstName != "Ann[2J[31m" || r.LastName != "Leegnp.exe" || r.Source != "Spring fair  booth" || r.ExternalID != "CRM-12" {
		t.Errorf("cleaned: %q %q %q %q", r.FirstName, r.LastName, r.Source, r.ExternalID)
	}
	if got := core.PlainText("Zoë Ångström 李"); got != "Zoë Ångström 李" {
		t.Errorf("ordinary text changed: %q", got)
	}
}
