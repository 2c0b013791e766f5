package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

var registrantColumns = []struct {
	title string
	width float32
}{
	{"Name", 190}, {"Email", 250}, {"Status", 100}, {"", 250}, {"Reminder", 130}, // "" is columnTitle's
	{"Clicked", 75}, {"Checked in", 140}, {"Minutes", 75},
}

// RegistrantsScreen is one event's registrants in a virtualised table:
// the loaded slice stays as it is and the filter picks indexes into it, so
// 100,000 people scroll as smoothly as ten.
type RegistrantsScreen struct {
	// The services this screen uses (and nothing else of the engine).
	registrants  core.RegistrantService
	checkIn      core.CheckInService
	reminders    core.ReminderService
	providerSync core.ProviderSyncService

	app   *App
	event core.Event

	filter      *widget.Select
	search      *widget.Entry
	table       *keyTable  // Delete cancels the selected registrant
	columns     *columnFit // table_columns.go
	count       *widget.Label
	empty       *fyne.Container
	addBtn      *widget.Button
	editBtn     *widget.Button
	cancelBtn   *widget.Button // "Cancel registration" or "Re-register"
	checkInBtn  *widget.Button // "Check in" or "Undo check-in"
	importBtn   *widget.Button
	previewBtn  *widget.Button // the selected person's reminder, as sent
	historyBtn  *widget.Button // what happened to the selected person
	resendBtn   *widget.Button // the selected person's reminder, again
	retryBtn    *widget.Button // push a failed registrant again (managed events)
	resendAll   *widget.Button // the reminder again to every active registrant
	retryAll    *widget.Button // every failed push again (managed events)
	detail      *widget.Label  // the selected person's sync and reminder, in words
	content     fyne.CanvasObject
	selectedBg  color.Color
	loadStarted time.Time

	list     *core.RegistrantList // empty until loaded
	view     []int                // indexes into list.All that the filter and search let through
	selected core.ID              // 0: none
	sync     core.EventSync       // provider sync counts (managed events)
	push     *pushProgress        // the push's progress and time left (registrants_push.go)
	loaded   bool
	// selectFirst selects the first row once loaded (start screen).
	selectFirst bool
	closed      bool
	loadSeq     int
	live        rowRefresh // rows the engine said changed (registrants_live.go)

	importDialog *ImportDialog   // the last import preview
	form         *RegistrantForm // the last add form
	preview      *EmailPreview   // the last email preview

	// LoadedIn is how long the last load took, from asking the engine to
	// the table showing the rows (the 100,000-registrant check).
	LoadedIn time.Duration
}

func newRegistrantsScreen(u *App, ev core.Event) *RegistrantsScreen {
	s := &RegistrantsScreen{app: u, registrants: u.svc.Registrants, checkIn: u.svc.CheckIn, reminders: u.svc.Reminders, providerSync: u.svc.Sync, event: ev, list: &core.RegistrantList{}}
	s.filter = widget.NewSelect(filterNames(),
		func(string) { s.applyFilter() })
	s.filter.Selected = string(core.FilterAll)
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search name or email  (Ctrl+F)")
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.applyFilter() }
	s.count = widget.NewLabel("Loading…")

	s.table = newKeyTable(s.tableSize, s.createCell, s.updateCell, s.onDeleteKey)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if col := s.columns.column(id.Col); col >= 0 && col < len(registrantColumns) {
			o.(*widget.Label).SetText(s.columnTitle(col))
		}
	}
	titles := make([]string, len(registrantColumns))
	for i := range registrantColumns {
		titles[i] = s.columnTitle(i)
	}
	s.columns = newColumnFit(&s.table.Table, titles, 0, 1) // name and email take what is left
	s.columns.view = s.table                               // the Delete key reaches the keyTable
	s.columns.hideEmpty = true
	s.table.OnSelected = s.onSelectCell
	s.empty = emptyState(theme.AccountIcon(), "No registrants yet",
		"Add people one by one with Add registrant, or bring in a spreadsheet (CSV or Excel .xlsx) with Import list….")
	s.empty.Hide()

	s.addBtn = widget.NewButtonWithIcon("Add registrant", theme.ContentAddIcon(), s.onAdd)
	s.addBtn.Importance = widget.HighImportance
	s.editBtn = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), s.onEdit)
	s.cancelBtn = widget.NewButtonWithIcon("Cancel registration", theme.CancelIcon(), s.onCancel)
	s.checkInBtn = widget.NewButtonWithIcon("Check in", theme.ConfirmIcon(), s.onCheckIn)
	s.importBtn = widget.NewButtonWithIcon("Import list…", theme.UploadIcon(), s.onImport)
	s.previewBtn = widget.NewButtonWithIcon("Preview email", theme.VisibilityIcon(), s.onPreview)
	s.historyBtn = widget.NewButtonWithIcon("History", theme.HistoryIcon(), s.onHistory)
	s.resendBtn = widget.NewButtonWithIcon("Resend reminder", theme.MailSendIcon(), s.onResend)
	s.retryBtn = widget.NewButtonWithIcon("Try again", theme.ViewRefreshIcon(), s.onRetry)
	s.resendAll = widget.NewButtonWithIcon("Resend to all…", theme.MailSendIcon(), s.onResendAll)
	s.retryAll = widget.NewButtonWithIcon("Try all again", theme.ViewRefreshIcon(), s.onRetryAll)
	if !ev.Location.Managed() {
		s.retryBtn.Hide()
		s.retryAll.Hide()
	}
	s.detail = widget.NewLabel("")
	s.detail.Wrapping = fyne.TextWrapWord
	s.detail.Hide()
	s.push = newPushProgress()
	s.updateButtons()

	top := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(s.addBtn, s.importBtn),
			container.NewHBox(widget.NewLabel("Show"), s.filter), s.search),
		flowRow(func() { u.do(s.relayout) }, s.editBtn, s.cancelBtn, s.checkInBtn, widget.NewSeparator(),
			s.previewBtn, s.resendBtn, s.retryBtn, s.historyBtn),
	)
	keys := hint("Delete key cancels the selected registrant")
	keys.Wrapping = fyne.TextWrapOff
	keys.Truncation = fyne.TextTruncateEllipsis
	bottom := container.NewVBox(s.detail, s.push.box,
		container.NewBorder(nil, nil, s.count, container.NewHBox(s.resendAll, s.retryAll), keys))
	s.content = container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil,
		container.NewStack(s.columns.content(), s.empty))
	return s
}

// reload loads the event's registrants off the UI goroutine.
func (s *RegistrantsScreen) reload() {
	s.loadSeq++
	seq := s.loadSeq
	s.loadStarted = time.Now()
	if !s.loaded {
		s.count.SetText("Loading registrants…")
	}
	id, managed := s.event.ID, s.event.Location.Managed()
	s.app.background(func(ctx context.Context) error {
		list, err := s.registrants.RegistrantList(ctx, id)
		if err != nil {
			return err
		}
		var sync core.EventSync
		if managed {
			if sync, err = s.providerSync.EventSync(ctx, id); err != nil {
				return err
			}
		}
		s.app.do(func() {
			if seq != s.loadSeq || s.closed {
				return
			}
			s.list, s.loaded, s.sync = list, true, sync
			s.push.show(sync)
			s.fitColumns()
			if s.selectFirst && len(list.All) > 0 {
				s.selectFirst = false
				s.selected = list.All[0].ID
			}
			s.applyFilter()
			s.readChangedRows() // changes saved while loading
			s.LoadedIn = time.Since(s.loadStarted)
			s.app.log.Info("registrants shown", "event", id, "count", len(list.All), "ms", s.LoadedIn.Milliseconds())
		})
		return nil
	})
}

func (s *RegistrantsScreen) close() { s.closed = true }

// applyFilter recomputes the visible rows from the filter and search box.
func (s *RegistrantsScreen) applyFilter() {
	if s.table == nil {
		return
	}
	s.view = s.list.Filter(core.RegistrantFilter(s.filter.Selected), s.search.Text, s.view[:0])
	total, active := len(s.list.All), s.list.Active()
	if len(s.view) == total {
		s.count.SetText(fmt.Sprintf("%s, %d cancelled", plural(active, "registrant", "registrants"), total-active))
	} else {
		s.count.SetText(fmt.Sprintf("Showing %d of %d", len(s.view), total))
	}
	s.empty.Hidden = total > 0 || !s.loaded
	s.empty.Refresh()
	s.table.Refresh()
	s.updateButtons()
}

// relayout lays the screen out again (the toolbar took another row).
func (s *RegistrantsScreen) relayout() {
	if c, ok := s.content.(*fyne.Container); ok {
		c.Refresh()
	}
}

// fitColumns sizes the columns to the loaded people's texts; a column
// with nothing in it (no clicks yet, no provider) is left out.
func (s *RegistrantsScreen) fitColumns() {
	provider := s.providerName()
	s.columns.measure(len(s.list.All), func(row, col int) string {
		text, _ := cellText(&s.list.All[row], col, provider)
		return text
	})
}

func (s *RegistrantsScreen) onSelectCell(id widget.TableCellID) {
	if id.Row >= 0 && id.Row < len(s.view) {
		s.selectID(s.list.All[s.view[id.Row]].ID)
	}
}

func (s *RegistrantsScreen) selectID(id core.ID) {
	s.selected = id
	s.table.Refresh()
	s.updateButtons()
}

// current returns the selected registrant and its index in all.
func (s *RegistrantsScreen) current() (*core.Registrant, int) {
	if s.selected == 0 {
		return nil, -1
	}
	if i := s.list.Index(s.selected); i >= 0 {
		return &s.list.All[i], i
	}
	return nil, -1
}

func (s *RegistrantsScreen) updateButtons() {
	r, _ := s.current()
	for _, b := range []*widget.Button{s.editBtn, s.cancelBtn, s.checkInBtn} {
		if r == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if r != nil && !r.Active() {
		s.cancelBtn.SetText("Re-register")
		s.cancelBtn.SetIcon(theme.ContentUndoIcon())
	} else {
		s.cancelBtn.SetText("Cancel registration")
		s.cancelBtn.SetIcon(theme.CancelIcon())
	}
	if r != nil && r.Attended() {
		s.checkInBtn.SetText("Undo check-in")
		s.checkInBtn.SetIcon(theme.ContentUndoIcon())
	} else {
		s.checkInBtn.SetText("Check in")
		s.checkInBtn.SetIcon(theme.ConfirmIcon())
	}
	if r != nil && !r.Active() {
		s.checkInBtn.Disable()
	}
	enable(s.previewBtn, r != nil)
	enable(s.historyBtn, r != nil)
	open := s.reminders.RemindersOpen(s.event) // no reminders once the event is over
	enable(s.resendBtn, open && r != nil && r.Active())
	if r != nil && r.Reminder.Status != core.ReminderSent {
		s.resendBtn.SetText("Send reminder") // nothing reached them yet
	} else {
		s.resendBtn.SetText("Resend reminder")
	}
	enable(s.retryBtn, r != nil && r.Sync.State == core.SyncFailed)
	enable(s.resendAll, open && s.list.Active() > 0)
	enable(s.retryAll, s.sync.Failed > 0)
	s.showDetail(r)
}

func enable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// providerName is the service a managed event pushes to ("Zoom", "Sandbox").
func (s *RegistrantsScreen) providerName() string {
	if s.sync.Provider != "" {
		return s.sync.Provider
	}
	return s.event.Location.Provider.Label()
}

// columnTitle is a column's header; the registration column names the
// event's provider ("Zoom registration").
func (s *RegistrantsScreen) columnTitle(col int) string {
	if col == 3 {
		if !s.event.Location.Managed() {
			return "Not linked"
		}
		return s.providerName() + " registration"
	}
	return registrantColumns[col].title
}

// showDetail says, under the table, where the selected person's provider
// sync and reminder stand, with the reason when something failed.
func (s *RegistrantsScreen) showDetail(r *core.Registrant) {
	if r == nil {
		s.detail.Hide()
		return
	}
	text, imp := registrantDetail(r, s.event.Location.Managed(), s.providerName(), s.event.TimeZone)
	s.detail.Text, s.detail.Importance = text, imp
	s.detail.Show()
	s.detail.Refresh()
}

// registrantDetail is the selected person's sync and reminder state in
// words.
func registrantDetail(r *core.Registrant, managed bool, provider, zone string) (string, widget.Importance) {
	imp := widget.MediumImportance
	parts := []string{r.Name() + " <" + r.Email + ">"}
	if managed {
		switch r.Sync.State {
		case core.SyncPending:
			parts = append(parts, "Waiting to register in "+provider)
		case core.SyncPushed:
			parts = append(parts, "Registered in "+provider)
		case core.SyncCancelled:
			parts = append(parts, "Cancelled in "+provider)
		case core.SyncFailed:
			parts = append(parts, withReason("Couldn't register in "+provider, r.Sync.LastError)+" Press Try again when it is fixed.")
			imp = widget.DangerImportance
		default:
			if r.Active() { // a cancelled person needs nothing there
				parts = append(parts, "Not registered in "+provider+" yet")
			}
		}
	}
	switch st := r.Reminder; st.Status {
	case core.ReminderNone:
		parts = append(parts, "Reminder not sent yet")
	case core.ReminderQueued:
		parts = append(parts, "Reminder waiting to send: Turnout sends it within a minute while it is open")
	case core.ReminderSent:
		parts = append(parts, "Reminder sent "+whenShort(st.SentAt, zone))
	case core.ReminderSkipped:
		parts = append(parts, withReason("Reminder not sent", st.Error))
	case core.ReminderMissed:
		parts = append(parts, withReason("Reminder not sent in time", st.Error))
		imp = widget.DangerImportance
	default:
		parts = append(parts, withReason("Couldn't send the reminder", st.Error))
		imp = widget.DangerImportance
	}
	return strings.Join(parts, " · "), imp
}

// withReason adds ": reason" when there is one.
func withReason(what, reason string) string {
	if reason == "" {
		return what + "."
	}
	return what + ": " + reason
}
