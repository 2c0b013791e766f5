package engine

import (
	"context"
	"time"

	"github.com/turnout-app/turnout/core"
)

// commit writes the outcomes that are waiting, several at a time (group
// commit): sent reminders as notes in the sent journal, anything else in
// a transaction with the notes folded (mail_journal.go).
func (r *sendRun) commit(outcomes <-chan sentItem) {
	fold := time.NewTimer(time.Hour)
	fold.Stop()
	defer r.foldSent()
	for {
		var p sentItem
		var ok bool
		select {
		case p, ok = <-outcomes:
		case <-fold.C:
			r.foldSent()
			continue
		}
		if !ok {
			return
		}
		batch := []sentItem{p}
	more:
		for {
			select {
			case q, ok := <-outcomes:
				if !ok {
					break more
				}
				batch = append(batch, q)
			default:
				break more
			}
		}
		wasEmpty := len(r.noted) == 0
		if err := r.writeOutcomes(batch); err != nil {
			r.stop(err)
		}
		for _, q := range batch {
			close(q.done)
		}
		switch {
		case len(r.noted) >= foldEvery:
			r.foldSent()
		case wasEmpty && len(r.noted) > 0:
			fold.Reset(foldAfter)
		}
	}
}

// writeOutcomes puts a batch on disk: in the journal when all of it was
// sent, else in one transaction.
func (r *sendRun) writeOutcomes(batch []sentItem) error {
	if r.journal != nil && !r.journalFailed && allSent(batch) {
		err := r.noteSent(batch)
		if err == nil {
			return nil
		}
		r.e.log.Warn("mail: the sent journal failed, outcomes go to the data file", "err", core.ErrorMessage(err))
		r.journalFailed = true
	}
	err := r.e.store.Update(context.WithoutCancel(r.ctx), func(tx core.Tx) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		if _, err := foldNotes(tx, r.noted, nil); err != nil {
			return err
		}
		for _, q := range batch {
			if err := r.apply(tx, q.oc); err != nil {
				return err
			}
		}
		return r.keepDay(tx)
	})
	if err == nil {
		r.clearNoted()
	}
	return err
}

func allSent(batch []sentItem) bool {
	for _, q := range batch {
		if q.oc.err != nil {
			return false
		}
	}
	return true
}

// noteSent writes the batch's notes with one sync and counts them as sent.
func (r *sendRun) noteSent(batch []sentItem) error {
	now := r.e.clock.Now()
	notes := make([]sentNote, len(batch))
	recs := make([][]byte, len(batch))
	for i, q := range batch {
		j := q.oc.job
		notes[i] = sentNote{job: j.ID, event: j.EventID, registrant: j.RegistrantID, at: now}
		recs[i] = notes[i].encode()
	}
	if err := r.journal.Append(recs...); err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for range batch {
		r.reserved--
		r.sum.Sent++
		r.day.count(now)
	}
	r.noted = append(r.noted, notes...)
	return nil
}

// foldSent records the noted reminders in the store and empties the
// journal. When that fails the notes stay in the journal: the next run
// folds them.
func (r *sendRun) foldSent() {
	if len(r.noted) == 0 {
		return
	}
	err := r.e.store.Update(context.WithoutCancel(r.ctx), func(tx core.Tx) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		if _, err := foldNotes(tx, r.noted, nil); err != nil {
			return err
		}
		return r.keepDay(tx)
	})
	if err != nil {
		r.stop(err)
		return
	}
	r.clearNoted()
}

// clearNoted forgets the notes once the store holds them.
func (r *sendRun) clearNoted() {
	if len(r.noted) == 0 {
		return
	}
	r.noted = r.noted[:0]
	if r.journal == nil {
		return
	}
	if err := r.journal.Clear(); err != nil {
		// Folding the notes again changes nothing (foldNotes).
		r.e.log.Warn("mail: the sent journal could not be emptied", "err", core.ErrorMessage(err))
	}
}
