package core

import "slices"

// ChangeKind says what a saved change touched; kinds combine as bits.
type ChangeKind uint8

const (
	// ChangeRegistrants: people added, edited, cancelled or imported.
	ChangeRegistrants ChangeKind = 1 << iota
	// ChangeReminders: a reminder was queued, sent, failed or dropped.
	ChangeReminders
	// ChangeSync: a registrant's push to the provider moved on.
	ChangeSync
	// ChangeEvent: the event itself was created, edited or deleted.
	ChangeEvent
	// ChangeCheckIn: attendance was recorded or undone.
	ChangeCheckIn
	// ChangeAll: the whole data file changed (restore); reload everything.
	ChangeAll
)

// MaxChangeIDs is how many registrant IDs one Change lists; past it the
// change says Many and screens reload the event's list once instead of
// row by row.
const MaxChangeIDs = 500

// Change tells screens that saved data changed, so they can show it
// without staff leaving and reopening them. It is sent after the
// transaction committed.
type Change struct {
	// EventID is the event whose data changed; 0 with ChangeAll.
	EventID ID
	Kind    ChangeKind
	// RegistrantIDs are the changed registrants of the event, sorted,
	// without repeats; nil when Many or when none changed.
	RegistrantIDs []ID
	// Many says more than MaxChangeIDs registrants changed.
	Many bool
}

// Has reports whether the change includes any of the kinds k.
func (c Change) Has(k ChangeKind) bool { return c.Kind&k != 0 }

// Registrants reports whether registrants of the event changed.
func (c Change) Registrants() bool { return c.Many || len(c.RegistrantIDs) > 0 }

// Merge adds a later change of the same event to c: kinds combine, IDs
// join (sorted, no repeats) up to MaxChangeIDs, then Many.
func (c *Change) Merge(o Change) {
	c.Kind |= o.Kind
	if c.Many || o.Many {
		c.Many, c.RegistrantIDs = true, nil
		return
	}
	if len(o.RegistrantIDs) == 0 {
		return
	}
	ids := append(c.RegistrantIDs, o.RegistrantIDs...)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > MaxChangeIDs {
		c.Many, c.RegistrantIDs = true, nil
		return
	}
	c.RegistrantIDs = ids
}

// ChangeService tells screens when saved data changes: the mail outbox
// sent a reminder, provider sync pushed someone, an import or check-in
// ran, in this window or in the background.
type ChangeService interface {
	// Subscribe calls fn with the changes saved since its last call,
	// at most one Change per event, a fraction of a second after they
	// were saved. Calls to fn come one at a time from a goroutine of the
	// service's; a slow fn delays only its own later calls (which then
	// carry the changes merged), never the work that made them.
	// Unsubscribe stops further calls.
	Subscribe(fn func([]Change)) (unsubscribe func())
}
