package ui

import "fyne.io/fyne/v2"

// fitRowHeights makes each event row as tall as its wrapped title and
// date need at the list's width, so no title is cut at a narrow window.
func (s *EventsScreen) fitRowHeights(width float32) {
	if width <= 0 {
		width = 400 // not laid out yet: a guess, corrected on layout
	}
	measure := s.createRow()
	for i, r := range s.rows {
		h := s.headerHeight
		if r.header == "" {
			s.updateRow(i, measure)
			// Laying the row out gives its wrapped labels their width;
			// only then do they know their height.
			measure.Resize(fyne.NewSize(width, s.rowHeight))
			h = fyne.Max(s.rowHeight, measure.MinSize().Height)
		}
		s.list.SetItemHeight(i, h)
	}
}
