package engine_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/engine"
	"github.com/turnout-app/turnout/core/provider/gotowebinar/gotofake"
)

// floatChanges reports whether a key would come back different after a
// trip through float64 (what a careless JSON decoder or spreadsheet does).
func floatChanges(k int64) bool { return int64(float64(k)) != k }

// GoTo's keys are above 2^53: they must survive push, cancel, check-in,
// the JSON the command line prints and both export formats digit for
// digit.
func TestGoToKeysAbove2To53AreExactFromPushToExport(t *testing.T) {
	f := newGoToFixture(t, "", gotofake.Options{})
	ctx := context.Background()
	start := f.clock.Now().Add(time.Hour).Truncate(time.Minute).UTC()
	const wk = int64(8439885694023999999)
	f.fake.AddWebinar(gotofake.Webinar{Key: wk, Subject: "Exact keys", Times: []gotofake.Range{{Start: start, End: start.Add(time.Hour)}}})
	f.fake.Register(wk, "Early", "Bird", "person1@example.org") // linked on push (409)
	ev := f.link(t, wk, core.AttendanceRule{})
	if ev.Location.ExternalID != "8439885694023999999" {
		t.Fatalf("linked webinar key %q", ev.Location.ExternalID)
	}
	importPeople(t, f.eng, ev.ID, 4)
	if sum, err := f.eng.PushEvent(ctx, ev.ID); err != nil || sum.Pushed != 4 {
		t.Fatalf("push %+v %v", sum, err)
	}
	keyOf := map[string]string{} // email → GoTo's key, as decimal text
	anyRounded := false
	for _, x := range f.fake.Registrants(wk) {
		if x.Key <= 1<<53 {
			t.Fatalf("registrant key %d is not above 2^53", x.Key)
		}
		anyRounded = anyRounded || floatChanges(x.Key)
		keyOf[x.Email] = strconv.FormatInt(x.Key, 10)
	}
	if !anyRounded {
		t.Fatal("every key survives float64: the test would not notice rounding")
	}
	regs, _ := f.eng.Registrants(ctx, ev.ID)
	byEmail := map[string]core.Registrant{}
	for _, r := range regs {
		byEmail[r.Email] = r
		if r.Sync.RegistrantID != keyOf[r.Email] {
			t.Fatalf("%s: Turnout keeps key %q, GoTo has %q", r.Email, r.Sync.RegistrantID, keyOf[r.Email])
		}
	}

	// Cancel person3: GoTo deletes exactly that key.
	cancelled := byEmail["person3@example.org"]
	if _, err := f.eng.CancelRegistrant(ctx, ev.ID, cancelled.ID); err != nil {
		t.Fatal(err)
	}
	if sum, err := f.eng.PushEvent(ctx, ev.ID); err != nil || sum.Cancelled != 1 {
		t.Fatalf("cancel push %+v %v", sum, err)
	}
	if k := f.fake.RegistrantKey(wk, "person3@example.org"); k != 0 {
		t.Fatalf("GoTo still has the cancelled registrant (key %d)", k)
	}
	if n := len(f.fake.Registrants(wk)); n != 3 {
		t.Fatalf("GoTo has %d registrants after one cancellation, want 3", n)
	}

	// Held: person0 and person1 attend, and a walk-in who registered on
	// GoTo's own page.
	walkInKey := strconv.FormatInt(f.fake.Register(wk, "Wanda", "Walker", "wanda@example.net"), 10)
	var who []gotofake.Attendee
	for _, e := range []string{"person0@example.org", "person1@example.org", "wanda@example.net"} {
		who = append(who, f.fake.Attend(wk, e, start.Add(time.Minute), 45*time.Minute))
	}
	f.fake.Hold(wk, start, start.Add(time.Hour), who...)
	f.clock.advance(3 * time.Hour)
	if res, err := f.eng.CheckInEvent(ctx, ev.ID, nil); err != nil || res.NotReady {
		t.Fatalf("check-in %+v %v", res, err)
	}
	parts, _ := f.eng.Participants(ctx, ev.ID)
	for _, p := range parts {
		want := keyOf[p.Email]
		if p.Email == "wanda@example.net" {
			want = walkInKey
		}
		if p.ProviderID != want {
			t.Errorf("participant %s has key %q, want %q", p.Email, p.ProviderID, want)
		}
	}

	// What `turnout --json registrant list` prints: keys as JSON strings.
	regs, _ = f.eng.Registrants(ctx, ev.ID)
	js, err := json.Marshal(regs)
	if err != nil {
		t.Fatal(err)
	}
	var back []core.Registrant
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	for i, r := range back {
		if r.Sync.RegistrantID != keyOf[r.Email] || !bytes.Contains(js, []byte(`"registrant_id":"`+keyOf[r.Email]+`"`)) {
			t.Errorf("JSON of %s holds key %q, want %q", r.Email, r.Sync.RegistrantID, keyOf[regs[i].Email])
		}
	}

	// Both export formats: the Provider ID column is text, every digit kept.
	for _, g := range []engine.Group{engine.GroupAll, engine.GroupUnmatched} {
		want := map[string]string{} // first cell (email or name) → key
		for e, k := range keyOf {
			want[e] = k
		}
		if g == engine.GroupUnmatched {
			want = map[string]string{"wanda@example.net": walkInKey}
		}
		for _, format := range []core.ExportFormat{core.ExportCSV, core.ExportXLSX} {
			rows := exportRows(t, f.eng, ev.ID, g, format)
			idCol, emailCol := column(rows[0], "Provider ID"), column(rows[0], "Email")
			if idCol < 0 || emailCol < 0 {
				t.Fatalf("%s %s header %q has no Provider ID or Email", g, format, rows[0])
			}
			if len(rows)-1 != len(want) {
				t.Fatalf("%s %s: %d rows, want %d", g, format, len(rows)-1, len(want))
			}
			for _, row := range rows[1:] {
				if got := row[idCol]; got != want[row[emailCol]] {
					t.Errorf("%s %s: %s has Provider ID %q, want %q", g, format, row[emailCol], got, want[row[emailCol]])
				}
			}
		}
	}
}

// exportRows exports a group and reads it back as text: CSV as written,
// XLSX through excelize, refusing a Provider ID that is not a text cell
// (a number cell would show 8.43989E+18 in Excel).
func exportRows(t *testing.T, eng *engine.Engine, eventID core.ID, g engine.Group, format core.ExportFormat) [][]string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := eng.Export(context.Background(), eventID, g, format, &buf, nil); err != nil {
		t.Fatal(err)
	}
	if format == core.ExportCSV {
		return readCSV(t, buf.Bytes())
	}
	book, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	sheet := book.GetSheetList()[0]
	rows, err := book.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	idCol := column(rows[0], "Provider ID")
	for i := 1; i < len(rows); i++ {
		ref, _ := excelize.CoordinatesToCellName(idCol+1, i+1)
		if typ, _ := book.GetCellType(sheet, ref); typ != excelize.CellTypeInlineString {
			t.Errorf("xlsx %s (a Provider ID) has cell type %v, want text", ref, typ)
		}
		for len(rows[i]) < len(rows[0]) {
			rows[i] = append(rows[i], "")
		}
	}
	return rows
}

// column is the index of a header, or -1.
func column(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}
