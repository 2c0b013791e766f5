package engine

import (
	"context"
	"encoding/binary"
	"errors"
	"time"

	"github.com/turnout-app/turnout/core"
)

// A connection may send its next message only once the last one's
// outcome is on disk, so that a crash repeats at most one message per
// connection. A transaction per outcome costs two syncs and the pages it
// touched; a note in the sent journal costs one write and one sync. So a
// reminder the server accepted is noted in the journal, and the notes are
// folded into the store in groups: every foldEvery notes, foldAfter after
// the first unfolded one (so the screens follow along), with any other
// outcome, and when the run ends. A run that finds notes a crash left
// behind folds them before it claims anything, so those reminders count
// as sent and are not sent again.
const (
	sentJournalName = "sent-mail"
	foldEvery       = 256
	foldAfter       = 250 * time.Millisecond
)

// sentNote is one reminder the server accepted.
type sentNote struct {
	job, event, registrant core.ID
	at                     time.Time
}

func (n sentNote) encode() []byte {
	b := make([]byte, 0, 4*binary.MaxVarintLen64)
	b = binary.AppendUvarint(b, uint64(n.job))
	b = binary.AppendUvarint(b, uint64(n.event))
	b = binary.AppendUvarint(b, uint64(n.registrant))
	return binary.AppendVarint(b, n.at.UnixNano())
}

var errBadNote = errors.New("engine: unreadable sent-journal note")

func decodeNote(b []byte) (sentNote, error) {
	var v [3]uint64
	for i := range v {
		x, k := binary.Uvarint(b)
		if k <= 0 {
			return sentNote{}, errBadNote
		}
		v[i], b = x, b[k:]
	}
	at, k := binary.Varint(b)
	if k <= 0 {
		return sentNote{}, errBadNote
	}
	return sentNote{job: core.ID(v[0]), event: core.ID(v[1]), registrant: core.ID(v[2]), at: time.Unix(0, at)}, nil
}

// openSentJournal opens the sent journal of a store that keeps journals;
// nil means each outcome is written in a transaction.
func (e *Engine) openSentJournal() core.Journal {
	keeper, ok := e.store.(changeStore).Store.(core.JournalKeeper)
	if !ok {
		return nil
	}
	j, err := keeper.OpenJournal(sentJournalName)
	if err != nil {
		e.log.Warn("mail: no sent journal, each outcome is written on its own", "err", core.ErrorMessage(err))
		return nil
	}
	return j
}

// recoverSent folds the notes a run that crashed left in the journal.
func (e *Engine) recoverSent(ctx context.Context, j core.Journal) error {
	recs, err := j.Records()
	if err != nil || len(recs) == 0 {
		return err
	}
	notes := make([]sentNote, 0, len(recs))
	for _, rec := range recs {
		n, err := decodeNote(rec)
		if err != nil {
			// The journal checks each record; this is no note of ours.
			e.log.Warn("mail: an unreadable note in the sent journal is skipped")
			continue
		}
		notes = append(notes, n)
	}
	var folded int
	err = e.store.Update(withChangeKind(ctx, core.ChangeReminders), func(tx core.Tx) error {
		now := e.clock.Now()
		day, err := readMailDay(tx, now)
		if err != nil {
			return err
		}
		if folded, err = foldNotes(tx, notes, func(n sentNote) {
			if now.Sub(n.at) < core.MailDayWindow {
				day.count(n.at)
			}
		}); err != nil {
			return err
		}
		return putJSONSetting(tx, settingMailDay, day)
	})
	if err != nil {
		return err
	}
	e.log.Info("mail: reminders sent before Turnout stopped are recorded", "reminders", folded)
	return j.Clear()
}

// foldNotes records each noted reminder as sent, in tx: its job is done
// and its registrant reminded at the note's time. A note whose job is gone
// (folded already, before a crash cut the journal's clearing short) or
// belongs to someone else (the data file was restored) changes nothing.
// counted is called for each note that was folded.
func foldNotes(tx core.Tx, notes []sentNote, counted func(sentNote)) (int, error) {
	folded := 0
	for _, n := range notes {
		j, err := tx.Job(core.QueueMail, n.job)
		if core.ErrorCode(err) == core.ENOTFOUND || err == nil && (j.EventID != n.event || j.RegistrantID != n.registrant) {
			continue
		} else if err != nil {
			return folded, err
		}
		if err := tx.DeleteJob(core.QueueMail, n.job); err != nil {
			return folded, err
		}
		folded++
		if counted != nil {
			counted(n)
		}
		reg, err := tx.Registrant(n.event, n.registrant)
		if core.ErrorCode(err) == core.ENOTFOUND {
			continue
		} else if err != nil {
			return folded, err
		}
		reg.Reminder = core.ReminderState{Status: core.ReminderSent, SentAt: n.at}
		if err := tx.PutRegistrant(&reg); err != nil {
			return folded, err
		}
	}
	return folded, nil
}
