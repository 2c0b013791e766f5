package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/turnout-app/turnout/core"
)

// The outbox holds one nested bucket per queue, keyed by job ID, so that a
// worker reads its queue first in, first out with one cursor. IDs come from
// the outbox bucket's sequence and are shared by all queues.

var _ core.Outbox = (*tx)(nil)

// queueBucket returns a queue's bucket, creating it on first write.
func (t *tx) queueBucket(queue string, create bool) (*bolt.Bucket, error) {
	outbox, err := t.bucket(bucketOutbox)
	if err != nil {
		return nil, err
	}
	if q := outbox.Bucket([]byte(queue)); q != nil || !create {
		return q, nil
	}
	return outbox.CreateBucket([]byte(queue))
}

// jobKey is the outbox_keys entry of a keyed job. The zero byte keeps
// "a" + "b|c" apart from "a|b" + "c".
func jobKey(queue, key string) []byte {
	return append(append([]byte(queue), 0), key...)
}

// Enqueue adds j unless a waiting job of the queue has the same Key.
func (t *tx) Enqueue(j *core.Job) (bool, error) {
	if j.Queue == "" || j.Kind == "" {
		return false, fmt.Errorf("store: enqueue: a job needs a queue and a kind")
	}
	keys, err := t.bucket(bucketOutboxKeys)
	if err != nil {
		return false, err
	}
	if j.Key != "" && keys.Get(jobKey(j.Queue, j.Key)) != nil {
		return false, nil
	}
	outbox, err := t.bucket(bucketOutbox)
	if err != nil {
		return false, err
	}
	seq, err := outbox.NextSequence()
	if err != nil {
		return false, fmt.Errorf("store: enqueue: %w", err)
	}
	j.ID = core.ID(seq)
	if err := t.PutJob(*j); err != nil {
		return false, err
	}
	if j.Key != "" {
		if err := keys.Put(jobKey(j.Queue, j.Key), idKey(j.ID)); err != nil {
			return false, fmt.Errorf("store: enqueue: %w", err)
		}
	}
	return true, nil
}

// Jobs calls fn for each job of a queue, oldest first.
func (t *tx) Jobs(queue string, fn func(core.Job) error) error {
	q, err := t.queueBucket(queue, false)
	if err != nil || q == nil {
		return err
	}
	return q.ForEach(func(k, v []byte) error {
		var j core.Job
		if err := json.Unmarshal(v, &j); err != nil {
			return fmt.Errorf("store: decode job %x: %w", k, err)
		}
		return fn(j)
	})
}

// Job reads one job of a queue.
func (t *tx) Job(queue string, id core.ID) (core.Job, error) {
	q, err := t.queueBucket(queue, false)
	if err != nil {
		return core.Job{}, err
	}
	var v []byte
	if q != nil {
		v = q.Get(idKey(id))
	}
	if v == nil {
		return core.Job{}, core.Errorf(core.ENOTFOUND, "job %d not found", id)
	}
	var j core.Job
	if err := json.Unmarshal(v, &j); err != nil {
		return core.Job{}, fmt.Errorf("store: decode job %d: %w", id, err)
	}
	return j, nil
}

// PutJob saves a job under its ID.
func (t *tx) PutJob(j core.Job) error {
	if j.ID == 0 {
		return fmt.Errorf("store: put job: the job has no ID; use Enqueue")
	}
	q, err := t.queueBucket(j.Queue, true)
	if err != nil {
		return err
	}
	v, err := json.Marshal(j)
	if err != nil {
		return fmt.Errorf("store: encode job: %w", err)
	}
	return q.Put(idKey(j.ID), v)
}

// DeleteJob removes a job and frees its Key.
func (t *tx) DeleteJob(queue string, id core.ID) error {
	q, err := t.queueBucket(queue, false)
	if err != nil || q == nil {
		return err
	}
	v := q.Get(idKey(id))
	if v == nil {
		return nil
	}
	var j core.Job
	if err := json.Unmarshal(v, &j); err != nil {
		return fmt.Errorf("store: decode job %d: %w", id, err)
	}
	if j.Key != "" {
		keys, err := t.bucket(bucketOutboxKeys)
		if err != nil {
			return err
		}
		if err := keys.Delete(jobKey(queue, j.Key)); err != nil {
			return err
		}
	}
	return q.Delete(idKey(id))
}
