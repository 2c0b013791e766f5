package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// HeadcountScreen is an event's attendance report: the funnel from
// registered to attended, the attendee and walk-in lists, check-in and
// export.
type HeadcountScreen struct {
	// The services this screen uses (and nothing else of the engine).
	checkInService core.CheckInService
	reports        core.ReportService
	registrants    core.RegistrantService

	app   *App
	event core.Event

	registered, reminded, clicked, attended       *statCard
	cancelled, noShows, walkIns, rate, avgMinutes *statCard
	funnel                                        *funnelChart
	note                                          *widget.Label // the report's caveat, when it has one
	attendees                                     *widget.Table
	attendeeCols, walkInCols                      *columnFit // table_columns.go
	walkInTable                                   *widget.Table
	staff                                         *staffList // headcount_staff.go
	listTabs                                      *container.AppTabs
	checkInBtn                                    *widget.Button
	historyBtn                                    *widget.Button // the check-in runs
	group                                         *widget.Select
	format                                        *widget.RadioGroup
	exportBtn                                     *widget.Button
	content                                       fyne.CanvasObject

	report      core.Headcount
	people      []core.Attendee    // attended, active
	walkInList  []core.Participant // matched nobody
	lastExport  string             // path of the last finished export
	checkIn     *checkInView       // the last check-in result (checkin.go)
	reportFile  *reportFileImport  // the last report file previewed (checkin_report_file.go)
	lastWritten int
	sessions    *sessionGrid // attendees × sessions (headcount_sessions.go)
}

func newHeadcountScreen(u *App, ev core.Event) *HeadcountScreen {
	s := &HeadcountScreen{app: u, checkInService: u.svc.CheckIn, reports: u.svc.Reports, registrants: u.svc.Registrants, event: ev}
	s.registered, s.reminded = newStatCard("Registered"), newStatCard("Reminded")
	s.clicked, s.attended = newStatCard("Clicked the link"), newStatCard("Attended")
	s.cancelled, s.noShows = newStatCard("Cancelled"), newStatCard("No-shows")
	s.walkIns, s.rate, s.avgMinutes = newStatCard("Walk-ins"), newStatCard("Attendance rate"), newStatCard("Average minutes")
	s.funnel = newFunnelChart([]string{"Registered", "Reminded", "Clicked", "Attended"})

	s.attendees = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.people), 4 },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		s.updateAttendee)
	s.attendees.ShowHeaderColumn = false
	s.attendees.CreateHeader = boldHeader
	s.attendees.UpdateHeader = headerTitles("Name", "Email", "Counted from", "Minutes")
	s.attendeeCols = newColumnFit(s.attendees, []string{"Name", "Email", "Counted from", "Minutes"}, 0, 1)
	s.walkInTable = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.walkInList), 4 },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		s.updateWalkIn)
	s.walkInTable.ShowHeaderColumn = false
	s.walkInTable.CreateHeader = boldHeader
	s.walkInTable.UpdateHeader = headerTitles("Name", "Email", "Joined", "Minutes")
	s.walkInCols = newColumnFit(s.walkInTable, []string{"Name", "Email", "Joined", "Minutes"}, 0, 1)
	s.staff = newStaffList()
	s.sessions = newSessionGrid(ev.TimeZone)
	s.listTabs = container.NewAppTabs(
		container.NewTabItem("Attendees", s.attendeeCols.content()),
		container.NewTabItem("Walk-ins", s.walkInCols.content()),
		container.NewTabItem("Staff", s.staff.cols.content()))

	s.checkInBtn = widget.NewButtonWithIcon("Check In Webinar Attendees", theme.ConfirmIcon(), s.onCheckInAttendees)
	s.checkInBtn.Importance = widget.HighImportance
	s.historyBtn = widget.NewButtonWithIcon("Check-in history", theme.HistoryIcon(), s.onRunHistory)
	var groups []string
	for _, g := range core.ExportGroups {
		groups = append(groups, g.Label())
	}
	s.group = widget.NewSelect(groups, nil)
	s.group.SetSelected(core.GroupAll.Label())
	s.format = widget.NewRadioGroup([]string{"Excel (.xlsx)", "CSV (.csv)"}, nil)
	s.format.Horizontal = true
	s.format.Required = true
	s.format.SetSelected("Excel (.xlsx)")
	s.exportBtn = widget.NewButtonWithIcon("Export…", theme.DownloadIcon(), s.onExport)

	s.note = widget.NewLabel("")
	s.note.Wrapping = fyne.TextWrapWord
	s.note.Importance = widget.WarningImportance
	s.note.Hide()

	// Compact on purpose: the figures and the actions take two short rows
	// so the attendee list keeps the rest of a 700 px high window.
	cards := container.NewGridWithColumns(3, s.attended.content, s.rate.content, s.avgMinutes.content,
		s.noShows.content, s.cancelled.content, s.walkIns.content)
	figures := container.NewBorder(nil, nil, nil, container.NewPadded(s.funnel.content), cards)
	checkIn := container.NewBorder(nil, nil, container.NewHBox(s.checkInBtn, s.historyBtn, newReportFileButton(s)), nil,
		hint("Fetches "+core.SourceProvider.LabelFor(ev.Location.Provider.Label())+" and checks people in with their minutes."))
	export := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Export a list", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.exportBtn, container.NewBorder(nil, nil, nil, s.format, s.group))
	top := container.NewVBox(s.note, figures, checkIn, export)
	s.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(s.listTabs))
	return s
}

func boldHeader() fyne.CanvasObject {
	return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func headerTitles(titles ...string) func(widget.TableCellID, fyne.CanvasObject) {
	return func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(titles) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = true
			l.SetText(titles[id.Col])
		}
	}
}

func (s *HeadcountScreen) updateAttendee(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < len(s.people) {
		o.(*widget.Label).SetText(s.attendeeText(id.Row, id.Col))
	}
}

func (s *HeadcountScreen) attendeeText(row, col int) string {
	r := s.people[row]
	switch col {
	case 0:
		return r.Name()
	case 1:
		return r.Email
	case 2:
		how := r.CheckIn.Source.LabelFor(s.event.Location.Provider.Label())
		switch r.MatchedBy {
		case core.MatchNone:
		case core.MatchRegistrantID, core.MatchEmail:
			how += " · matched by " + strings.ToLower(r.MatchedBy.Label())
		default:
			how += " · " + strings.ToLower(r.MatchedBy.Label())
		}
		return how
	case 3:
		if r.CheckIn.Minutes > 0 {
			return fmt.Sprint(r.CheckIn.Minutes)
		}
	}
	return ""
}

func (s *HeadcountScreen) updateWalkIn(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < len(s.walkInList) {
		o.(*widget.Label).SetText(s.walkInText(id.Row, id.Col))
	}
}

func (s *HeadcountScreen) walkInText(row, col int) string {
	p := s.walkInList[row]
	switch col {
	case 0:
		return p.Name
	case 1:
		return p.Email
	case 2:
		if !p.FirstJoin.IsZero() {
			return whenShort(p.FirstJoin, s.event.TimeZone)
		}
	case 3:
		return fmt.Sprint(p.Minutes)
	}
	return ""
}

// reload asks the engine for the report and the lists.
func (s *HeadcountScreen) reload() {
	id := s.event.ID
	s.app.background(func(ctx context.Context) error {
		h, err := s.reports.Report(ctx, id)
		if err != nil {
			return err
		}
		people, err := s.reports.Attendees(ctx, id)
		if err != nil {
			return err
		}
		walkIns, err := s.checkInService.WalkIns(ctx, id)
		if err != nil {
			return err
		}
		staff, err := s.reports.Staff(ctx, id)
		if err != nil {
			return err
		}
		all, err := s.reports.Participants(ctx, id)
		if err != nil {
			return err
		}
		s.app.do(func() { s.show(h, people, walkIns); s.showStaff(staff); s.showSessions(all) })
		return nil
	})
}

// notOverYet stands for attendance figures of an event that has not ended
// (counted after the event).
const notOverYet = "—"

func (s *HeadcountScreen) show(h core.Headcount, people []core.Attendee, walkIns []core.Participant) {
	s.report, s.people, s.walkInList = h, people, walkIns
	s.registered.set(fmt.Sprint(h.Active))
	s.reminded.set(fmt.Sprint(h.Reminded))
	s.clicked.set(fmt.Sprint(h.Clicked))
	s.cancelled.set(fmt.Sprint(h.Cancelled))
	s.walkIns.set(fmt.Sprint(h.WalkIns))
	if h.NotOver { // attendance is counted after the event, not before
		s.attended.set(notOverYet)
		s.noShows.set(notOverYet)
		s.rate.set(notOverYet)
		s.avgMinutes.set(notOverYet)
	} else {
		s.attended.set(fmt.Sprint(h.Attended))
		s.noShows.set(fmt.Sprint(h.NoShows))
		s.rate.set(fmt.Sprintf("%.0f%%", 100*h.AttendanceRate))
		s.avgMinutes.set(fmt.Sprintf("%.0f", h.AverageMinutes))
	}
	s.funnel.set([]int{h.Active, h.Reminded, h.Clicked, h.Attended})
	s.listTabs.Items[0].Text = fmt.Sprintf("Attendees (%d)", len(people))
	s.listTabs.Items[1].Text = fmt.Sprintf("Walk-ins (%d)", len(walkIns))
	s.note.SetText(h.Note)
	s.note.Hidden = h.Note == ""
	s.note.Refresh()
	s.listTabs.Refresh()
	s.attendeeCols.measure(len(people), s.attendeeText)
	s.walkInCols.measure(len(walkIns), s.walkInText)
	s.attendees.Refresh()
	s.walkInTable.Refresh()
}

func (s *HeadcountScreen) showStaff(staff []core.Participant) {
	s.listTabs.Items[2].Text = fmt.Sprintf("Staff (%d)", len(staff))
	s.listTabs.Refresh()
	s.staff.show(staff)
}

// onCheckInAttendees checks the event's attendees in from the provider's
// report (or, for a link-only event, from reminder clicks) and shows the
// result with the walk-ins to decide on (checkin.go).
func (s *HeadcountScreen) onCheckInAttendees() { s.runCheckIn() }

func (s *HeadcountScreen) selectedGroup() core.ExportGroup {
	for _, g := range core.ExportGroups {
		if g.Label() == s.group.Selected {
			return g
		}
	}
	return core.GroupAll
}

func (s *HeadcountScreen) selectedFormat() core.ExportFormat {
	if strings.HasPrefix(s.format.Selected, "CSV") {
		return core.ExportCSV
	}
	return core.ExportXLSX
}

// suggestedName is the file name the save dialog proposes.
func (s *HeadcountScreen) suggestedName() string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, s.event.Title)
	return fmt.Sprintf("%s - %s%s", name, s.selectedGroup(), s.selectedFormat().Extension())
}

// onExport asks where to save and exports the chosen group.
func (s *HeadcountScreen) onExport() {
	s.app.askSavePath(s.suggestedName(), []string{s.selectedFormat().Extension()}, s.exportTo)
}

// exportTo writes the chosen group to path with a progress bar and Cancel.
func (s *HeadcountScreen) exportTo(path string) {
	id, g, f := s.event.ID, s.selectedGroup(), s.selectedFormat()
	var written int
	s.app.runWithProgress("Exporting", "Writing rows…",
		func(ctx context.Context, p core.Progress) error {
			n, err := s.reports.ExportFile(ctx, id, g, f, path, p)
			written = n
			return err
		},
		func(err error) {
			if err != nil {
				s.app.showError(err)
				s.app.notify("Export failed", core.ErrorMessage(err))
				return
			}
			s.lastExport, s.lastWritten = path, written
			msg := fmt.Sprintf("%s written to %s.", plural(written, "row", "rows"), path)
			dialog.ShowInformation("Export finished", msg, s.app.win)
			s.app.notify("Export finished", msg)
		})
}

// funnelChart draws horizontal bars, one per stage, scaled to the first.
type funnelChart struct {
	bars    []*canvas.Rectangle
	labels  []*widget.Label
	values  []*widget.Label
	frac    []float32
	content *fyne.Container
}

func newFunnelChart(stages []string) *funnelChart {
	c := &funnelChart{}
	grid := container.New(&funnelLayout{c: c})
	for _, st := range stages {
		bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
		bar.CornerRadius = 3
		l := widget.NewLabel(st)
		v := widget.NewLabelWithStyle("–", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		c.bars, c.labels, c.values = append(c.bars, bar), append(c.labels, l), append(c.values, v)
		c.frac = append(c.frac, 0)
		grid.Add(l)
		grid.Add(bar)
		grid.Add(v)
	}
	c.content = grid
	return c
}

func (c *funnelChart) set(values []int) {
	max := 0
	for _, v := range values {
		if v > max {
			max = v
		}
	}
	for i, v := range values {
		c.values[i].SetText(fmt.Sprint(v))
		c.frac[i] = 0
		if max > 0 {
			c.frac[i] = float32(v) / float32(max)
		}
		alpha := uint8(255 - 40*i)
		r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
		c.bars[i].FillColor = color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), alpha}
		c.bars[i].Refresh()
	}
	c.content.Refresh()
}

// funnelLayout places rows of label | bar | value.
type funnelLayout struct{ c *funnelChart }

const funnelLabelWidth, funnelValueWidth, funnelRowHeight = 110, 60, 36

func (l *funnelLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(funnelLabelWidth+funnelValueWidth+200, float32(len(l.c.bars))*funnelRowHeight)
}

func (l *funnelLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	barSpace := size.Width - funnelLabelWidth - funnelValueWidth - theme.Padding()*2
	for i := range l.c.bars {
		y := float32(i) * funnelRowHeight
		l.c.labels[i].Move(fyne.NewPos(0, y))
		l.c.labels[i].Resize(fyne.NewSize(funnelLabelWidth, funnelRowHeight))
		w := fyne.Max(barSpace*l.c.frac[i], 2)
		l.c.bars[i].Move(fyne.NewPos(funnelLabelWidth+theme.Padding(), y+6))
		l.c.bars[i].Resize(fyne.NewSize(w, funnelRowHeight-12))
		l.c.values[i].Move(fyne.NewPos(size.Width-funnelValueWidth, y))
		l.c.values[i].Resize(fyne.NewSize(funnelValueWidth, funnelRowHeight))
	}
}
