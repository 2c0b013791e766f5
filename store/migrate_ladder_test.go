package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/turnout-app/turnout/core"
)

// TestMigrationLadderKeepsEveryRecord opens a data file written by each
// earlier schema version, upgrades it, and checks that every record of
// the old file is still there byte for byte and reads through today's
// API without losing a field.
func TestMigrationLadderKeepsEveryRecord(t *testing.T) {
	for _, g := range goldenFiles {
		t.Run(fmt.Sprintf("schema %d", g.version), func(t *testing.T) {
			path := unpackGolden(t, g.name)
			if got := fileSchemaVersion(t, path); got != g.version {
				t.Fatalf("%s has schema %d, want %d", g.name, got, g.version)
			}
			before := rawDump(t, path)
			if n := countBy(before); n["events"] == 0 || n["registrants"] == 0 || n["participants"] == 0 {
				t.Fatalf("%s holds too little to test: %v", g.name, n)
			}

			db, err := Open(path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			checkReadable(t, db, before, g.version)
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}

			if got := fileSchemaVersion(t, path); got != schemaVersion() {
				t.Errorf("after Open the file has schema %d, want %d", got, schemaVersion())
			}
			after := map[string][]byte{}
			for _, r := range rawDump(t, path) {
				after[r.id()] = r.value
			}
			for _, r := range before {
				if r.bucket == string(bucketMeta) {
					continue
				}
				if v, ok := after[r.id()]; !ok {
					t.Errorf("migration lost %s", r.id())
				} else if !bytes.Equal(v, r.value) {
					t.Errorf("migration changed %s:\nwas %s\nnow %s", r.id(), r.value, v)
				}
			}

			t.Run("new records after the upgrade get new IDs", func(t *testing.T) {
				db, err := Open(path)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				old := idsInFile(t, db)
				addOneOfEverything(t, db, "after-upgrade")
				for name, ids := range idsInFile(t, db) {
					if len(ids) != len(old[name])+1 {
						t.Errorf("%s: %d records, want %d: a new record overwrote an old one", name, len(ids), len(old[name])+1)
					}
				}
			})
		})
	}
}

func TestOpenRefusesGoldenFileFromANewerTurnout(t *testing.T) {
	newest := goldenFiles[len(goldenFiles)-1]
	path := unpackGolden(t, newest.name)
	setSchemaVersion(t, path, schemaVersion()+1)
	before := readFile(t, path)

	_, err := Open(path)
	wantCode(t, err, core.EINVALID)
	want := fmt.Sprintf("This data file was written by a newer Turnout (schema %d); install the newer version.", schemaVersion()+1)
	if got := core.ErrorMessage(err); got != want {
		t.Errorf("message = %q, want %q", got, want)
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("refusing the file changed it")
	}
}

// checkReadable reads every record of raw through the Tx methods and
// checks each against its stored bytes.
func checkReadable(t *testing.T, db *DB, raw []rawRecord, version uint64) {
	t.Helper()
	stored := map[string][]rawRecord{} // by bucket path, in key order
	for _, r := range raw {
		stored[r.bucket] = append(stored[r.bucket], r)
	}
	// under returns the stored records of bucket whose key starts with prefix.
	under := func(bucket string, prefix []byte) []rawRecord {
		var out []rawRecord
		for _, r := range stored[bucket] {
			if bytes.HasPrefix(r.key, prefix) {
				out = append(out, r)
			}
		}
		return out
	}
	// each checks that got (as the API returned it) matches want one to one.
	each := func(what string, want []rawRecord, got []any) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: read %d records, the file holds %d", what, len(got), len(want))
			return
		}
		for i := range got {
			sameJSON(t, fmt.Sprintf("%s %x", what, want[i].key), want[i].value, got[i])
		}
	}

	view(t, db, func(tx core.Tx) error {
		office, err := tx.Office()
		if err != nil || office.Name != "Riverside CPA & Sons" {
			t.Errorf("Office = %+v, %v", office, err)
		}
		events, err := tx.Events()
		if err != nil {
			return err
		}
		var eventsAny []any
		for _, e := range stored[string(bucketEvents)] {
			ev, err := tx.Event(core.ID(keyID(e.key)))
			if err != nil {
				return err
			}
			eventsAny = append(eventsAny, ev)
		}
		each("event", stored[string(bucketEvents)], eventsAny)
		if len(events) != len(eventsAny) {
			t.Errorf("Events() lists %d events, the file holds %d", len(events), len(eventsAny))
		}
		for _, e := range events {
			checkEventChildren(t, tx, e, under, each)
		}
		checkAccountsAndSettings(t, tx, stored, version)
		return nil
	})
}

func checkEventChildren(t *testing.T, tx core.Tx, e core.Event, under func(string, []byte) []rawRecord,
	each func(string, []rawRecord, []any)) {
	t.Helper()
	prefix := idKey(e.ID)
	var regs, parts, clicks, runs, audit []any
	var counts core.RegistrantCounts
	storedRegs := under(string(bucketRegistrants), prefix)
	err := tx.Registrants(e.ID, func(r core.Registrant) error {
		regs = append(regs, r)
		counts.Add(r, 1)
		// The codec writes back exactly the bytes it read.
		if i := len(regs) - 1; i < len(storedRegs) {
			if data, err := encodeRegistrant(&r); err != nil || !bytes.Equal(data, storedRegs[i].value) {
				t.Errorf("registrant %d encodes as\n%s, stored\n%s (%v)", r.ID, data, storedRegs[i].value, err)
			}
		}
		if byEmail, err := tx.RegistrantByEmail(e.ID, strings.ToUpper(r.Email)); err != nil || byEmail.ID != r.ID {
			t.Errorf("RegistrantByEmail(%q) = %d, %v; want %d", r.Email, byEmail.ID, err, r.ID)
		}
		return tx.Audit(e.ID, r.ID, func(a core.AuditEntry) error { audit = append(audit, a); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	each("registrant", storedRegs, regs)
	if got, err := tx.RegistrantCounts(e.ID); err != nil || got != counts {
		t.Errorf("RegistrantCounts(%d) = %+v, %v; counting the registrants gives %+v", e.ID, got, err, counts)
	}
	if err := tx.Participants(e.ID, func(p core.Participant) error { parts = append(parts, p); return nil }); err != nil {
		t.Fatal(err)
	}
	each("participant", under(string(bucketParticipants), prefix), parts)
	if err := tx.Clicks(e.ID, func(c core.Click) error { clicks = append(clicks, c); return nil }); err != nil {
		t.Fatal(err)
	}
	each("click", under(string(bucketClicks), prefix), clicks)
	if err := tx.CheckInRuns(e.ID, func(r core.CheckInRun) error { runs = append(runs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	each("check-in run", under(string(bucketCheckInRuns), prefix), runs)
	each("audit entry", under(string(bucketAudit), prefix), audit)
}

func checkAccountsAndSettings(t *testing.T, tx core.Tx, stored map[string][]rawRecord, version uint64) {
	t.Helper()
	for bucket, records := range stored {
		queue, ok := strings.CutPrefix(bucket, string(bucketOutbox)+"/")
		if !ok {
			continue
		}
		var jobs []core.Job
		if err := tx.Jobs(queue, func(j core.Job) error { jobs = append(jobs, j); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(jobs) != len(records) {
			t.Errorf("queue %s: read %d jobs, the file holds %d", queue, len(jobs), len(records))
			continue
		}
		for i, j := range jobs {
			sameJSON(t, "job", records[i].value, j)
		}
	}
	if version >= 2 && len(stored[string(bucketOutbox)+"/mail"]) == 0 {
		t.Error("the golden file has no mail jobs to check")
	}

	accounts, err := tx.Accounts()
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != len(stored[string(bucketAccounts)]) || (version >= 5 && len(accounts) == 0) {
		t.Errorf("read %d accounts, the file holds %d", len(accounts), len(stored[string(bucketAccounts)]))
	}
	for i, a := range accounts {
		if a.Credentials.ClientSecret != "golden-client-secret" || a.Credentials.ClientID != "cid-golden" {
			t.Errorf("account %d lost its credentials", a.ID)
		}
		var rec accountRecord
		if err := json.Unmarshal(stored[string(bucketAccounts)][i].value, &rec); err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "account", stored[string(bucketAccounts)][i].value, rec)
	}
	aliases, err := tx.Aliases()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range stored[string(bucketAliases)] {
		sameJSON(t, "aliases of "+string(r.key), r.value, aliases[string(r.key)])
	}
	if len(aliases) != len(stored[string(bucketAliases)]) || (version >= 6 && len(aliases) == 0) {
		t.Errorf("read %d aliases, the file holds %d", len(aliases), len(stored[string(bucketAliases)]))
	}
	if version >= 5 {
		if v, err := tx.Setting("smtp"); err != nil || !strings.Contains(string(v), "smtp.example") {
			t.Errorf("Setting(smtp) = %s, %v", v, err)
		}
	}
}
