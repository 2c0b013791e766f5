package engine

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/turnout-app/turnout/core"
	"github.com/turnout-app/turnout/core/mail"
)

// claimAhead is how many jobs the feeder marks in flight and composes in
// one go: enough to keep the connections busy, few enough that the
// write transaction stays short. A claimed job that was never sent is no
// repeat after a crash: the next start sends it for the first time.
const claimAhead = 32

// sendRun is one SendQueuedMailWith. A feeder claims due jobs (marking
// them in flight) and composes their messages outside any write
// transaction, while the connections are busy; each of k senders keeps
// one connection and, after the server accepted a message, waits until
// its outcome is committed before taking the next one, so a crash can
// repeat at most one message per connection. A committer records the
// outcomes that arrived together in one transaction (group commit).
type sendRun struct {
	e    *Engine
	ctx  context.Context
	o    MailOptions
	cfg  core.MailSettings
	prof core.MailProfile

	mu       sync.Mutex
	sum      MailSummary
	day      mailDay
	reserved int // claimed, not yet recorded: counted against the day's limit
	taken    int // claimed in this run (BatchSize)
	claimed  map[core.ID]bool
	giveBack []core.Job // claimed but never sent: waiting again, untouched
	err      error      // why the batch stopped early
	stopped  chan struct{}
	stopOnce sync.Once

	journal       core.Journal // the sent journal; nil: a transaction per outcome
	journalFailed bool         // an append failed: transactions from then on
	noted         []sentNote   // in the journal, not yet folded into the store
	merger        *mail.Merger // renders the run's messages, in compose
}

type sendItem struct {
	job core.Job
	reg core.Registrant // as the claim read them, to compose from
	ev  core.Event
	msg core.MailMessage
}

type sentItem struct {
	oc   outcome
	done chan struct{}
}

func (r *sendRun) stop(err error) {
	r.mu.Lock()
	r.stopLocked(err)
	r.mu.Unlock()
}

// stopLocked is stop with r.mu held.
func (r *sendRun) stopLocked(err error) {
	if r.err == nil && err != nil {
		r.err = err
	}
	r.stopOnce.Do(func() { close(r.stopped) })
}

func (r *sendRun) isStopped() bool {
	select {
	case <-r.stopped:
		return true
	default:
		return r.ctx.Err() != nil
	}
}

func (r *sendRun) putBack(jobs ...core.Job) {
	r.mu.Lock()
	r.giveBack = append(r.giveBack, jobs...)
	r.reserved -= len(jobs)
	r.mu.Unlock()
}

// run sends until the outbox has nothing due, the batch is full, or
// something stops it.
func (r *sendRun) run(conns int) {
	// Room for a whole claim: the feeder claims and composes the next
	// jobs while the connections work through these.
	work := make(chan sendItem, conns+claimAhead)
	outcomes := make(chan sentItem, conns)
	committed := make(chan struct{})
	go func() { r.commit(outcomes); close(committed) }()
	var senders sync.WaitGroup
	for i := range conns {
		senders.Add(1)
		go func() { defer senders.Done(); r.sendOn(i, work, outcomes) }()
	}
	r.feed(work)
	senders.Wait()
	close(outcomes)
	<-committed
}

// feed claims and composes jobs for the senders until none is due.
func (r *sendRun) feed(work chan<- sendItem) {
	defer close(work)
	// The first claim is one job per connection, so sending starts at
	// once; later ones claim ahead while the connections are busy.
	for size := max(cap(work)-claimAhead, 1); !r.isStopped(); size = claimAhead {
		claimed, err := r.claim(size)
		if err != nil || len(claimed) == 0 {
			if err != nil {
				r.stop(err)
			}
			return
		}
		items, err := r.compose(claimed)
		if err != nil {
			for _, it := range claimed {
				r.putBack(it.job)
			}
			r.stop(err)
			return
		}
		for i, it := range items {
			select {
			case work <- it:
			case <-r.stopped:
				for _, rest := range items[i:] {
					r.putBack(rest.job)
				}
				return
			case <-r.ctx.Done():
				for _, rest := range items[i:] {
					r.putBack(rest.job)
				}
				return
			}
		}
	}
}

// claim marks up to n due jobs in flight in one transaction, dropping
// those nobody should get any more.
func (r *sendRun) claim(n int) ([]sendItem, error) {
	var got []sendItem
	err := r.e.store.Update(context.WithoutCancel(r.ctx), func(tx core.Tx) error {
		got = got[:0]
		now := r.e.clock.Now()
		r.mu.Lock()
		defer r.mu.Unlock()
		n = min(n, r.o.BatchSize-r.taken)
		if r.prof.PerDay > 0 {
			left := r.prof.PerDay - r.day.Sent - r.reserved
			if left <= 0 {
				if r.reserved == 0 {
					r.pauseForDay(now, dayLimitWords(r.prof))
				}
				return nil
			}
			n = min(n, left)
		}
		if n <= 0 {
			return nil
		}
		err := tx.Jobs(core.QueueMail, func(j core.Job) error {
			if r.claimed[j.ID] || !j.Due(now) {
				return nil
			}
			it, err := r.e.checkJob(tx, j, now, &r.sum)
			if err != nil || it == nil {
				return err
			}
			if !r.cfg.Configured() {
				return errNoMailServer
			}
			j.InFlightAt = now
			j.Attempts++
			if err := tx.PutJob(j); err != nil {
				return err
			}
			it.job = j
			if got = append(got, *it); len(got) >= n {
				return errStopScan
			}
			return nil
		})
		if errors.Is(err, errStopScan) {
			err = nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	for _, it := range got {
		r.claimed[it.job.ID] = true
	}
	r.taken += len(got)
	r.reserved += len(got)
	r.mu.Unlock()
	return got, nil
}

// compose renders the claimed jobs' messages in one read transaction
// (the signing key of tracked links is read there).
func (r *sendRun) compose(claimed []sendItem) ([]sendItem, error) {
	err := r.e.store.View(context.WithoutCancel(r.ctx), func(tx core.Tx) error {
		kit, err := readReminderKit(tx)
		if err != nil {
			return err
		}
		for i := range claimed {
			it := &claimed[i]
			if it.msg, err = r.e.composeWith(tx, kit, it.ev, it.reg, false); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return claimed, err
	}
	// Rendered ahead, outside the transaction, so a connection only
	// transmits; a message that can't be rendered is the sender's to
	// report.
	if r.merger == nil {
		r.merger = mail.NewMerger(r.cfg)
	}
	for i := range claimed {
		if w, err := r.merger.Render(claimed[i].msg); err == nil {
			claimed[i].msg.Wire = w
		}
	}
	return claimed, nil
}

// sendOn is one connection: it sends what the feeder composed, each
// message once its slot in the pace has come.
func (r *sendRun) sendOn(idx int, work <-chan sendItem, outcomes chan<- sentItem) {
	var sess core.MailSession
	var pending *sentItem // the last outcome, still being written
	defer func() {
		pending.wait()
		if sess != nil {
			_ = sess.Close()
		}
	}()
	for it := range work {
		if r.isStopped() || !r.e.waitForSlot(r.ctx, r.o, r.prof) {
			r.putBack(it.job)
			continue
		}
		if sess == nil {
			s, err := r.o.Mailer.Dial(r.ctx, r.cfg)
			var se *mail.SendError
			if err != nil && idx > 0 && errors.As(err, &se) && se.Throttled() {
				// "432 4.3.2 Concurrent connections limit exceeded": the
				// other connections carry on without this one.
				r.putBack(it.job)
				return
			}
			if err != nil {
				r.record(outcomes, outcome{job: it.job, err: err, dial: true})
				r.stop(userMailError(err))
				continue
			}
			sess = s
		}
		var err error
		if st, ok := sess.(core.MailStager); ok {
			// The message travels while the previous outcome is written;
			// only its end waits for that write, so a crash repeats at
			// most one message on this connection.
			var finish func() error
			finish, err = st.Stage(it.msg)
			pending = pending.wait()
			if err == nil {
				err = finish()
			}
			pending = r.submit(outcomes, outcome{job: it.job, err: err})
		} else {
			err = sess.Send(it.msg)
			r.record(outcomes, outcome{job: it.job, err: err})
		}
		var se *mail.SendError
		if errors.As(err, &se) && se.Broken {
			pending = pending.wait()
			_ = sess.Close()
			sess = nil
		}
	}
}

// record hands an outcome to the committer and waits until it is
// written: only then may this connection send another message.
func (r *sendRun) record(outcomes chan<- sentItem, oc outcome) {
	r.submit(outcomes, oc).wait()
}

// submit hands an outcome to the committer without waiting.
func (r *sendRun) submit(outcomes chan<- sentItem, oc outcome) *sentItem {
	p := &sentItem{oc: oc, done: make(chan struct{})}
	outcomes <- *p
	return p
}

// wait returns once the outcome is written (at once for none) and
// always returns nil, the "nothing pending" of the caller.
func (p *sentItem) wait() *sentItem {
	if p != nil {
		<-p.done
	}
	return nil
}

// keepDay writes the day's counter with the outcomes when a daily limit
// depends on it; without one, finish writes it once at the end (a crash
// then loses only the count of a day nothing limits).
func (r *sendRun) keepDay(tx core.Tx) error {
	if r.prof.PerDay <= 0 && r.day.PausedUntil.IsZero() {
		return nil
	}
	return putJSONSetting(tx, settingMailDay, r.day)
}

// finish puts the jobs claimed but never sent back to waiting, keeps the
// day's counter and counts what is left.
func (r *sendRun) finish() error {
	return r.e.store.Update(context.WithoutCancel(r.ctx), func(tx core.Tx) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		for _, j := range r.giveBack {
			j.InFlightAt = time.Time{}
			j.Attempts--
			if err := tx.PutJob(j); err != nil {
				return err
			}
		}
		r.giveBack = nil
		if err := putJSONSetting(tx, settingMailDay, r.day); err != nil {
			return err
		}
		return r.e.countRemaining(tx, &r.sum)
	})
}
