package ui

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// EventsScreen lists upcoming and past events with their numbers at a
// glance, and opens, edits, duplicates or deletes the selected one.
type EventsScreen struct {
	// The services this screen uses (and nothing else of the engine).
	eventService core.EventService
	dataFile     core.DataFileService // "Back up first…" before deleting
	clock        core.Clock

	app *App

	search  *widget.Entry
	newBtn  *widget.Button
	list    *widget.List
	empty   *fyne.Container
	noMatch *fyne.Container
	count   *widget.Label

	// Detail of the selected event.
	detailTitle *widget.Label
	detailWhen  *widget.Label
	detailWhere *widget.Label
	detailText  *widget.Label
	detailStats *widget.Label
	openBtn     *widget.Button
	headBtn     *widget.Button
	editBtn     *widget.Button
	dupBtn      *widget.Button
	delBtn      *widget.Button
	sync        *SyncPanel // managed events: provider sync and "Push to Zoom now"
	detail      *fyne.Container
	noSelection *fyne.Container

	content fyne.CanvasObject

	events   []core.EventSummary
	rows     []eventRow // what the list shows: section headers and events
	selected *core.EventSummary
	editor   *EventEditor // the last editor opened

	rowHeight, headerHeight float32
	loadSeq                 int
}

// eventRow is one line of the list: a section header or an event.
type eventRow struct {
	header string
	event  int // index into events when header == ""
}

func newEventsScreen(u *App) *EventsScreen {
	s := &EventsScreen{app: u, eventService: u.svc.Events, dataFile: u.svc.DataFile, clock: u.svc.Clock}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search events by title or description")
	s.search.OnChanged = func(string) { s.reload() }
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.newBtn = widget.NewButtonWithIcon("New event", theme.ContentAddIcon(), s.onNewEvent)
	s.newBtn.Importance = widget.HighImportance
	s.count = widget.NewLabel("")

	s.list = widget.NewList(func() int { return len(s.rows) }, s.createRow, s.updateRow)
	s.list.OnSelected = s.onSelect
	s.rowHeight = s.createRow().MinSize().Height
	s.headerHeight = widget.NewLabel("X").MinSize().Height
	s.empty = emptyState(theme.CalendarIcon(), "No events yet — click New event",
		"Create your first webinar or meeting. Turnout keeps its registrants, sends reminders and counts who came.")
	s.noMatch = emptyState(theme.SearchIcon(), "No events match your search", "Try another word, or clear the search box.")
	s.empty.Hide()
	s.noMatch.Hide()

	s.detailTitle = heading("")
	s.detailTitle.Wrapping = fyne.TextWrapWord
	s.detailWhen = widget.NewLabel("")
	s.detailWhere = widget.NewLabel("")
	s.detailWhere.Wrapping = fyne.TextWrapBreak
	s.detailText = para("")
	s.detailStats = widget.NewLabel("")
	s.openBtn = widget.NewButtonWithIcon("Registrants", theme.AccountIcon(), func() { s.onOpen(ScreenRegistrants) })
	s.openBtn.Importance = widget.HighImportance
	s.headBtn = widget.NewButtonWithIcon("Headcount", theme.ListIcon(), func() { s.onOpen(ScreenHeadcount) })
	s.editBtn = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), s.onEdit)
	s.dupBtn = widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), s.onDuplicate)
	s.delBtn = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), s.onDelete)
	s.delBtn.Importance = widget.DangerImportance
	s.sync = newSyncPanel(u)
	s.detail = container.New(wrapColumn{}, // widgets.go
		s.detailTitle,
		container.NewBorder(nil, nil, widget.NewIcon(theme.HistoryIcon()), nil, s.detailWhen),
		container.NewBorder(nil, nil, widget.NewIcon(theme.ComputerIcon()), nil, s.detailWhere),
		container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, s.detailStats),
		s.sync.content,
		s.detailText,
		widget.NewSeparator(),
		container.NewGridWithColumns(2, s.openBtn, s.headBtn),
		container.NewGridWithColumns(3, s.editBtn, s.dupBtn, s.delBtn),
	)
	s.noSelection = emptyState(theme.InfoIcon(), "Select an event", "Its details, registrants and headcount open here.")
	s.detail.Hide()

	top := container.NewVBox(
		toolbarRow([]fyne.CanvasObject{heading("Events"), s.count}, s.newBtn),
		s.search,
	)
	left := container.NewStack(watchWidth(s.list, s.fitRowHeights), s.empty, s.noMatch)
	right := container.NewPadded(container.NewStack(s.noSelection, container.NewVScroll(s.detail)))
	split := container.NewHSplit(left, right)
	split.Offset = 0.6
	s.content = container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
	return s
}

func (s *EventsScreen) createRow() fyne.CanvasObject {
	section := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	section.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord // rows grow to fit (fitRowHeights)
	when := widget.NewLabel("")
	when.Wrapping = fyne.TextWrapWord
	when.SizeName = theme.SizeNameCaptionText
	stats := widget.NewLabel("")
	stats.Alignment = fyne.TextAlignTrailing
	status := widget.NewLabel("")
	status.Alignment = fyne.TextAlignTrailing
	status.SizeName = theme.SizeNameCaptionText
	tight := func(o ...fyne.CanvasObject) *fyne.Container {
		return container.New(layout.NewCustomPaddedVBoxLayout(-theme.Padding()*2), o...)
	}
	ev := container.NewBorder(nil, nil, nil, tight(stats, status), tight(title, when))
	return container.NewStack(section, ev)
}

func (s *EventsScreen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(s.rows) {
		return
	}
	stack := o.(*fyne.Container)
	section := stack.Objects[0].(*widget.Label)
	ev := stack.Objects[1].(*fyne.Container)
	row := s.rows[id]
	if row.header != "" {
		section.SetText(row.header)
		section.Show()
		ev.Hide()
		return
	}
	section.Hide()
	ev.Show()
	e := s.events[row.event]
	texts := ev.Objects[0].(*fyne.Container).Objects
	texts[0].(*widget.Label).SetText(e.Title)
	texts[1].(*widget.Label).SetText(whenLong(e.Start, e.TimeZone) + "  ·  " + where(e.Location, e.Sandbox))
	side := ev.Objects[1].(*fyne.Container).Objects
	side[0].(*widget.Label).SetText(s.statsText(e))
	side[1].(*widget.Label).SetText(s.reminderText(e))
}

func (s *EventsScreen) statsText(e core.EventSummary) string {
	if e.Past {
		return fmt.Sprintf("%s · %d checked in", plural(e.Registered, "registrant", "registrants"), e.CheckedIn)
	}
	return plural(e.Registered, "registrant", "registrants")
}

func (s *EventsScreen) reminderText(e core.EventSummary) string {
	switch {
	case e.Past && e.Registered > 0 && e.CheckedIn == 0:
		return "Attendance not recorded yet"
	case e.Past && e.Registered > 0:
		return fmt.Sprintf("%d%% attended", 100*e.CheckedIn/e.Registered)
	case e.Past:
		return "Finished"
	case e.Reminded > 0:
		return fmt.Sprintf("Reminder sent to %d", e.Reminded)
	case e.ReminderAt().After(s.clock.Now()):
		return "Reminder due " + whenShort(e.ReminderAt(), e.TimeZone)
	}
	return "Starting soon"
}

// reload lists the events matching the search box.
func (s *EventsScreen) reload() {
	s.loadSeq++
	seq := s.loadSeq
	query := s.search.Text
	s.app.background(func(ctx context.Context) error {
		events, err := s.eventService.ListEvents(ctx, query)
		if err != nil {
			return err
		}
		s.app.do(func() {
			if seq == s.loadSeq {
				s.setEvents(events, query)
			}
		})
		return nil
	})
}

func (s *EventsScreen) setEvents(events []core.EventSummary, query string) {
	s.events = events
	var upcoming, past []int
	for i, e := range events {
		if e.Past {
			past = append(past, i)
		} else {
			upcoming = append(upcoming, i)
		}
	}
	// Upcoming soonest first; past most recent first.
	slices.Reverse(past)
	s.rows = s.rows[:0]
	if len(upcoming) > 0 {
		s.rows = append(s.rows, eventRow{header: fmt.Sprintf("UPCOMING  (%d)", len(upcoming))})
		for _, i := range upcoming {
			s.rows = append(s.rows, eventRow{event: i})
		}
	}
	if len(past) > 0 {
		s.rows = append(s.rows, eventRow{header: fmt.Sprintf("PAST  (%d)", len(past))})
		for _, i := range past {
			s.rows = append(s.rows, eventRow{event: i})
		}
	}
	s.count.SetText(plural(len(events), "event", "events"))
	s.empty.Hidden = len(events) > 0 || query != ""
	s.noMatch.Hidden = len(events) > 0 || query == ""
	s.empty.Refresh()
	s.noMatch.Refresh()
	s.list.UnselectAll()
	s.fitRowHeights(s.list.Size().Width) // events_rows.go
	s.list.Refresh()

	// Keep the selection on the same event after a reload.
	var keep core.ID
	if s.selected != nil {
		keep = s.selected.ID
	}
	s.selected = nil
	for row, r := range s.rows {
		if r.header == "" && events[r.event].ID == keep {
			s.list.Select(row)
		}
	}
	if s.selected == nil {
		// Select the first event so its details show straight away.
		for row, r := range s.rows {
			if r.header == "" {
				s.list.Select(row)
				break
			}
		}
	}
	if s.selected == nil {
		s.showDetail()
	}
	s.app.refreshTray(events)
}

func (s *EventsScreen) onSelect(id widget.ListItemID) {
	if id >= len(s.rows) || s.rows[id].header != "" {
		s.list.Unselect(id)
		return
	}
	e := s.events[s.rows[id].event]
	s.selected = &e
	s.showDetail()
}

func (s *EventsScreen) showDetail() {
	e := s.selected
	if e == nil {
		s.detail.Hide()
		s.noSelection.Show()
		return
	}
	s.noSelection.Hide()
	s.detail.Show()
	s.detailTitle.SetText(e.Title)
	s.detailWhen.SetText(whenLong(e.Start, e.TimeZone) + officeTime(e.Start, e.TimeZone, s.app.office) + " · " + duration(e.Duration))
	place := where(e.Location, e.Sandbox)
	if e.Location.JoinURL != "" {
		place += "\n" + e.Location.JoinURL
	}
	s.detailWhere.SetText(place)
	stats := fmt.Sprintf("%s, %d cancelled", plural(e.Registered, "registrant", "registrants"), e.Cancelled)
	if e.Past {
		stats += fmt.Sprintf("\n%d checked in", e.CheckedIn)
	} else {
		stats += "\nReminder " + leadText(e.ReminderLead) + ": " + whenShort(e.ReminderAt(), e.TimeZone)
	}
	s.detailStats.SetText(stats)
	s.sync.show(e.Event)
	s.detailText.SetText(e.Description)
	s.detailText.Hidden = e.Description == ""
	s.detail.Refresh()
}

// isSandbox reports whether the listed event is linked to a Sandbox
// (practice) account.
func (s *EventsScreen) isSandbox(id core.ID) bool {
	if s == nil {
		return false
	}
	for _, e := range s.events {
		if e.ID == id {
			return e.Sandbox
		}
	}
	return false
}
