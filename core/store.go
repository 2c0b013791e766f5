package core

import (
	"context"
	"io"
)

// Store keeps Turnout's data. Every user action runs in exactly one
// transaction: Update commits all its writes or none of them.
type Store interface {
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in a read-write transaction; an error from fn rolls
	// everything back.
	Update(ctx context.Context, fn func(Tx) error) error
	// Backup writes a consistent copy of the whole data file to w while the
	// store stays in use.
	Backup(w io.Writer) (int64, error)
	// Restore replaces all data with the backup file at path. It first
	// checks that the file is a Turnout data file of a schema this version
	// understands; then it closes the store, swaps the file in atomically
	// and reopens. If any step fails before the swap the current data stays
	// as it was and the store stays usable. Transactions wait while it runs.
	Restore(path string) error
	// Path is where the data file lives.
	Path() string
	Close() error
}

// Tx is one transaction. Records returned from it stay valid after it ends.
// Methods return an *Error with ENOTFOUND when a record does not exist.
type Tx interface {
	Office() (Office, error) // DefaultOffice until settings are saved
	PutOffice(o Office) error

	Event(id ID) (Event, error)
	Events() ([]Event, error) // ordered by start
	// PutEvent inserts (ID zero: a new ID is assigned to e) or replaces an event.
	PutEvent(e *Event) error
	// DeleteEvent removes an event with its registrants and participants.
	DeleteEvent(id ID) error

	Registrant(eventID, id ID) (Registrant, error)
	// RegistrantByEmail finds a registrant by EmailKey(email).
	RegistrantByEmail(eventID ID, email string) (Registrant, error)
	// Registrants calls fn for each registrant of the event in ID order and
	// stops at the first error fn returns.
	Registrants(eventID ID, fn func(Registrant) error) error
	// CountRegistrants counts an event's registrants (cancelled included).
	CountRegistrants(eventID ID) (int, error)
	// RegistrantCounts returns the event's running totals, kept in step
	// with every PutRegistrant of the transaction.
	RegistrantCounts(eventID ID) (RegistrantCounts, error)
	// PutRegistrant inserts (ID zero) or replaces a registrant and keeps
	// the email index in step. A second registrant with the same EmailKey in
	// the same event is refused with ECONFLICT.
	PutRegistrant(r *Registrant) error
	// DeleteRegistrant removes a registrant with their audit log (to undo
	// adding them by mistake; cancelling is the ordinary removal).
	DeleteRegistrant(eventID, id ID) error

	// Participants calls fn for each participant of the event in ID order.
	Participants(eventID ID, fn func(Participant) error) error
	// PutParticipant inserts (ID zero) or replaces a participant.
	PutParticipant(p *Participant) error

	Outbox
	ClickLog
	Settings
	AccountStore
	AttendanceLog
	Secrets
}

// Storage errors that the engine turns into user messages.
var (
	ErrAlreadyRunning = Errorf(EUNAVAILABLE, "Turnout is already running with this data file. Close the other Turnout window (or stop \"turnout serve\") and try again.")
)

// NotFound builds the ENOTFOUND error for a kind of record.
func NotFound(kind string, id ID) *Error {
	return Errorf(ENOTFOUND, "%s %d was not found; it may have been deleted.", kind, id)
}
