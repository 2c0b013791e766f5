package cli

import (
	"encoding/csv"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
)

var gotoToken = regexp.MustCompile(`gts[ar]\.[A-Za-z0-9_-]{20,}`)

// TestGoToEndToEndWithHeadlessChromium: connect a GoTo organizer through
// headless Chromium (the system browser), import its webinars a year back
// and ahead, link a webinar by its key, push 200 registrants (5 already at
// GoTo: linked), cancel 3 (deleted at GoTo), let the webinar end, check
// in and export; the client secret and the tokens appear nowhere.
func TestGoToEndToEndWithHeadlessChromium(t *testing.T) {
	t.Setenv("BROWSER", headlessBrowser(t))
	fake := gotofake.New(gotofake.Options{ClientID: "office-goto-client", ClientSecret: "goto-Secret-9Xq2-never-shown", Now: coretest.Now})
	fake.SetAutoConsent("allow")
	now := coretest.Now().UTC().Truncate(time.Minute)
	past := fake.AddWebinar(gotofake.Webinar{Subject: "Spring alumni panel", Times: []gotofake.Range{{Start: now.Add(-60 * 24 * time.Hour), End: now.Add(-60*24*time.Hour + time.Hour)}}})
	fake.AddWebinar(gotofake.Webinar{Subject: "Too old to import", Times: []gotofake.Range{{Start: now.Add(-500 * 24 * time.Hour), End: now.Add(-500*24*time.Hour + time.Hour)}}})
	fake.AddSequence("Grant writing course", time.Hour, now.Add(7*24*time.Hour), now.Add(14*24*time.Hour), now.Add(21*24*time.Hour))
	who := seen{pattern: gotoToken}
	srv := httptest.NewServer(who.wrap(fake.Handler()))
	defer srv.Close()
	data := dataFile(t)
	port := freePort(t)
	const secret = "goto-Secret-9Xq2-never-shown"

	var all strings.Builder // every output, searched for secrets at the end
	step := func(stdin string, args ...string) string {
		t.Helper()
		code, out, errOut := runIn(t, stdin, append([]string{"--data", data}, args...)...)
		all.WriteString(out + errOut)
		if code != 0 {
			t.Fatalf("turnout %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errOut)
		}
		return out
	}
	out := step(secret+"\n", "account", "connect", "gotowebinar", "--name", "Alumni GoTo", "--client-id", "office-goto-client",
		"--client-secret-stdin", "--oauth-url", srv.URL, "--api-url", srv.URL+"/G2W/rest/v2", "--port", strconv.Itoa(port), "--timeout", "60s")
	if !strings.Contains(out, `Account "Alumni GoTo" connected as `+fake.Email()) {
		t.Fatalf("connect: %s", out)
	}
	who.mu.Lock()
	agents := strings.Join(who.agents, "\n")
	who.mu.Unlock()
	if !strings.Contains(agents, "HeadlessChrome") || !strings.Contains(agents, "POST ") {
		t.Errorf("the authorize page was not answered by Chromium:\n%s", agents)
	}
	if st := fake.Stats(); st.Exchanges != 1 {
		t.Errorf("emulator saw %+v", st)
	}
	// The organizer key came from the token response, exactly (above 2^53).
	listing := step("", "--json", "account", "list")
	if !strings.Contains(listing, `"organizer_key": "8439885694023999999"`) {
		t.Errorf("the organizer key was not kept exactly: %s", listing)
	}

	out = step("", "event", "import", "--account", "Alumni GoTo")
	if !strings.Contains(out, "2 events added") || !strings.Contains(out, "Spring alumni panel") ||
		!strings.Contains(out, "Grant writing course") || strings.Contains(out, "Too old") {
		t.Fatalf("import: %s", out)
	}
	_ = past

	// A webinar set up after the import, linked by its key.
	wk := fake.AddWebinar(gotofake.Webinar{Key: 8439885694023000777, Subject: "Planned giving webinar",
		Times: []gotofake.Range{{Start: now.Add(48 * time.Hour), End: now.Add(49 * time.Hour)}}})
	id := strings.TrimSpace(step("", "event", "add", "--provider", "gotowebinar", "--xid", strconv.FormatInt(wk, 10), "--account", "Alumni GoTo"))
	if show := step("", "event", "show", id); !strings.Contains(show, "Planned giving webinar") {
		t.Fatalf("linked event: %s", show)
	}
	for i := range 5 {
		fake.Register(wk, "Early", "Bird", fmt.Sprintf("person%d@example.org", i*40))
	}
	people := filepath.Join(t.TempDir(), "people.csv")
	writeBigCSV(t, people, 200)
	step("", "registrant", "import", "--event", id, people)
	out = step("", "push", "--event", id)
	if !strings.Contains(out, "0 couldn't be registered, 0 still waiting") {
		t.Fatalf("push: %s", out)
	}
	st := fake.Stats()
	if n := len(fake.Registrants(wk)); n != 200 || st.Created != 195 || st.Conflicts != 5 {
		t.Fatalf("GoTo has %d registrants (%d created, %d conflicts); want 200, 195, 5", n, st.Created, st.Conflicts)
	}
	// Registrant keys (above 2^53) are exact in the JSON output.
	regJSON := step("", "--json", "registrant", "list", "--event", id)
	for _, x := range fake.Registrants(wk)[:3] {
		if x.Key <= 1<<53 || !strings.Contains(regJSON, `"`+strconv.FormatInt(x.Key, 10)+`"`) {
			t.Fatalf("registrant key %d is not in the JSON listing exactly", x.Key)
		}
	}
	emails := readEmails(t, people)
	for _, e := range emails[1:4] {
		step("", "registrant", "cancel", "--event", id, "--email", e)
	}
	step("", "push", "--event", id)
	if n := len(fake.Registrants(wk)); n != 197 || fake.Stats().Deletes != 3 {
		t.Fatalf("GoTo has %d registrants after 3 cancellations", n)
	}

	// The webinar ends: it took place two hours ago, ten people attended.
	held := now.Add(-2 * time.Hour)
	fake.Reschedule(wk, gotofake.Range{Start: held, End: held.Add(time.Hour)})
	var who10 []gotofake.Attendee
	for _, e := range emails[10:20] {
		who10 = append(who10, fake.Attend(wk, e, held.Add(2*time.Minute), 45*time.Minute))
	}
	fake.Hold(wk, held, held.Add(time.Hour), who10...)
	step("", "event", "refresh", id)
	out = step("", "checkin", "--event", id)
	if !strings.Contains(out, "10 newly checked in") {
		t.Fatalf("checkin: %s", out)
	}
	exported := filepath.Join(t.TempDir(), "attended.csv")
	step("", "export", "--event", id, "--format", "csv", "--out", exported, "--group", "attended")
	rows := readCSV(t, exported)
	if len(rows) != 11 {
		t.Fatalf("export has %d lines, want a header and 10 attendees", len(rows))
	}

	logData, _ := os.ReadFile(filepath.Join(filepath.Dir(data), "turnout.log"))
	raw, _ := os.ReadFile(data)
	exportData, _ := os.ReadFile(exported)
	who.mu.Lock()
	secrets := append([]string{secret}, who.tokens...)
	who.mu.Unlock()
	if len(secrets) < 3 {
		t.Fatal("the emulator handed out no tokens to look for")
	}
	for _, s := range secrets {
		for name, text := range map[string]string{"output": all.String(), "log": string(logData), "export": string(exportData), "data file": string(raw)} {
			if strings.Contains(text, s) {
				t.Errorf("a secret (%.8s…) appears in the %s", s, name)
			}
		}
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// readEmails returns the email column of a CSV written by writeBigCSV.
func readEmails(t *testing.T, path string) []string {
	t.Helper()
	rows := readCSV(t, path)
	col := 0
	for i, h := range rows[0] {
		if strings.EqualFold(h, "email") {
			col = i
		}
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[col])
	}
	return out
}

// TestGoToKillDuringPushThenRestartRegistersEachOnce: kill -9 in the
// middle of a push to GoTo and push again: everybody is registered
// exactly once (jobs caught in flight are looked up, and GoTo's 409 is
// linked, never registered twice).
func TestGoToKillDuringPushThenRestartRegistersEachOnce(t *testing.T) {
	t.Setenv("BROWSER", headlessBrowser(t))
	fake := gotofake.New(gotofake.Options{AddDelay: 15 * time.Millisecond, Now: coretest.Now})
	fake.SetAutoConsent("allow")
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	data := dataFile(t)
	code, out, errOut := runIn(t, fake.ClientSecret()+"\n", "--data", data, "account", "connect", "gotowebinar", "--name", "GoTo",
		"--client-id", fake.ClientID(), "--client-secret-stdin", "--oauth-url", srv.URL, "--api-url", srv.URL+"/G2W/rest/v2",
		"--port", strconv.Itoa(freePort(t)), "--timeout", "60s")
	if code != 0 {
		t.Fatalf("connect: %s%s", out, errOut)
	}
	now := coretest.Now().UTC().Truncate(time.Minute)
	wk := fake.AddWebinar(gotofake.Webinar{Subject: "Kill test", Times: []gotofake.Range{{Start: now.Add(48 * time.Hour), End: now.Add(49 * time.Hour)}}})
	id := strings.TrimSpace(mustRun(t, "--data", data, "event", "add", "--provider", "gotowebinar", "--xid", strconv.FormatInt(wk, 10), "--account", "GoTo"))
	people := filepath.Join(t.TempDir(), "people.csv")
	const n = 120
	writeBigCSV(t, people, n)
	mustRun(t, "--data", data, "registrant", "import", "--event", id, people)

	killPushMidway(t, data, id, 40, 30*time.Second, func() int { return fake.Stats().AddCalls })
	before := fake.Stats().AddCalls
	if before < 40 || before >= n {
		t.Fatalf("killed after %d adds; want mid-push", before)
	}
	inFlight := jobsInFlight(t, data)

	if out := mustRun(t, "--data", data, "push", "--event", id); !strings.Contains(out, "0 couldn't be registered, 0 still waiting") {
		t.Fatalf("restart push: %s", out)
	}
	regs := fake.Registrants(wk)
	emails := make([]string, len(regs))
	for i, r := range regs {
		emails[i] = r.Email
	}
	registeredOnce(t, emails)
	if st := fake.Stats(); len(regs) != n || st.Created != n {
		t.Fatalf("GoTo has %d registrants from %d creations, want %d", len(regs), st.Created, n)
	}
	t.Logf("killed after %d adds with %d jobs in flight; %d registrants, each once", before, inFlight, len(regs))
}
