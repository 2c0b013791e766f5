package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core/provider/providertest"
)

// A provider that only registers itself (core/provider/providertest, a
// test-only package) shows up in help, in "provider list" and in "account
// add", and its accounts link events and take pushes: the command line
// and the engine name no provider.
func TestRegisteredTestProviderWorksThroughTheCommandLine(t *testing.T) {
	data := dataFile(t)
	help := mustRun(t, "help")
	if !strings.Contains(help, "turnout account add confcall --name N --client-id ID (--client-secret S | --client-secret-stdin)") {
		t.Fatalf("help does not offer the test provider's account form:\n%s", help)
	}
	if strings.Contains(help, "account connect confcall") {
		t.Error("help offers a browser sign-in the test provider does not have")
	}
	list := mustRun(t, "provider", "list")
	if !strings.Contains(list, "confcall") || !strings.Contains(list, providertest.Label) || !strings.Contains(list, "keys") {
		t.Fatalf("provider list lacks the test provider:\n%s", list)
	}
	code, _, errOut := run(t, "--data", data, "account", "add", "confcall", "--name", "CC", "--client-id", "c")
	if code != 1 || !strings.Contains(errOut, "Client secret is required; find them on ConfCall's developer page.") {
		t.Fatalf("account add without the secret: exit %d, %q", code, errOut)
	}
	var out, stderr bytes.Buffer
	if code := Main([]string{"--data", data, "account", "add", "confcall", "--name", "CC", "--client-id", "c", "--client-secret-stdin"},
		strings.NewReader("s3cret\n"), &out, &stderr); code != 0 {
		t.Fatalf("account add confcall: exit %d: %s", code, stderr.String())
	}
	id := strings.TrimSpace(mustRun(t, "--data", data, "event", "add", "--account", "CC", "--xid", "R7"))
	show := mustRun(t, "--data", data, "event", "show", id)
	if !strings.Contains(show, "ConfCall room R7") || !strings.Contains(show, "https://confcall.example/r/R7") {
		t.Fatalf("the linked event was not filled from the test provider:\n%s", show)
	}
	mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", "ann@example.org")
	mustRun(t, "--data", data, "push", "--event", id)
	if n := providertest.Service().Registrants("R7"); n != 1 {
		t.Errorf("the test provider holds %d registrants for the room, want 1", n)
	}
}
