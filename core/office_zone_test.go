package core

import (
	"testing"
	"time"
)

// A zone is read from the system once and kept: every reminder of a batch
// asks for two. Unknown and empty names still say what to type.
func TestLoadLocationKeepsZonesAndRefusesUnknownOnes(t *testing.T) {
	first, err := LoadLocation("Europe/Lisbon")
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadLocation("Europe/Lisbon")
	if err != nil || again != first {
		t.Fatalf("second load = %p, %v; want the kept zone %p", again, err, first)
	}
	summer := time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC).In(again)
	if _, off := summer.Zone(); off != 3600 {
		t.Errorf("Lisbon in July is UTC%+d, want +1h", off/3600)
	}
	for _, name := range []string{"Mars/Olympus_Mons", " "} {
		if _, err := LoadLocation(name); ErrorCode(err) != EINVALID {
			t.Errorf("LoadLocation(%q) = %v, want a message to fix the zone", name, err)
		}
		if _, err := LoadLocation(name); ErrorCode(err) != EINVALID {
			t.Errorf("LoadLocation(%q) the second time = %v: a refusal must not be kept as a zone", name, err)
		}
	}
}
