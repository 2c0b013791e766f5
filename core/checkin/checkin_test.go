package checkin

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

var t0 = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

func at(min int) time.Time { return t0.Add(time.Duration(min) * time.Minute) }

func row(inst, name, email, rid string, join, leave int) core.JoinRow {
	return core.JoinRow{Instance: inst, Name: name, Email: email, RegistrantID: rid, JoinTime: at(join), LeaveTime: at(leave),
		Duration: at(leave).Sub(at(join))}
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name        string
		rows        []core.JoinRow
		people      int
		key         string
		minutes     int
		first, last int
		segments    int
	}{
		{"one segment", []core.JoinRow{row("", "Ann", "ann@x.org", "", 0, 30)}, 1, "email:ann@x.org", 30, 0, 30, 1},
		{"rejoin after a dropped connection", []core.JoinRow{
			row("", "Ann", "ann@x.org", "", 0, 20), row("", "Ann", "ann@x.org", "", 25, 45)},
			1, "email:ann@x.org", 40, 0, 45, 2},
		{"second device overlapping is not counted twice", []core.JoinRow{
			row("", "Ann", "ann@x.org", "r1", 0, 60), row("", "Ann iPad", "", "r1", 10, 30)},
			1, "rid:r1", 60, 0, 60, 2},
		{"registrant ID and email link rows", []core.JoinRow{
			row("", "Ann", "", "r1", 0, 10), row("", "Ann", "ANN@x.org ", "r1", 5, 15), row("", "Ann", "ann@x.org", "", 20, 30)},
			1, "rid:r1", 25, 0, 30, 3},
		{"email case does not split a person", []core.JoinRow{
			row("", "Bo", "Bo@X.org", "", 0, 10), row("", "Bo", "bo@x.org", "", 10, 20)},
			1, "email:bo@x.org", 20, 0, 20, 2},
		{"no email, no ID: by name", []core.JoinRow{
			row("", "iPhone (2)", "", "", 0, 10), row("", "iPhone (2)", "", "", 12, 20)},
			1, "name:iphone (2)", 18, 0, 20, 2},
		{"numbered devices are different people", []core.JoinRow{
			row("", "iPhone (2)", "", "", 0, 10), row("", "iPhone (3)", "", "", 12, 20)},
			2, "name:iphone (2)", 10, 0, 10, 1},
		{"anonymous row joins the one identified person of that name", []core.JoinRow{
			row("", "Cy Doe", "cy@x.org", "", 0, 10), row("", "Cy Doe", "", "", 30, 40)},
			1, "email:cy@x.org", 20, 0, 40, 2},
		{"two people", []core.JoinRow{row("", "A", "a@x.org", "", 0, 10), row("", "B", "b@x.org", "", 0, 10)},
			2, "email:a@x.org", 10, 0, 10, 1},
		{"contained segment", []core.JoinRow{
			row("", "A", "a@x.org", "", 0, 60), row("", "A", "a@x.org", "", 10, 20), row("", "A", "a@x.org", "", 50, 70)},
			1, "email:a@x.org", 70, 0, 70, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Merge(tc.rows)
			if len(got) != tc.people {
				t.Fatalf("%d people, want %d: %+v", len(got), tc.people, got)
			}
			a := got[0]
			if a.Key != tc.key || a.Minutes() != tc.minutes || !a.FirstJoin.Equal(at(tc.first)) ||
				!a.LastLeave.Equal(at(tc.last)) || a.Segments != tc.segments {
				t.Errorf("got key %s, %d min, %v–%v, %d segments; want %s, %d min, %v–%v, %d",
					a.Key, a.Minutes(), a.FirstJoin, a.LastLeave, a.Segments, tc.key, tc.minutes, at(tc.first), at(tc.last), tc.segments)
			}
		})
	}
}

func TestMergePerInstance(t *testing.T) {
	rows := []core.JoinRow{
		row("u1", "Ann", "ann@x.org", "", 0, 50),
		row("u2", "Ann", "ann@x.org", "", 7*24*60, 7*24*60+5),
		row("u2", "Ann", "ann@x.org", "", 7*24*60+10, 7*24*60+30),
		row("u3", "Bo", "bo@x.org", "", 14*24*60, 14*24*60+60),
	}
	got := Merge(rows)
	if len(got) != 2 {
		t.Fatalf("%d people", len(got))
	}
	ann := got[0]
	if len(ann.Sessions) != 2 || ann.Sessions[0].Minutes() != 50 || ann.Sessions[1].Minutes() != 25 || ann.Minutes() != 75 {
		t.Fatalf("ann sessions %+v total %d", ann.Sessions, ann.Minutes())
	}
	if inst := Instances(rows); strings.Join(inst, ",") != "u1,u2,u3" {
		t.Errorf("instances %v", inst)
	}
	rule := core.AttendanceRule{Minutes: 30, Sessions: 2}
	if ann.Apply(rule, time.Hour) {
		t.Error("ann met 30 minutes in one session only, rule needs 2")
	}
	if !ann.Sessions[0].Attended || ann.Sessions[1].Attended {
		t.Errorf("per-session marks %+v", ann.Sessions)
	}
	if !ann.Apply(core.AttendanceRule{Minutes: 20, Sessions: 2}, time.Hour) {
		t.Error("ann met 20 minutes in two sessions")
	}
}

func TestApplyRules(t *testing.T) {
	two := Merge([]core.JoinRow{row("", "A", "a@x.org", "", 0, 2)})[0]
	tests := []struct {
		rule core.AttendanceRule
		want bool
	}{
		{core.AttendanceRule{}, true},
		{core.AttendanceRule{Minutes: 2}, true},
		{core.AttendanceRule{Minutes: 10}, false},
		{core.AttendanceRule{Percent: 3}, true},   // 3% of 60 = 1.8 min
		{core.AttendanceRule{Percent: 50}, false}, // 30 min
		{core.AttendanceRule{Sessions: 2}, false},
	}
	for _, tc := range tests {
		if got := two.Apply(tc.rule, time.Hour); got != tc.want {
			t.Errorf("2 minutes under %q: %t, want %t", tc.rule, got, tc.want)
		}
	}
}

func TestReady(t *testing.T) {
	if Ready(nil) {
		t.Error("empty report is ready")
	}
	zero := core.JoinRow{Name: "A", JoinTime: t0, LeaveTime: t0}
	if Ready([]core.JoinRow{zero, {Name: "B"}}) {
		t.Error("zero-duration report is ready")
	}
	if !Ready([]core.JoinRow{zero, row("", "B", "", "", 0, 1)}) {
		t.Error("report with a duration is not ready")
	}
}

func TestMatchAndSuggest(t *testing.T) {
	regs := []core.Registrant{
		{ID: 1, FirstName: "Ann", LastName: "Lee", Email: "ann@x.org", Status: core.StatusRegistered, Sync: core.ProviderSync{RegistrantID: "r1"}},
		{ID: 2, FirstName: "Bo", LastName: "Kim", Email: "Bo.Kim@Corp.com", Status: core.StatusRegistered},
		{ID: 3, FirstName: "Cy", LastName: "Doe", Email: "cy@home.net", Status: core.StatusRegistered},
		{ID: 4, FirstName: "Di", LastName: "Ray", Email: "diray@x.org", Status: core.StatusRegistered, Aliases: []string{"di@old.org"}},
		{ID: 5, FirstName: "Ed", LastName: "Fox", Email: "ed@x.org", Status: core.StatusRegistered},
		{ID: 6, FirstName: "Gone", Email: "gone@x.org", Status: core.StatusCancelled},
	}
	clicks := map[core.ID][]time.Time{5: {at(-3)}}
	m := NewMatcher(regs, map[string][]string{"cy@home.net": {"cy@work.com"}}, clicks)
	cases := []struct {
		name    string
		a       Attendee
		id      core.ID
		method  core.MatchMethod
		suggest core.ID
		reason  string
	}{
		{"registrant ID without email", Merge([]core.JoinRow{row("", "Ann's iPad", "", "r1", 0, 10)})[0], 1, core.MatchRegistrantID, 0, ""},
		{"upper-case email", Merge([]core.JoinRow{row("", "Bo", " BO.KIM@corp.com", "", 0, 10)})[0], 2, core.MatchEmail, 0, ""},
		{"same name other email", Merge([]core.JoinRow{row("", "Cy Doe", "cyd@gmail.com", "", 0, 10)})[0], 0, "", 3, "Same name"},
		{"local part", Merge([]core.JoinRow{row("", "B K", "bo.kim@gmail.com", "", 0, 10)})[0], 0, "", 2, "same name part"},
		{"registrant alias", Merge([]core.JoinRow{row("", "D", "DI@old.org", "", 0, 10)})[0], 0, "", 4, "alternate email"},
		{"alias from the book", Merge([]core.JoinRow{row("", "C", "cy@work.com", "", 0, 10)})[0], 0, "", 3, "alternate email"},
		{"click before a no-email guest", Merge([]core.JoinRow{row("", "Guest 7", "", "", 0, 10)})[0], 0, "", 5, "Clicked the reminder"},
		{"cancelled registrant is not matched", Merge([]core.JoinRow{row("", "X", "gone@x.org", "", 0, 10)})[0], 0, "", 0, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, method, ok := m.Match(tc.a)
			if ok != (tc.id != 0) || r.ID != tc.id || method != tc.method {
				t.Fatalf("Match = %d %q %t, want %d %q", r.ID, method, ok, tc.id, tc.method)
			}
			if ok {
				return
			}
			s := m.Suggest(tc.a, nil)
			if tc.suggest == 0 {
				if len(s) != 0 {
					t.Fatalf("suggestions %+v, want none", s)
				}
				return
			}
			if len(s) == 0 || s[0].RegistrantID != tc.suggest || !strings.Contains(strings.Join(s[0].Reasons, "; "), tc.reason) ||
				s[0].Confidence <= 0 || s[0].Confidence >= 1 {
				t.Fatalf("suggestions %+v, want %d first for %q", s, tc.suggest, tc.reason)
			}
			if rest := m.Suggest(tc.a, []core.ID{tc.suggest}); len(rest) > 0 && rest[0].RegistrantID == tc.suggest {
				t.Error("a rejected registrant is suggested again")
			}
		})
	}
	t.Run("two reasons are more confident than one", func(t *testing.T) {
		one := m.Suggest(Merge([]core.JoinRow{row("", "Cy Doe", "cyd@gmail.com", "", 0, 10)})[0], nil)
		both := m.Suggest(Merge([]core.JoinRow{row("", "Cy Doe", "cy@gmail.com", "", 0, 10)})[0], nil)
		if both[0].Confidence <= one[0].Confidence || len(both[0].Reasons) != 2 {
			t.Errorf("one %+v both %+v", one, both)
		}
	})
}

func TestParseReport(t *testing.T) {
	zoom := "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n" +
		"85746065432,Spring webinar,03/10/2026 03:00:00 PM,03/10/2026 04:00:00 PM,host@x.org,60,4\n" +
		"\n" +
		"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\n" +
		"Ann Lee,ann@x.org,03/10/2026 03:01:00 PM,03/10/2026 03:31:00 PM,30,No,\n" +
		"Ann Lee,ann@x.org,03/10/2026 03:35:00 PM,03/10/2026 03:55:00 PM,20,No,\n" +
		"Phone (+1 555),,03/10/2026 03:10:00 PM,03/10/2026 03:12:00 PM,2,Yes,\n"
	goTo := "First Name,Last Name,Email Address,Join Time,Leave Time,Time in Session (minutes)\n" +
		"Bo,Kim,bo@x.org,\"Mar 10, 2026 03:02 PM EST\",\"Mar 10, 2026 03:50 PM EST\",48\n"
	rc := "Participant,Email,Joined,Left,Duration\nCy Doe,cy@x.org,2026-03-10 15:00:00,2026-03-10 15:45:00,0:45\n"
	loc := time.FixedZone("EST", -5*3600)
	for _, tc := range []struct {
		name, csv string
		rows      int
		first     string
		minutes   int
	}{
		{"zoom", zoom, 3, "Ann Lee", 30},
		{"goto", goTo, 1, "Bo Kim", 48},
		{"ringcentral", rc, 1, "Cy Doe", 45},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, _, err := ParseReport(strings.NewReader(tc.csv), loc)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tc.rows || rows[0].Name != tc.first || int(span(rows[0])/time.Minute) != tc.minutes {
				t.Fatalf("rows %+v", rows)
			}
			if rows[0].JoinTime.Location() != loc && rows[0].JoinTime.Hour() != 15 {
				t.Errorf("join time %v not read in the event zone", rows[0].JoinTime)
			}
		})
	}
	if _, _, err := ParseReport(strings.NewReader("a,b\n1,2\n"), time.UTC); !errors.Is(err, ErrNoReportHeader) {
		t.Errorf("no header: %v", err)
	}
	rows, _, _ := ParseReport(strings.NewReader(zoom), loc)
	got := Merge(rows)
	if len(got) != 2 || got[0].Minutes() != 50 {
		t.Errorf("merged %+v", got)
	}
}

func FuzzMerge(f *testing.F) {
	f.Add([]byte{0, 10, 1, 0, 5, 20, 2, 1, 30, 5, 0, 2})
	f.Add([]byte{3, 200, 255, 3, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var rows []core.JoinRow
		for i := 0; i+2 < len(data) && len(rows) < 64; i += 3 {
			who, join, length := data[i], int(data[i+1]), int(data[i+2])-20 // negative lengths too
			r := core.JoinRow{Instance: []string{"", "u1", "u2"}[who%3], JoinTime: at(join), LeaveTime: at(join + length),
				Duration: time.Duration(length) * time.Minute}
			switch who % 4 {
			case 0:
				r.Email = []string{"a@x.org", "A@X.org", "b@x.org"}[int(who/4)%3]
			case 1:
				r.RegistrantID = []string{"r1", "r2"}[int(who/4)%2]
			case 2:
				r.Name = []string{"Ann", "iPhone", ""}[int(who/4)%3]
			case 3:
				r.LeaveTime = time.Time{} // only a duration
			}
			rows = append(rows, r)
		}
		got := Merge(rows)
		segments := 0
		for _, a := range got {
			segments += a.Segments
			if a.Duration < 0 || a.Minutes() < 0 {
				t.Fatalf("negative minutes %+v", a)
			}
			if a.Duration > a.LastLeave.Sub(a.FirstJoin) {
				t.Fatalf("%v present exceeds the span %v–%v", a.Duration, a.FirstJoin, a.LastLeave)
			}
			var sum time.Duration
			for _, s := range a.Sessions {
				if s.Duration < 0 || s.Duration > s.LastLeave.Sub(s.FirstJoin) {
					t.Fatalf("session %+v", s)
				}
				sum += s.Duration
			}
			if sum < a.Duration {
				t.Fatalf("sessions %v add up to less than the total %v", sum, a.Duration)
			}
		}
		if segments != len(rows) {
			t.Fatalf("%d segments from %d rows", segments, len(rows))
		}
	})
}

func FuzzParseReport(f *testing.F) {
	f.Add("Name,User Email,Join Time,Leave Time,Duration (Minutes)\nAnn,ann@x.org,03/10/2026 03:01:00 PM,03/10/2026 03:31:00 PM,30\n")
	f.Add("First Name,Last Name,Email Address,Time in Session (minutes)\nBo,Kim,bo@x.org,1:02:03\n")
	f.Add("sep=;\r\nName;Email;JOIN TIME (UTC);Duration\r\nAnn;ann@x.org;2026-03-10 15:00:00;30\r\n")
	f.Add("\xFF\xFEN\x00a\x00m\x00e\x00\t\x00J\x00o\x00i\x00n\x00\n\x00")
	f.Add("Name,Email,Join Time\nAnn,\"ann@x.org,2026-03-10 15:00:00\nBo,bo@x.org,2026-03-10 15:00:00\n")
	f.Fuzz(func(t *testing.T, s string) {
		rows, _, err := ParseReport(strings.NewReader(s), time.UTC)
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Duration < 0 || (!r.LeaveTime.IsZero() && r.LeaveTime.Before(r.JoinTime)) {
				t.Fatalf("row %+v", r)
			}
		}
		Merge(rows)
	})
}
