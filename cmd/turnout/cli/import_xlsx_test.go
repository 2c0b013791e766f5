package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core/coretest"
)

func TestRegistrantImportFromAWorkbookNamesRowsPeopleAndChanges(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann")
	book := filepath.Join(t.TempDir(), "people.xlsx")
	coretest.WriteRegistrantsXLSX(t, book,
		[3]string{"Ann", "Lee", "ann@example.org"},   // row 2: known, gains a last name
		[3]string{"Bob", "Ray", "bob@example.org"},   // row 3: new
		[3]string{"Cy", "Dee", "cy.example.org"},     // row 4: invalid
		[3]string{"Bobby", "Ray", "BOB@example.org"}, // row 5: repeats row 3
	)

	out := mustRun(t, "--data", data, "registrant", "import", "--event", id, book, "--dry-run")
	for _, want := range []string{
		"Would import: 1 new, 1 updated, 0 re-registered, 0 unchanged, 1 duplicate row skipped, 1 invalid row skipped.",
		`Read the sheet "Registrants".`,
		"  row 4: Cy Dee <cy.example.org> — Email \"cy.example.org\" is not a valid address",
		"  row 5: Bobby Ray <BOB@example.org> — Repeats BOB@example.org from row 3; only the first is used.",
		"Changed:\n  row 2: Ann Lee <ann@example.org> — Last name: – → Lee\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}

	var plan struct {
		New     int    `json:"new"`
		Sheet   string `json:"sheet"`
		Changed []struct {
			Line    int `json:"line"`
			Changes []struct{ Field, Old, New string }
		} `json:"changed"`
		Invalid []struct {
			Line  int    `json:"line"`
			Name  string `json:"name"`
			Email string `json:"email"`
		} `json:"invalid"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "--data", data, "--json", "registrant", "import", "--event", id, "--skip-invalid", book)), &plan); err != nil {
		t.Fatal(err)
	}
	if plan.New != 1 || plan.Sheet != "Registrants" || len(plan.Changed) != 1 || len(plan.Changed[0].Changes) != 1 ||
		plan.Changed[0].Changes[0].Field != "Last name" || plan.Changed[0].Changes[0].New != "Lee" ||
		len(plan.Invalid) != 1 || plan.Invalid[0].Line != 4 || plan.Invalid[0].Name != "Cy Dee" {
		t.Fatalf("import --json = %+v", plan)
	}
	list := mustRun(t, "--data", data, "registrant", "list", "--event", id)
	if !strings.Contains(list, "Ann Lee") || !strings.Contains(list, "bob@example.org") || strings.Contains(list, "cy.example.org") {
		t.Errorf("registrants after the import:\n%s", list)
	}
}
