package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/store"
)

// Issue 12, defect 11: "registrant list" printed the escape sequences
// stored in names; a source of any length was stored.
func TestRegistrantTextIsLimitedAndNeverPrintedRaw(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org", "--first", "Ann\x1b[2J\x1b[31m", "--last", "Lee\u202e")
	code, _, errOut := run(t, "--data", data, "registrant", "add", "--event", id, "--email", "bob@example.org", "--source", strings.Repeat("s", 600))
	if code == 0 || !strings.Contains(errOut, "The source is 600 characters long; a source can have at most 500.") {
		t.Errorf("long source: exit %d, %q", code, errOut)
	}
	csv := filepath.Join(t.TempDir(), "people.csv")
	body := "First name,Last name,Email,Source\nCy,Doe,cy@example.org," + strings.Repeat("x", 501) + "\nDi,Eve,di@example.org,fair\n"
	if err := os.WriteFile(csv, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	// An invalid line stops the import unless --skip-invalid (issue 12).
	out := mustRun(t, "--data", data, "registrant", "import", "--event", id, csv, "--skip-invalid")
	if !strings.Contains(out, "line 2: cy@example.org — The source is 501 characters long") {
		t.Errorf("import did not name the long source:\n%s", out)
	}

	// A name stored raw (before this check, or by another program) is
	// shown escaped.
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(context.Background(), func(tx core.Tx) error {
		r := core.Registrant{EventID: core.ID(1), Email: "raw@example.org", FirstName: "Raw\x1b]0;owned\x07", LastName: "\u202eC1\u009b", Status: core.StatusRegistered}
		return tx.PutRegistrant(&r)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	list := mustRun(t, "--data", data, "registrant", "list", "--event", id)
	if strings.ContainsAny(list, "\x1b\x07\u202e\u009b") {
		t.Errorf("registrant list printed control characters raw: %q", list)
	}
	for _, want := range []string{"Ann[2J[31m Lee", `Raw\x1b]0;owned\x07`, "di@example.org"} {
		if !strings.Contains(list, want) {
			t.Errorf("registrant list lacks %q:\n%s", want, list)
		}
	}
	var listed []core.Registrant
	asJSON := mustRun(t, "--data", data, "--json", "registrant", "list", "--event", id)
	if err := json.Unmarshal([]byte(asJSON), &listed); err != nil || strings.ContainsAny(asJSON, "\x1b\x07\u202e\u009b") {
		t.Errorf("--json: %v, %q", err, asJSON)
	}
	if strings.Contains(list, "cy@example.org") {
		t.Error("the row with the long source was imported")
	}
}
