package engine_test

import (
	"context"
	"testing"
	"time"
)

// A push that reaches the provider is a successful call with the account:
// "Last worked" on the account must move, in the push's own transaction;
// a refused push must not move it.
func TestPushStampsAccountLastWorked(t *testing.T) {
	f := newZoomFixture(t, zMeeting)
	ctx := context.Background()
	if !f.acc.LastOKAt.IsZero() {
		t.Fatalf("a fresh account already worked at %v", f.acc.LastOKAt)
	}
	mustAdd(t, f.eng, f.ev.ID, f.fake.HostEmail(), "Hal", "Host")
	if sum, err := f.eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Failed != 1 {
		t.Fatalf("refused push: %+v %v", sum, err)
	}
	acc, err := f.eng.FindAccount(ctx, "Main")
	if err != nil {
		t.Fatal(err)
	}
	if !acc.LastOKAt.IsZero() {
		t.Fatalf("a refused push stamped the account as working at %v", acc.LastOKAt)
	}

	before := time.Now().Add(-time.Second)
	mustAdd(t, f.eng, f.ev.ID, "ok@example.org", "Ok", "Person")
	if sum, err := f.eng.PushEvent(ctx, f.ev.ID); err != nil || sum.Pushed != 1 {
		t.Fatalf("push: %+v %v", sum, err)
	}
	acc, err = f.eng.FindAccount(ctx, "Main")
	if err != nil {
		t.Fatal(err)
	}
	if acc.LastOKAt.Before(before) || acc.LastOKAt.After(time.Now().Add(time.Second)) {
		t.Fatalf("after a push the account last worked at %v, want about now", acc.LastOKAt)
	}
	if !acc.UpdatedAt.Equal(f.acc.UpdatedAt) {
		t.Fatalf("stamping changed UpdatedAt (%v → %v): the cached adapter would be thrown away", f.acc.UpdatedAt, acc.UpdatedAt)
	}
}
