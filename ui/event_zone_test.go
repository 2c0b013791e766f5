package ui

import (
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// An imported webinar keeps its own zone; the events screen adds the
// office's clock when it differs, and nothing when it is the same.
func TestOfficeTimeShownWhenTheEventZoneDiffers(t *testing.T) {
	paris, err := core.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	office := core.Office{TimeZone: "America/New_York"}
	winter := time.Date(testNow.Year(), 1, 15, 9, 0, 0, 0, paris)
	if got := officeTime(winter, "Europe/Paris", office); got != " · 03:00 EST at the office" {
		t.Fatalf("Paris 09:00 for a New York office: %q", got)
	}
	late := time.Date(testNow.Year(), 1, 15, 2, 0, 0, 0, paris)
	if got := officeTime(late, "Europe/Paris", office); got != " · "+late.In(mustZone(t, "America/New_York")).Format("Mon")+" 20:00 EST at the office" {
		t.Fatalf("across midnight: %q", got)
	}
	if got := officeTime(winter, "America/New_York", office); got != "" {
		t.Fatalf("same zone: %q", got)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := core.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
