package engine

import (
	"context"
	"slices"

	"github.com/turnout-app/turnout/core"
)

// changeStore is the store as the engine uses it: each transaction that
// commits publishes what it wrote on the change bus. Watching the writes
// themselves means no use case can forget to tell the screens.
type changeStore struct {
	core.Store
	bus *changeBus
}

// Update runs fn and, once it committed, publishes its changes.
func (s changeStore) Update(ctx context.Context, fn func(core.Tx) error) error {
	var rec *changeRecorder
	err := s.Store.Update(ctx, func(tx core.Tx) error {
		rec = newChangeRecorder(changeKindOf(ctx)) // afresh if the store runs fn again
		return fn(changeTx{Tx: tx, rec: rec})
	})
	if err == nil && rec != nil {
		s.bus.publish(rec.changes())
	}
	return err
}

// Restore replaces the whole data file: every screen reloads.
func (s changeStore) Restore(path string) error {
	err := s.Store.Restore(path)
	if err == nil {
		s.bus.publish([]core.Change{{Kind: core.ChangeAll}})
	}
	return err
}

// changeRecorder collects one transaction's changes per event.
type changeRecorder struct {
	kind   core.ChangeKind // of registrant writes, from the context; 0: edits
	order  []core.ID
	events map[core.ID]*recorded
}

type recorded struct {
	kind core.ChangeKind
	ids  map[core.ID]struct{}
	many bool
}

func newChangeRecorder(kind core.ChangeKind) *changeRecorder {
	return &changeRecorder{kind: kind, events: map[core.ID]*recorded{}}
}

func (r *changeRecorder) event(id core.ID, kind core.ChangeKind) *recorded {
	ev := r.events[id]
	if ev == nil {
		ev = &recorded{ids: map[core.ID]struct{}{}}
		r.events[id] = ev
		r.order = append(r.order, id)
	}
	ev.kind |= kind
	return ev
}

// registrant notes a registrant write: of the context's kind (a reminder
// sent, a push done), else an edit.
func (r *changeRecorder) registrant(eventID, id core.ID) {
	kind := r.kind
	if kind == 0 {
		kind = core.ChangeRegistrants
	}
	ev := r.event(eventID, kind)
	if ev.many {
		return
	}
	ev.ids[id] = struct{}{}
	if len(ev.ids) > core.MaxChangeIDs {
		ev.many, ev.ids = true, nil // an import: the screen reloads once
	}
}

func (r *changeRecorder) changes() []core.Change {
	out := make([]core.Change, 0, len(r.order))
	for _, id := range r.order {
		ev := r.events[id]
		c := core.Change{EventID: id, Kind: ev.kind, Many: ev.many}
		for rid := range ev.ids {
			c.RegistrantIDs = append(c.RegistrantIDs, rid)
		}
		slices.Sort(c.RegistrantIDs)
		out = append(out, c)
	}
	return out
}

// changeTx notes the writes that screens show.
type changeTx struct {
	core.Tx
	rec *changeRecorder
}

func (t changeTx) PutRegistrant(r *core.Registrant) error {
	if err := t.Tx.PutRegistrant(r); err != nil {
		return err
	}
	t.rec.registrant(r.EventID, r.ID)
	return nil
}

func (t changeTx) PutEvent(e *core.Event) error {
	if err := t.Tx.PutEvent(e); err != nil {
		return err
	}
	t.rec.event(e.ID, core.ChangeEvent)
	return nil
}

func (t changeTx) DeleteEvent(id core.ID) error {
	if err := t.Tx.DeleteEvent(id); err != nil {
		return err
	}
	t.rec.event(id, core.ChangeEvent)
	return nil
}

func (t changeTx) PutParticipant(p *core.Participant) error {
	if err := t.Tx.PutParticipant(p); err != nil {
		return err
	}
	t.rec.event(p.EventID, core.ChangeCheckIn)
	return nil
}

func (t changeTx) AddCheckInRun(r *core.CheckInRun) error {
	if err := t.Tx.AddCheckInRun(r); err != nil {
		return err
	}
	t.rec.event(r.EventID, core.ChangeCheckIn)
	return nil
}
