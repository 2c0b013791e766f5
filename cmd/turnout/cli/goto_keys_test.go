package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/coretest"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
	"github.com/turnout-app/turnout/store"
)

// addGoToOrganizer writes a GoTo organizer that signed in a moment ago
// (a live access token from the emulator) into the data file, so a test
// of what follows the sign-in needs no browser.
func addGoToOrganizer(t *testing.T, data string, fake *gotofake.Server, base string) {
	t.Helper()
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(context.Background(), func(tx core.Tx) error {
		a := core.Account{Name: "GoTo", Provider: core.ProviderGoTo, Active: true, Auth: core.AuthUser,
			APIURL: base + "/G2W/rest/v2", OAuthURL: base, ConnectedAs: fake.Email(),
			Credentials: core.Credentials{ClientID: fake.ClientID(), ClientSecret: fake.ClientSecret()},
			Token:       core.OAuthToken{AccessToken: fake.IssueToken(), TokenType: "Bearer", Expiry: coretest.Now().Add(time.Hour)},
			ProviderIDs: map[string]string{"organizer_key": "8439885694023999999"}}
		return tx.PutAccount(&a)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestGoToKeysStayExactInJSONAndExports: registrant keys above 2^53 go
// through push, cancel and check-in by the command line, and come out of
// `--json registrant list`, `--json walkin list` and the CSV and XLSX
// exports with every digit (a float64 on the way would change them).
func TestGoToKeysStayExactInJSONAndExports(t *testing.T) {
	fake := gotofake.New(gotofake.Options{Now: coretest.Now})
	srv := httptest.NewServer(fake.Handler())
	defer srv.Close()
	data := dataFile(t)
	addGoToOrganizer(t, data, fake, srv.URL)
	now := coretest.Now().UTC().Truncate(time.Minute)
	const wk = int64(8439885694023999999)
	fake.AddWebinar(gotofake.Webinar{Key: wk, Subject: "Exact keys", Times: []gotofake.Range{{Start: now.Add(48 * time.Hour), End: now.Add(49 * time.Hour)}}})
	id := strings.TrimSpace(mustRun(t, "--data", data, "event", "add", "--provider", "gotowebinar", "--xid", "8439885694023999999", "--account", "GoTo"))
	for i := range 4 {
		mustRun(t, "--data", data, "registrant", "add", "--event", id, "--email", fmt.Sprintf("p%d@example.org", i), "--first", "P", "--last", strconv.Itoa(i))
	}
	if out := mustRun(t, "--data", data, "push", "--event", id); !strings.Contains(out, "0 couldn't be registered") {
		t.Fatalf("push: %s", out)
	}
	keys := map[string]string{}
	rounded := 0
	for _, x := range fake.Registrants(wk) {
		keys[x.Email] = strconv.FormatInt(x.Key, 10)
		if int64(float64(x.Key)) != x.Key {
			rounded++
		}
	}
	if len(keys) != 4 || rounded == 0 {
		t.Fatalf("GoTo has %d registrants, %d of whose keys a float64 would change", len(keys), rounded)
	}
	mustRun(t, "--data", data, "registrant", "cancel", "--event", id, "--email", "p3@example.org")
	mustRun(t, "--data", data, "push", "--event", id)
	if fake.RegistrantKey(wk, "p3@example.org") != 0 || len(fake.Registrants(wk)) != 3 {
		t.Fatal("the cancellation did not delete exactly p3's key at GoTo")
	}

	// The webinar took place two hours ago: p0, p1 and a walk-in came.
	held := now.Add(-2 * time.Hour)
	fake.Reschedule(wk, gotofake.Range{Start: held, End: held.Add(time.Hour)})
	walkIn := strconv.FormatInt(fake.Register(wk, "Wanda", "Walker", "wanda@example.net"), 10)
	var who []gotofake.Attendee
	for _, e := range []string{"p0@example.org", "p1@example.org", "wanda@example.net"} {
		who = append(who, fake.Attend(wk, e, held.Add(time.Minute), 45*time.Minute))
	}
	fake.Hold(wk, held, held.Add(time.Hour), who...)
	mustRun(t, "--data", data, "event", "refresh", id)
	if out := mustRun(t, "--data", data, "checkin", "--event", id); !strings.Contains(out, "2 newly checked in") {
		t.Fatalf("checkin: %s", out)
	}

	listing := mustRun(t, "--data", data, "--json", "registrant", "list", "--event", id)
	var regs []core.Registrant
	if err := json.Unmarshal([]byte(listing), &regs); err != nil || len(regs) != 4 {
		t.Fatalf("registrant list --json: %v\n%s", err, listing)
	}
	for _, r := range regs {
		if r.Sync.RegistrantID != keys[r.Email] || !strings.Contains(listing, `"`+keys[r.Email]+`"`) {
			t.Errorf("%s: the JSON has key %q, GoTo %q", r.Email, r.Sync.RegistrantID, keys[r.Email])
		}
	}
	if walkins := mustRun(t, "--data", data, "--json", "walkin", "list", "--event", id); !strings.Contains(walkins, `"`+walkIn+`"`) {
		t.Errorf("walkin list --json lacks the walk-in's key %s:\n%s", walkIn, walkins)
	}

	dir := t.TempDir()
	for _, format := range []string{"csv", "xlsx"} {
		for group, want := range map[string]map[string]string{"all": keys, "unmatched": {"wanda@example.net": walkIn}} {
			path := filepath.Join(dir, group+"."+format)
			mustRun(t, "--data", data, "export", "--event", id, "--format", format, "--out", path, "--group", group)
			rows := exportedRows(t, path)
			idCol, emailCol := -1, -1
			for i, h := range rows[0] {
				switch h {
				case "Provider ID":
					idCol = i
				case "Email":
					emailCol = i
				}
			}
			if idCol < 0 || emailCol < 0 || len(rows)-1 != len(want) {
				t.Fatalf("%s: header %q, %d rows; want Provider ID and Email, %d rows", path, rows[0], len(rows)-1, len(want))
			}
			for _, row := range rows[1:] {
				if row[idCol] != want[row[emailCol]] {
					t.Errorf("%s: %s has Provider ID %q, want %q", filepath.Base(path), row[emailCol], row[idCol], want[row[emailCol]])
				}
			}
		}
	}
}

// exportedRows reads an exported CSV or XLSX file as text; an XLSX
// Provider ID must be a text cell, never a number Excel would round.
func exportedRows(t *testing.T, path string) [][]string {
	t.Helper()
	if strings.HasSuffix(path, ".csv") {
		rows := readCSV(t, path)
		rows[0][0] = strings.TrimPrefix(rows[0][0], "\uFEFF")
		return rows
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	book, err := excelize.OpenReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	sheet := book.GetSheetList()[0]
	rows, err := book.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i := range rows[1:] {
		for len(rows[i+1]) < len(rows[0]) {
			rows[i+1] = append(rows[i+1], "")
		}
		for c, h := range rows[0] {
			ref, _ := excelize.CoordinatesToCellName(c+1, i+2)
			if typ, _ := book.GetCellType(sheet, ref); h == "Provider ID" && typ != excelize.CellTypeInlineString {
				t.Errorf("%s %s (a Provider ID) is a cell of type %v, want text", filepath.Base(path), ref, typ)
			}
		}
	}
	return rows
}
