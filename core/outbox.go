package core

import "time"

// Queues that persist work for the outside world. The job is enqueued in
// the same transaction as the change that causes it, so a crash can never
// keep the change and lose the job, or the other way round.
const (
	QueueProvider = "provider" // pushes, cancels and re-approvals at the provider
	QueueMail     = "mail"     // reminder and confirmation emails
)

// Job is one piece of outside work waiting in a queue. Workers take jobs in
// ID order (first in, first out), mark them in flight in their own
// transaction before they call out, and delete them in the transaction
// that records the outcome.
type Job struct {
	ID    ID     `json:"id"`
	Queue string `json:"queue"`
	// Kind says what to do, e.g. "push", "cancel", "reminder".
	Kind         string `json:"kind"`
	EventID      ID     `json:"event_id,omitempty"`
	RegistrantID ID     `json:"registrant_id,omitempty"`
	// Key makes a job unique in its queue while it waits: enqueueing a
	// second job with the same key is a no-op. "" means no de-duplication.
	Key       string    `json:"key,omitempty"`
	Attempts  int       `json:"attempts,omitempty"`
	NotBefore time.Time `json:"not_before,omitzero"` // retry backoff
	// InFlightAt is set just before the worker calls out. A job found in
	// flight after a crash may or may not have reached the other side.
	InFlightAt time.Time `json:"in_flight_at,omitzero"`
	LastError  string    `json:"last_error,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	Data       []byte    `json:"data,omitempty"` // kind-specific details
}

// Due reports whether the job may run at now.
func (j Job) Due(now time.Time) bool { return !j.NotBefore.After(now) }

// Outbox is the part of a transaction that holds the queues.
type Outbox interface {
	// Enqueue adds a job (assigning j.ID) unless a waiting job in the same
	// queue has the same non-empty Key, in which case it returns false.
	Enqueue(j *Job) (bool, error)
	// Jobs calls fn for each job of a queue in ID order until fn returns
	// an error.
	Jobs(queue string, fn func(Job) error) error
	// Job reads one job of a queue (ENOTFOUND when it is gone).
	Job(queue string, id ID) (Job, error)
	// PutJob saves a changed job (attempts, backoff, in-flight mark).
	PutJob(j Job) error
	// DeleteJob removes a finished job; deleting a missing job is harmless.
	DeleteJob(queue string, id ID) error
}
