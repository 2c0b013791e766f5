package checkin

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// sampleZone is the event's zone the samples are read in.
var sampleZone = time.FixedZone("CET", 3600)

// person is a join row as the tests compare it: who, their staff role and
// their minutes.
type person struct {
	Name, Email string
	Role        core.StaffRole
	Minutes     int
}

func (p person) String() string {
	return fmt.Sprintf("%s <%s> %s %d min", p.Name, p.Email, p.Role, p.Minutes)
}

func readSample(t *testing.T, name string) *Report {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := ReadReport(f, sampleZone, false)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rep
}

func people(rows []core.JoinRow) []person {
	out := make([]person, len(rows))
	for i, r := range rows {
		out[i] = person{r.Name, r.Email, r.Role, int(span(r) / time.Minute)}
	}
	return out
}

func TestReadReportSamples(t *testing.T) {
	host := person{"Hana Host", "hana@office.example", core.RoleHost, 64}
	ann := person{"Ann Lee", "ann@example.org", "", 30}
	walt := person{"Walt Inn", "walt@else.example", "", 45}
	localized := []person{host, ann, walt}
	for _, tt := range []struct {
		file    string
		layout  Layout
		want    []person
		skipped []core.SkippedLine
		// firstJoin is the second row's join time, read in sampleZone
		firstJoin time.Time
	}{
		{"zoom_webinar_current.csv", LayoutZoomWebinar, []person{
			{"Hana Host", "hana@office.example", core.RoleHost, 72},
			{"Paul Panel", "paul@office.example", core.RolePanelist, 65},
			{"Petra Speaker", "petra@guest.example", core.RolePanelist, 40},
			{"Ann Lee", "ann@example.org", "", 30},
			{"Ann Lee", "ann@example.org", "", 15},
			{"Bo Kim", "bo@example.org", "", 8},
			{"Dee Roe", "dee@example.org", "", 50},
			{"Walt Inn", "walt@else.example", "", 45},
		}, []core.SkippedLine{{Line: 20, Reason: reasonNotAttended}, {Line: 21, Reason: reasonNotAttended}},
			time.Date(2026, 12, 2, 13, 55, 0, 0, sampleZone)},
		{"zoom_webinar_older.csv", LayoutZoomWebinar, []person{
			{"Paul Panel", "paul@office.example", core.RolePanelist, 65},
			{"Ann Lee", "ann@example.org", "", 30},
		}, []core.SkippedLine{{Line: 12, Reason: reasonNotAttended}}, time.Date(2026, 12, 2, 14, 1, 0, 0, sampleZone)},
		{"zoom_meeting_usage.csv", LayoutZoomMeeting, []person{
			host, ann, {"Ann Lee", "ann@example.org", "", 15}, {"Walt Inn", "", "", 45},
		}, nil, time.Date(2026, 12, 2, 14, 1, 0, 0, sampleZone)},
		{"zoom_meeting_unique.csv", LayoutZoomMeeting, []person{
			host, {"Ann Lee", "ann@example.org", "", 45}, {"Walt Inn", "", "", 45},
		}, nil, time.Time{}},
		{"zoom_meeting_de.csv", LayoutZoomMeeting, localized, nil, time.Date(2026, 12, 2, 14, 3, 0, 0, sampleZone)},
		{"zoom_meeting_fr.csv", LayoutZoomMeeting, localized, nil, time.Date(2026, 12, 2, 14, 3, 0, 0, sampleZone)},
		{"zoom_meeting_es.csv", LayoutZoomMeeting, localized, nil, time.Date(2026, 12, 2, 14, 3, 0, 0, sampleZone)},
		{"zoom_meeting_pt.csv", LayoutZoomMeeting, localized, nil, time.Date(2026, 12, 2, 14, 3, 0, 0, sampleZone)},
		{"zoom_meeting_ja.csv", LayoutZoomMeeting, []person{host, {"李 安", "ann@example.org", "", 30}, walt},
			nil, time.Date(2026, 12, 2, 14, 3, 0, 0, sampleZone)},
		{"zoom_meeting_zh.csv", LayoutZoomMeeting, localized, nil, time.Date(2026, 12, 2, 14, 3, 0, 0, sampleZone)},
		{"teams_attendance.csv", LayoutTeams, []person{
			{"Olga Organizer", "olga@office.example", core.RoleOrganizer, 66},
			{"Pia Presenter", "pia@office.example", core.RolePresenter, 62},
			{"Ann Lee", "ann@example.org", "", 30},
			{"Ann Lee", "ann@example.org", "", 15},
			{"Walt Inn (External)", "", "", 10},
		}, nil, time.Date(2026, 12, 2, 13, 58, 0, 0, sampleZone)},
		{"goto_attendee_report.csv", LayoutGoTo, []person{
			{"Olga Organizer", "olga@office.example", core.RoleOrganizer, 72},
			{"Paul Panel", "paul@office.example", core.RolePanelist, 65},
			{"Ann Lee", "ann@example.org", "", 45},
			{"Walt Inn", "walt@else.example", "", 45},
		}, []core.SkippedLine{{Line: 20, Reason: reasonNotAttended}}, time.Date(2026, 12, 2, 13, 55, 0, 0, sampleZone)},
		{"ringcentral_participants.csv", LayoutRingCentral, []person{
			{"Hana Host", "hana@office.example", core.RoleHost, 72},
			{"Cora Cohost", "cora@office.example", core.RoleCoHost, 65},
			{"Paul Panel", "paul@office.example", core.RolePanelist, 64},
			{"Ann Lee", "ann@example.org", "", 45},
			{"Walt Inn", "walt@else.example", "", 10},
		}, nil, time.Date(2026, 12, 2, 13, 55, 0, 0, sampleZone)},
	} {
		t.Run(tt.file, func(t *testing.T) {
			rep := readSample(t, tt.file)
			if rep.Layout != tt.layout {
				t.Errorf("layout %q, want %q", rep.Layout, tt.layout)
			}
			if got := people(rep.Rows); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows\n%v\nwant\n%v", got, tt.want)
			}
			if !reflect.DeepEqual(rep.Skipped, tt.skipped) {
				t.Errorf("skipped %+v, want %+v", rep.Skipped, tt.skipped)
			}
			if len(rep.Rows) > 1 && !rep.Rows[1].JoinTime.Equal(tt.firstJoin) {
				t.Errorf("second row joined %v, want %v", rep.Rows[1].JoinTime, tt.firstJoin)
			}
		})
	}
}

func TestReadReportNamesColumnsOfAnUnknownFile(t *testing.T) {
	f, err := os.Open("testdata/not_a_report.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, err = ReadReport(f, sampleZone, false)
	msg := core.ErrorMessage(err)
	if !errors.Is(err, ErrNoReportHeader) || core.ErrorCode(err) != core.EINVALID ||
		!strings.Contains(msg, `the columns "Order number", "Customer", "Total", "Paid on"`) ||
		!strings.Contains(msg, `"Join Time"`) || !strings.Contains(msg, "Microsoft Teams") {
		t.Errorf("error %v", msg)
	}
}

func TestParseMinutesTeamsDurations(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"1h 4m 28s": time.Hour + 4*time.Minute + 28*time.Second, "45m": 45 * time.Minute, "12s": 12 * time.Second,
		"1h": time.Hour, "0:30": 30 * time.Minute, "58.5": 58*time.Minute + 30*time.Second, "1x": 0,
	} {
		if got := parseMinutes(in); got != want {
			t.Errorf("parseMinutes(%q) = %v, want %v", in, got, want)
		}
	}
}
