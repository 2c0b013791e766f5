package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
)

// While people wait to be registered at the provider, the registrants
// screen says how many are done and waiting; it says how long the rest
// takes where the provider's limit makes that worth saying.
func TestRegistrantsScreenShowsThePushUnderWay(t *testing.T) {
	u, eng, _ := newDemoUI(t)
	ctx := context.Background()
	accounts, _ := eng.Accounts(ctx)
	if _, err := eng.SetAccountActive(ctx, accounts[0].ID, false); err != nil { // the pushes wait
		t.Fatal(err)
	}
	var managed core.Event
	events, _ := eng.ListEvents(ctx, "")
	for _, e := range events {
		if ev, _ := eng.Event(ctx, e.ID); ev.Location.Managed() {
			managed = ev
			break
		}
	}
	if managed.ID == 0 {
		t.Fatal("the demo has no managed event")
	}
	v := u.OpenEvent(managed, ScreenRegistrants)
	u.wait()
	waiting := func() int { return v.registrants.sync.Pending + v.registrants.sync.NotPushed }
	before := waiting()
	addPerson(t, eng, managed, "Wes", "wes.waits@example.org")
	waitShown(t, u, "the new registration", 5*time.Second, func() bool { return waiting() == before+1 })
	s := v.registrants
	if waiting() != before+1 || !s.push.box.Visible() || !strings.Contains(s.push.status.Text, "waiting") ||
		!strings.Contains(s.push.status.Text, "The account is off") {
		t.Fatalf("after a registration: waiting %d (was %d), shown %t, %q", waiting(), before, s.push.box.Visible(), s.push.status.Text)
	}
	slow := core.EventSync{Managed: true, Provider: "RingCentral", AccountActive: true, Pushed: 120, Pending: 1000, PushPerMinute: 10}
	if got := pushProgressText(slow); got != "Registering in RingCentral: 120 of 1,120 done, 1,000 waiting, about 1 h 40 min left at RingCentral's limit." {
		t.Fatalf("slow provider: %q", got)
	}
}
