package store

import (
	"context"
	"testing"

	"github.com/turnout-app/turnout/core"
)

func TestOutboxKeepsOrderAndDeduplicatesWaitingJobs(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	var first core.Job
	err := db.Update(ctx, func(tx core.Tx) error {
		for i, key := range []string{"push:1", "push:2", "push:1", ""} {
			j := core.Job{Queue: core.QueueProvider, Kind: "push", Key: key, RegistrantID: core.ID(i + 1)}
			added, err := tx.Enqueue(&j)
			if err != nil {
				return err
			}
			if want := i != 2; added != want {
				t.Errorf("job %d (key %q): added = %v, want %v", i, key, added, want)
			}
			if i == 0 {
				first = j
			}
		}
		mail := core.Job{Queue: core.QueueMail, Kind: "reminder", Key: "push:1"}
		if added, err := tx.Enqueue(&mail); err != nil || !added {
			t.Errorf("the same key in another queue must not clash: %v %v", added, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := jobRegistrants(t, db, core.QueueProvider); len(got) != 3 || got[0] != 1 || got[1] != 2 || got[2] != 4 {
		t.Fatalf("queue order = %v, want [1 2 4]", got)
	}
	// Once done, the key is free again: a later change enqueues anew.
	err = db.Update(ctx, func(tx core.Tx) error {
		if err := tx.DeleteJob(core.QueueProvider, first.ID); err != nil {
			return err
		}
		j := core.Job{Queue: core.QueueProvider, Kind: "push", Key: "push:1", RegistrantID: 9}
		added, err := tx.Enqueue(&j)
		if err == nil && !added {
			t.Error("a finished job's key still blocks the queue")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := jobRegistrants(t, db, core.QueueProvider); len(got) != 3 || got[2] != 9 {
		t.Fatalf("queue after delete = %v, want [2 4 9]", got)
	}
}

func TestOutboxJobRollsBackWithItsChange(t *testing.T) {
	db := openTemp(t)
	err := db.Update(context.Background(), func(tx core.Tx) error {
		j := core.Job{Queue: core.QueueMail, Kind: "reminder"}
		if _, err := tx.Enqueue(&j); err != nil {
			return err
		}
		return core.Errorf(core.EINVALID, "the user action failed")
	})
	if core.ErrorCode(err) != core.EINVALID {
		t.Fatalf("Update = %v", err)
	}
	if got := jobRegistrants(t, db, core.QueueMail); len(got) != 0 {
		t.Fatalf("a rolled-back action left %d jobs", len(got))
	}
}

func jobRegistrants(t *testing.T, db *DB, queue string) []core.ID {
	t.Helper()
	var ids []core.ID
	err := db.View(context.Background(), func(tx core.Tx) error {
		return tx.Jobs(queue, func(j core.Job) error { ids = append(ids, j.RegistrantID); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

func TestOutboxReadsOneJob(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx core.Tx) error {
		j := core.Job{Queue: core.QueueMail, Kind: "reminder", EventID: 3, RegistrantID: 7}
		if _, err := tx.Enqueue(&j); err != nil {
			return err
		}
		got, err := tx.Job(core.QueueMail, j.ID)
		if err != nil || got.EventID != 3 || got.RegistrantID != 7 {
			t.Errorf("Job = %+v, %v", got, err)
		}
		if _, err := tx.Job(core.QueueProvider, j.ID); core.ErrorCode(err) != core.ENOTFOUND {
			t.Errorf("a job of another queue: err = %v, want ENOTFOUND", err)
		}
		if err := tx.DeleteJob(core.QueueMail, j.ID); err != nil {
			return err
		}
		if _, err := tx.Job(core.QueueMail, j.ID); core.ErrorCode(err) != core.ENOTFOUND {
			t.Errorf("a deleted job: err = %v, want ENOTFOUND", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
