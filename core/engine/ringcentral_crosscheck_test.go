package engine_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core/provider/ringcentral/rcfake"
)

// After a RingCentral check-in, "has a participantId" cross-checks the
// result both ways: a registrant RingCentral marks as joined but whom its
// history does not list is named in a warning and not checked in; one
// the history lists but RingCentral does not mark is named too, and
// stays checked in.
func TestRingCentralCheckInCrossChecksParticipantIDs(t *testing.T) {
	f := newRCFixture(t, rcfake.Options{}, 4)
	eng := f.engine()
	ctx := context.Background()
	if sum, err := eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Pushed != 4 {
		t.Fatalf("push %+v %v", sum, err)
	}
	var devices []rcfake.Device
	for _, e := range []string{"grad0@example.org", "grad1@example.org"} {
		devices = append(devices, rcfake.Device{Email: e, FirstName: "Grad", LastName: "X", Join: f.start, Leave: f.start.Add(50 * time.Minute)})
	}
	f.fake.Finish(f.sid, devices...)
	res, err := eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil || res.Attended != 2 {
		t.Fatalf("check-in %+v %v", res, err)
	}
	if len(res.Warnings) != 0 {
		t.Fatalf("history and participantIds agree, yet: %q", res.Warnings)
	}

	// RingCentral's registrant list now says grad2 joined, with no
	// participant record in the history, and no longer says grad1 did,
	// although the history lists grad1's device.
	if !f.fake.SetParticipantID(f.sid, "grad2@example.org", "900000001") || !f.fake.SetParticipantID(f.sid, "grad1@example.org", "") {
		t.Fatal("grad1 or grad2 is not registered at RingCentral")
	}
	res, err = eng.CheckInEvent(ctx, f.ev.ID, nil)
	if err != nil || res.Attended != 2 {
		t.Fatalf("second check-in %+v %v", res, err)
	}
	want := []string{
		"RingCentral Webinar says 1 more person joined than its participant list shows: Grad No2 (grad2@example.org). " +
			"They were not checked in; check them in by hand if they attended.",
		"RingCentral Webinar's participant list shows 1 person whose registration there does not say they joined: " +
			"Grad No1 (grad1@example.org). They are checked in from the participant list; look at the session in RingCentral Webinar if that seems wrong.",
	}
	if !slices.Equal(res.Warnings, want) {
		t.Fatalf("warnings %q\nwant %q", res.Warnings, want)
	}
	if !strings.Contains(res.Summary(), want[0]) || !strings.Contains(res.Summary(), want[1]) {
		t.Errorf("the summary staff read leaves the warnings out: %s", res.Summary())
	}
	regs, _ := eng.Registrants(ctx, f.ev.ID)
	for _, r := range regs {
		if want := r.Email == "grad0@example.org" || r.Email == "grad1@example.org"; (r.CheckIn != nil) != want {
			t.Errorf("%s checked in = %v, want %v", r.Email, r.CheckIn != nil, want)
		}
	}
}
