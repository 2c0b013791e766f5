package engine

import (
	"context"

	"github.com/turnout-app/turnout/core"
)

// Headcount is an event's attendance report.
type Headcount struct {
	Event core.Event `json:"event"`
	// Registered counts everyone who ever registered, cancelled included.
	Registered int `json:"registered"`
	Cancelled  int `json:"cancelled"`
	Active     int `json:"active"` // registered and not cancelled
	Reminded   int `json:"reminded"`
	Clicked    int `json:"clicked"`
	// Attended counts active registrants checked in; AttendedBy splits it by
	// how Turnout knows.
	Attended   int                        `json:"attended"`
	AttendedBy map[core.CheckInSource]int `json:"attended_by"`
	NoShows    int                        `json:"no_shows"` // active, not checked in
	WalkIns    int                        `json:"walk_ins"` // participants who matched no registrant
	// AttendanceRate is Attended / Active (0 when nobody is active).
	AttendanceRate float64 `json:"attendance_rate"`
	// TotalMinutes sums registrants' attended minutes; AverageMinutes divides
	// it by Attended.
	TotalMinutes   int     `json:"total_minutes"`
	AverageMinutes float64 `json:"average_minutes"`
	WalkInMinutes  int     `json:"walk_in_minutes"`
	// JoinedBriefly counts registrants present below the attendance rule
	// (not attended); NotReady is set while the provider has no report
	// yet, so "0 attended" is not read as "nobody came"; Implied when the
	// check-ins come from reminder clicks (link-only events). See
	// checkin_report.go.
	JoinedBriefly int    `json:"joined_briefly"`
	NotReady      bool   `json:"not_ready,omitempty"`
	Implied       bool   `json:"implied,omitempty"`
	Note          string `json:"note,omitempty"`
}

// Report computes the headcount of an event.
func (e *Engine) Report(ctx context.Context, eventID core.ID) (Headcount, error) {
	h := Headcount{AttendedBy: map[core.CheckInSource]int{}}
	err := e.store.View(ctx, func(tx core.Tx) error {
		var err error
		if h.Event, err = tx.Event(eventID); err != nil {
			return err
		}
		c, err := tx.RegistrantCounts(eventID)
		if err != nil {
			return err
		}
		h.setCounts(c)
		return tx.Participants(eventID, func(p core.Participant) error {
			if p.RegistrantID == 0 {
				h.WalkIns++
				h.WalkInMinutes += p.Minutes
			}
			return nil
		})
	})
	if err == nil {
		err = e.reportCheckIn(ctx, &h)
	}
	if h.Active > 0 {
		h.AttendanceRate = float64(h.Attended) / float64(h.Active)
	}
	if h.Attended > 0 {
		h.AverageMinutes = float64(h.TotalMinutes) / float64(h.Attended)
	}
	return h, err
}

func (h *Headcount) setCounts(c core.RegistrantCounts) {
	h.Registered, h.Cancelled, h.Active = c.Total, c.Cancelled, c.Active()
	h.Reminded, h.Clicked, h.Attended = c.Reminded, c.Clicked, c.Attended()
	for _, s := range core.CheckInSources {
		h.AttendedBy[s] = c.AttendedBy(s)
	}
	h.NoShows = h.Active - h.Attended
	h.TotalMinutes = c.Minutes
}
