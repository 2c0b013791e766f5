package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// Issue 12, defect 10 in the window: a start in the hour the clocks go
// back over is asked about, and the answer is what gets stored.
func TestEditorAsksWhichOfARepeatedStartTime(t *testing.T) {
	u, eng := newTestUI(t)
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	// The next time New York's clocks go back after the test's now.
	at := testNow.In(ny)
	for {
		_, end := at.ZoneBounds()
		_, before := at.Zone()
		_, after := end.In(ny).Zone()
		if at = end.In(ny); after < before {
			break
		}
	}
	first := at.Add(-30 * time.Minute) // 1:30 before the change
	test.Tap(u.events.newBtn)
	u.wait()
	ed := u.events.editor
	test.Type(ed.title, "Autumn webinar")
	ed.zone.SetText("America/New_York")
	ed.joinURL.SetText("https://example.org/live")
	ed.start.SetText(first.In(ny).Format("2006-01-02 15:04"))
	test.Tap(ed.saveBtn)
	u.wait()
	if ed.repeatedTime[0] == nil || ed.errLabel.Visible() {
		t.Fatalf("no question asked (error shown: %q)", ed.errLabel.Text)
	}
	test.Tap(ed.repeatedTime[0])
	u.wait()
	list, err := eng.ListEvents(context.Background(), "Autumn webinar")
	if err != nil || len(list) != 1 || !list[0].Start.Equal(first) {
		t.Fatalf("stored %v, %v; want the start at %v", list, err, first)
	}
}
