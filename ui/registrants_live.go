package ui

import (
	"context"
	"maps"
	"slices"

	"github.com/turnout-app/turnout/core"
)

// Live refresh of the registrants table: the rows the engine says changed
// are read again by ID and put into the loaded list, so a reminder sent
// or a push done shows within a second without reloading 100,000 rows.

// rowRefresh is the screen's live-refresh state (UI goroutine only).
type rowRefresh struct {
	ids      map[core.ID]struct{} // changed rows not read yet
	inFlight bool                 // one read at a time, so rows land in order
	// Reads counts row reads, Reloads whole-list reloads and Refilters
	// passes of the filter over the whole list (tests).
	Reads, Reloads, Refilters int
}

// showChange takes one change of this event (or of everything).
func (s *RegistrantsScreen) showChange(c core.Change) {
	if s.closed {
		return
	}
	if c.Has(core.ChangeAll) || c.Many {
		// An import or a restore: read the list once, not row by row.
		s.live.ids = nil
		s.live.Reloads++
		s.reload()
		return
	}
	if len(c.RegistrantIDs) == 0 {
		return
	}
	if s.live.ids == nil {
		s.live.ids = map[core.ID]struct{}{}
	}
	for _, id := range c.RegistrantIDs {
		s.live.ids[id] = struct{}{}
	}
	s.readChangedRows()
}

// readChangedRows reads the changed rows off the UI goroutine, once the
// list is loaded (a load in progress then gets them afterwards) and one
// read at a time.
func (s *RegistrantsScreen) readChangedRows() {
	if !s.loaded || s.live.inFlight || s.closed || len(s.live.ids) == 0 {
		return
	}
	ids := slices.Sorted(maps.Keys(s.live.ids))
	s.live.ids = nil
	if len(ids) > core.MaxChangeIDs {
		s.live.Reloads++
		s.reload()
		return
	}
	s.live.inFlight = true
	s.live.Reads++
	seq, eventID := s.loadSeq, s.event.ID
	s.app.quietly("registrant rows", func(ctx context.Context) error {
		rows, err := s.registrants.RegistrantsByID(ctx, eventID, ids)
		s.app.do(func() {
			s.live.inFlight = false
			if err == nil && seq == s.loadSeq && !s.closed {
				s.putRows(rows)
			}
			s.readChangedRows() // what changed meanwhile
		})
		return err
	})
}

// putRows shows rows read again. The list keeps its order and new people
// join at the end. It is filtered again only when a changed row went in
// or out of the filter or was cancelled or re-registered (the count
// changes): a reminder sent or a push done just redraws the rows on
// screen, so a burst of them costs the window next to nothing.
func (s *RegistrantsScreen) putRows(rows []core.Registrant) {
	f, q := core.RegistrantFilter(s.filter.Selected), s.search.Text
	refilter := false
	provider := s.providerName()
	for _, r := range rows {
		s.columns.widen(func(col int) string { text, _ := cellText(&r, col, provider); return text })
		i := s.list.Index(r.ID)
		if i < 0 || s.list.All[i].Active() != r.Active() {
			refilter = true
			s.list.Put(r)
			continue
		}
		was := s.list.Passes(i, f, q)
		s.list.Put(r)
		refilter = refilter || was != s.list.Passes(i, f, q)
	}
	s.recountSync()
	if refilter {
		s.live.Refilters++
		s.applyFilter()
		return
	}
	s.table.Refresh()
	s.updateButtons()
}

// recountSync counts the provider sync states (Retry all failed) over the
// loaded list: a few milliseconds for 100,000 people in memory, where
// asking the engine would read them all from disk again.
func (s *RegistrantsScreen) recountSync() {
	if !s.sync.Managed {
		return
	}
	c := s.sync
	c.Pushed, c.Pending, c.Failed, c.Cancelled, c.NotPushed = 0, 0, 0, 0, 0
	for i := range s.list.All {
		c.Count(&s.list.All[i], 1)
	}
	s.sync = c
	s.push.show(c)
}
