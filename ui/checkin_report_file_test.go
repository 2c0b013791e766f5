package ui

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
)

// Checking in from a report file shows what the file holds first and
// writes nothing until staff choose Check In.
func TestCheckInFromReportFilePreviewsFirst(t *testing.T) {
	u, eng := newTestUI(t)
	ctx := context.Background()
	ev := createEvent(t, eng, "Budget clinic")
	ann := addPerson(t, eng, ev, "Ann", "ann@example.org")
	f, err := os.Open("../core/checkin/testdata/teams_attendance.csv")
	if err != nil {
		t.Fatal(err)
	}
	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	h := view.headcount
	h.previewReportFile(f, "attendance.csv")
	u.wait()
	if h.reportFile == nil {
		t.Fatal("no preview shown")
	}
	text := h.reportFile.summary.Text
	for _, want := range []string{"Microsoft Teams attendance report: 5 lines read, 4 people.", "Registered: 1", "Walk-ins: 1",
		"Staff (hosts, panelists, organizers, presenters): 2", "Nothing is changed until you choose Check In."} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if r, _ := eng.Registrant(ctx, ev.ID, ann.ID); r.CheckIn != nil {
		t.Fatal("the preview checked Ann in")
	}
	h.reportFile.apply()
	u.wait()
	if r, _ := eng.Registrant(ctx, ev.ID, ann.ID); r.CheckIn == nil || r.CheckIn.Minutes != 45 {
		t.Fatalf("after Check In, Ann's check-in is %+v; want 45 minutes", r.CheckIn)
	}
	if h.checkIn == nil || !strings.Contains(h.checkIn.summary.Text, "1 attended") {
		t.Errorf("no check-in result shown after the import")
	}
}

// A file that is no attendee report says which columns it has.
func TestCheckInFromReportFileRefusesOtherFiles(t *testing.T) {
	u, eng := newTestUI(t)
	ev := createEvent(t, eng, "Budget clinic")
	view := u.OpenEvent(ev, ScreenHeadcount)
	u.wait()
	view.headcount.previewReportFile(io.NopCloser(strings.NewReader("Order number,Customer\n1001,Ann Lee\n")), "orders.csv")
	u.wait()
	if view.headcount.reportFile != nil {
		t.Error("a preview was shown for a file that is no report")
	}
}
