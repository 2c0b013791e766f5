package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Issue 12, defect 1: "export --out <the data file>" wrote the export over
// it and exited 0, also through "dir/../dir/turnout.db".
func TestExportAndBackupRefuseTheDataFile(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org")
	dir := filepath.Dir(data)
	for _, out := range []string{data, filepath.Join(dir, "..", filepath.Base(dir), "turnout.db"), filepath.Join(dir, "turnout.log")} {
		for _, args := range [][]string{{"export", "--event", id, "--format", "csv", "--out", out, "--force"}, {"backup", "--out", out, "--force"}} {
			code, _, errOut := run(t, append([]string{"--data", data}, args...)...)
			if code == 0 || !strings.Contains(strings.ToLower(errOut), "choose another name") {
				t.Errorf("%s: exit %d, %q; want a refusal", strings.Join(args, " "), code, errOut)
			}
		}
	}
	if list := mustRun(t, "--data", data, "registrant", "list", "--event", id); !strings.Contains(list, "ann@example.org") {
		t.Fatalf("the data file lost its registrant:\n%s", list)
	}
}

func TestExportAsksForceBeforeReplacingAFile(t *testing.T) {
	data := dataFile(t)
	id := addEvent(t, data)
	out := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(out, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"export", "--event", id, "--format", "csv", "--out", out}, {"backup", "--out", out}} {
		code, _, errOut := run(t, append([]string{"--data", data}, args...)...)
		if code == 0 || !strings.Contains(errOut, out) || !strings.Contains(errOut, "--force") {
			t.Errorf("%s: exit %d, %q; want a message naming the file and --force", args[0], code, errOut)
		}
	}
	if b, _ := os.ReadFile(out); string(b) != "keep me" {
		t.Fatalf("the file was replaced without --force: %q", b)
	}
	mustRun(t, "--data", data, "export", "--event", id, "--format", "csv", "--out", out, "--force")
	if b, _ := os.ReadFile(out); !strings.Contains(string(b), "First name") {
		t.Fatalf("--force did not replace the file: %q", b)
	}
}
