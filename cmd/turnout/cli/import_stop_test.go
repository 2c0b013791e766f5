package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestABrokenLineStopsTheImportUnlessSkipped: before, one unclosed quote
// in front of 100,000 good rows imported "0 new … 1 invalid lines
// skipped" and exited 0. Now every good row is read, the broken line is
// named and nothing is written until staff choose --skip-invalid.
func TestABrokenLineStopsTheImportUnlessSkipped(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	var b strings.Builder
	b.WriteString("First name,Last name,Email\nAnn,\"Lee,ann@example.org\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "Person%d,Tester,person%d@example.org\n", i, i)
	}
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := run(t, "--data", data, "registrant", "import", "--event", id, csv)
	if code != 1 || !strings.Contains(out, "line 2:") || !strings.Contains(out, "quote that is never closed") ||
		!strings.Contains(errOut, "Nothing was imported: 1 line cannot be imported") || !strings.Contains(errOut, "--skip-invalid") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if list := mustRun(t, "--data", data, "registrant", "list", "--event", id); strings.Contains(list, "person1@example.org") {
		t.Fatal("a stopped import wrote registrants")
	}

	out = mustRun(t, "--data", data, "registrant", "import", "--event", id, "--skip-invalid", csv)
	if !strings.Contains(out, "Imported: 1000 new") || !strings.Contains(out, "1 invalid line skipped") {
		t.Fatalf("import with --skip-invalid:\n%s", out)
	}
}
