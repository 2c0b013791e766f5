package ui

import (
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// sessionGrid is the headcount's Sessions tab for an event held more than
// once (a sequence everyone attends, a recurring meeting): one row per
// attendee, one column per session, each cell "✓ 52 min" (counted), "12
// min" (there, below the attendance rule) or "—" (absent), and how many
// sessions the person attended.
type sessionGrid struct {
	zone     string
	sessions []sessionColumn
	people   []core.Participant
	table    *widget.Table
	cols     *columnFit
	holder   *fyne.Container // the table, built again when the sessions change
	tab      *container.TabItem
	fixed    int // columns before the sessions: name (and email)
}

// maxSessionsWithEmail is how many sessions leave room for the email.
const maxSessionsWithEmail = 4

// sessionColumn is one held session: the provider's instance and when
// the first person joined it.
type sessionColumn struct {
	instance string
	start    time.Time
}

func newSessionGrid(zone string) *sessionGrid {
	g := &sessionGrid{zone: zone, holder: container.NewStack()}
	g.tab = container.NewTabItem("Sessions", g.holder)
	return g
}

// sessionColumns lists the sessions the participants were at, in the
// order they were held.
func sessionColumns(people []core.Participant) []sessionColumn {
	at := map[string]int{}
	var out []sessionColumn
	for _, p := range people {
		for _, s := range p.Sessions {
			i, ok := at[s.Instance]
			if !ok {
				at[s.Instance] = len(out)
				out = append(out, sessionColumn{s.Instance, s.FirstJoin})
				continue
			}
			if !s.FirstJoin.IsZero() && (out[i].start.IsZero() || s.FirstJoin.Before(out[i].start)) {
				out[i].start = s.FirstJoin
			}
		}
	}
	slices.SortStableFunc(out, func(a, b sessionColumn) int { return a.start.Compare(b.start) })
	return out
}

// show fills the grid with the event's attendees (staff and people whose
// check-in staff undid are left out) and reports whether the event had
// more than one session, so the tab is worth showing.
func (g *sessionGrid) show(all []core.Participant) bool {
	g.people = g.people[:0]
	for _, p := range all {
		if !p.IsStaff() && !p.Excluded && len(p.Sessions) > 0 {
			g.people = append(g.people, p)
		}
	}
	g.sessions = sessionColumns(g.people)
	if len(g.sessions) < 2 {
		return false
	}
	// Past a few sessions the email makes way, so the grid fits the window.
	g.fixed = 2
	headers := []string{"Name", "Email"}
	if len(g.sessions) > maxSessionsWithEmail {
		g.fixed, headers = 1, []string{"Name"}
	}
	for i, s := range g.sessions {
		h := fmt.Sprintf("%d", i+1)
		if !s.start.IsZero() {
			h += " · " + sessionDay(s.start, g.zone)
		}
		headers = append(headers, h)
	}
	headers = append(headers, "Attended")
	g.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(g.people), len(headers) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(g.people) {
				o.(*widget.Label).SetText(g.text(id.Row, id.Col))
			}
		})
	g.table.ShowHeaderColumn = false
	g.table.CreateHeader = boldHeader
	g.table.UpdateHeader = headerTitles(headers...)
	g.cols = newColumnFit(g.table, headers, 0, g.fixed-1)
	g.cols.measure(len(g.people), g.text)
	g.holder.Objects = []fyne.CanvasObject{g.cols.content()}
	g.holder.Refresh()
	g.tab.Text = fmt.Sprintf("Sessions (%d)", len(g.sessions))
	return true
}

// sessionDay is a session's day, short: "2 Dec" (the column's number
// and day; the times are in the event).
func sessionDay(t time.Time, zone string) string {
	if loc, err := core.LoadLocation(zone); err == nil {
		t = t.In(loc)
	}
	return t.Format("2 Jan")
}

func (g *sessionGrid) text(row, col int) string {
	p := g.people[row]
	switch {
	case col == 0:
		return p.Name
	case col == 1 && g.fixed == 2:
		return p.Email
	case col == len(g.sessions)+g.fixed:
		n := 0
		for _, s := range p.Sessions {
			if s.Attended {
				n++
			}
		}
		return fmt.Sprintf("%d of %d", n, len(g.sessions))
	case col-g.fixed < len(g.sessions):
		inst := g.sessions[col-g.fixed].instance
		for _, s := range p.Sessions {
			if s.Instance != inst {
				continue
			}
			if s.Attended {
				return fmt.Sprintf("✓ %d min", s.Minutes)
			}
			return fmt.Sprintf("%d min", s.Minutes)
		}
		return "—"
	}
	return ""
}

// showSessions shows the Sessions tab while the event had more than one
// session, and takes it away otherwise.
func (s *HeadcountScreen) showSessions(all []core.Participant) {
	many := s.sessions.show(all)
	shown := slices.Contains(s.listTabs.Items, s.sessions.tab)
	switch {
	case many && !shown:
		s.listTabs.Append(s.sessions.tab)
	case !many && shown:
		s.listTabs.Remove(s.sessions.tab)
	}
	s.listTabs.Refresh()
}
