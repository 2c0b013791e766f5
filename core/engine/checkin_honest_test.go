package engine_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// The demo's past webinar is an unlinked Zoom event whose attendance came
// from Zoom's report; reminder clicks must not be added on top of it.
func TestCheckInAddsNoClicksToTheDemoWebinarReport(t *testing.T) {
	ctx := context.Background()
	eng, _ := openDemoEngine(t)
	if err := eng.SeedDemo(ctx, 0); err != nil {
		t.Fatal(err)
	}
	events, err := eng.ListEvents(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var webinar core.Event
	for _, ev := range events {
		if ev.Past {
			webinar = ev.Event
		}
	}
	before, err := eng.Report(ctx, webinar.ID)
	if err != nil || before.Attended == 0 || before.Clicked == 0 {
		t.Fatalf("demo webinar report %+v, %v", before, err)
	}
	res, err := eng.CheckInEvent(ctx, webinar.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Implied || res.Run.Added != 0 || !res.Unlinked || !res.FromFile || strings.Contains(res.Summary(), "implied") {
		t.Fatalf("Check In on a report-based event: %+v\n%s", res, res.Summary())
	}
	after, err := eng.Report(ctx, webinar.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Attended != before.Attended || after.AttendanceRate != before.AttendanceRate ||
		after.AttendedBy[core.SourceClick] != 0 || after.Clicked != before.Clicked || after.Implied {
		t.Fatalf("Check In changed attendance: before %d (%.2f), after %d (%.2f), by click %d",
			before.Attended, before.AttendanceRate, after.Attended, after.AttendanceRate, after.AttendedBy[core.SourceClick])
	}
}

// A link-only event whose attendance came from an imported attendee file:
// later clicks and Check In leave attendance to the file; earlier implied
// check-ins are undone by the import.
func TestImportedReportStopsClickCheckIns(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Yesterday's talk", Start: testNow.Add(-24 * time.Hour), Duration: time.Hour,
		TimeZone: "UTC", Location: core.Location{Provider: core.ProviderLink, JoinURL: "https://example.org/live"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "Lee")
	bo := mustAdd(t, eng, ev.ID, "bo@example.org", "Bo", "Kim")
	cy := mustAdd(t, eng, ev.ID, "cy@example.org", "Cy", "Diaz")
	// Bo clicked before the report came: implied while there is none.
	if err := eng.RecordClicks(ctx, []core.Click{{EventID: ev.ID, RegistrantID: bo.ID, At: ev.Start.Add(-time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := eng.Registrant(ctx, ev.ID, bo.ID); got.CheckIn == nil || got.CheckIn.Source != core.SourceClick {
		t.Fatalf("Bo's click on a link-only event without a report: %+v", got.CheckIn)
	}
	start := ev.Start.Format("01/02/2006 03:04:05 PM")
	csv := "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n" +
		"Ann Lee,ann@example.org," + start + "," + ev.Start.Add(40*time.Minute).Format("01/02/2006 03:04:05 PM") + ",40\n"
	imp, err := eng.ImportAttendeeReport(ctx, ev.ID, strings.NewReader(csv), nil)
	if err != nil || imp.Run.Added != 1 || imp.ClicksUndone != 1 {
		t.Fatalf("import %+v, %v", imp, err)
	}
	if err := eng.RecordClicks(ctx, []core.Click{{EventID: ev.ID, RegistrantID: cy.ID, At: ev.Start}}); err != nil {
		t.Fatal(err)
	}
	res, err := eng.CheckInEvent(ctx, ev.ID, nil)
	if err != nil || res.Implied || res.Run.Added != 0 {
		t.Fatalf("Check In after the import %+v, %v", res, err)
	}
	h, err := eng.Report(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if h.Attended != 1 || h.AttendedBy[core.SourceClick] != 0 || h.Clicked != 2 || h.NoShows != 2 || h.Implied {
		t.Fatalf("report after import and clicks %+v", h)
	}
	if got, _ := eng.Registrant(ctx, ev.ID, ann.ID); got.CheckIn == nil || got.CheckIn.Source != core.SourceProvider {
		t.Fatalf("Ann's check-in %+v", got.CheckIn)
	}
}

// An unlinked event of a provider that reports participants (Zoom) never
// takes clicks as attendance, even without a report: Check In says how to
// get the report instead.
func TestUnlinkedZoomEventWithoutReportTakesNoClicks(t *testing.T) {
	eng, _ := newEngine(t)
	ctx := context.Background()
	ev, err := eng.CreateEvent(ctx, core.Event{Title: "Panel", Start: testNow.Add(-24 * time.Hour), Duration: time.Hour,
		TimeZone: "UTC", Location: core.Location{Provider: core.ProviderZoom, Kind: core.KindWebinar,
			ExternalID: "842 1937 5520", Password: "alumni24", JoinURL: "https://zoom.us/j/84219375520"}})
	if err != nil {
		t.Fatal(err)
	}
	ann := mustAdd(t, eng, ev.ID, "ann@example.org", "Ann", "Lee")
	if err := eng.RecordClicks(ctx, []core.Click{{EventID: ev.ID, RegistrantID: ann.ID, At: ev.Start}}); err != nil {
		t.Fatal(err)
	}
	res, err := eng.CheckInEvent(ctx, ev.ID, nil)
	if err != nil || res.Implied || !res.Unlinked || res.Run.Added != 0 || !strings.Contains(res.Summary(), "Import the attendee report file") {
		t.Fatalf("Check In %+v, %v\n%s", res, err, res.Summary())
	}
	h, err := eng.Report(ctx, ev.ID)
	if err != nil || h.Attended != 0 || h.Clicked != 1 || h.NoShows != 1 {
		t.Fatalf("report %+v, %v", h, err)
	}
}

// Before an event has ended nobody is a no-show and there is no rate.
func TestReportOfAnEventNotOverHasNoNoShows(t *testing.T) {
	eng, _ := newEngine(t)
	ev := newEvent(t, eng) // ten days ahead
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		mustAdd(t, eng, ev.ID, n+"@example.org", n, "")
	}
	h, err := eng.Report(context.Background(), ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !h.NotOver || h.NoShows != 0 || h.AttendanceRate != 0 || h.Active != 5 {
		t.Fatalf("report of a future event %+v", h)
	}
}
