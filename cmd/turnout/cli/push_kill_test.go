package cli

import (
	"context"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/store"
)

// What the kill-during-push tests of every provider share: kill "turnout
// push" mid-push, count the jobs it left in flight, and check nobody was
// registered twice after the restart.

// killPushMidway starts "turnout push" on the event, kills it with SIGKILL
// once sent() reaches atLeast (or after timeout), then waits until sent()
// has stood still for 200 ms: requests the dead process had sent still land,
// as they would at the provider, before the restart looks them up.
func killPushMidway(t *testing.T, data, event string, atLeast int, timeout time.Duration, sent func() int) {
	t.Helper()
	child := turnoutProcess(t, "--data", data, "push", "--event", event)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(timeout)
	for sent() < atLeast && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	child.Wait()
	for settled, last := 0, -1; settled < 10; time.Sleep(20 * time.Millisecond) {
		if n := sent(); n == last {
			settled++
		} else {
			settled, last = 0, n
		}
	}
}

// jobsInFlight counts the provider jobs a killed process left marked as
// sent, which the restart must look up instead of sending again.
func jobsInFlight(t *testing.T, data string) int {
	t.Helper()
	db, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	n := 0
	db.View(context.Background(), func(tx core.Tx) error {
		return tx.Jobs(core.QueueProvider, func(j core.Job) error {
			if !j.InFlightAt.IsZero() {
				n++
			}
			return nil
		})
	})
	return n
}

// registeredOnce fails the test if an address (in any case) is registered
// twice, and returns how many people are registered.
func registeredOnce(t *testing.T, emails []string) int {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range emails {
		if seen[strings.ToLower(e)] {
			t.Fatalf("%s registered twice", e)
		}
		seen[strings.ToLower(e)] = true
	}
	return len(seen)
}
