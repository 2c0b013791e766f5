package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// commonZones are offered in the time zone picker; any IANA name can be typed.
var commonZones = []string{
	"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
	"America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/Vancouver", "America/Mexico_City",
	"America/Sao_Paulo", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
	"Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw", "Europe/Athens",
	"Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore",
	"Asia/Hong_Kong", "Asia/Tokyo", "Australia/Sydney", "Australia/Perth", "Pacific/Auckland", "UTC",
}

var durationChoices = []time.Duration{30 * time.Minute, 45 * time.Minute, time.Hour, 90 * time.Minute,
	2 * time.Hour, 3 * time.Hour, 4 * time.Hour, 6 * time.Hour, 8 * time.Hour}

var leadChoices = []time.Duration{15 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour,
	24 * time.Hour, 48 * time.Hour}

// EventEditor creates or edits an event. It shows only the fields the
// chosen provider needs and says when the reminder will go out.
type EventEditor struct {
	// The services this screen uses (and nothing else of the engine).
	events         core.EventService
	accountService core.AccountService
	providerSync   core.ProviderSyncService // the sessions of a webinar (event_sessions.go)
	clock          core.Clock

	app     *App
	base    core.Event // the event being edited (ID zero for a new one)
	editing bool
	onSaved func(core.Event)
	clicks  *clickWindowField // link-only events (event_click_window.go)
	// example is how to write a start time: next week's date at 14:00,
	// so the hint never shows a date already past.
	example string

	title       *widget.Entry
	description *widget.Entry
	start       *widget.Entry
	durationSel *widget.Select
	zone        *widget.SelectEntry
	reminder    *widget.Select
	attendance  *widget.Select // who counts as attended
	provider    *widget.Select
	kind        *widget.RadioGroup // meeting or webinar, for providers with kinds
	account     *widget.Select     // the connected account a managed event belongs to
	externalID  *widget.Entry
	externalID2 *widget.Entry
	joinURL     *widget.Entry
	password    *widget.Entry
	preview     *widget.Label
	providerFYI *widget.Label
	errLabel    *widget.Label
	saveBtn     *widget.Button
	cancelBtn   *widget.Button

	fKind, fAccount, fID, fID2, fURL, fPass *field

	accounts []core.Account  // linkable accounts of the chosen provider
	sessions *sessionChooser // "Choose session…" beside the session ID (event_sessions.go)

	dlg *dialog.CustomDialog
	// repeatedTime are the two answers when a start happens twice.
	repeatedTime [2]*widget.Button
}

func newEventEditor(u *App, ev *core.Event, onSaved func(core.Event)) *EventEditor {
	ed := &EventEditor{app: u, events: u.svc.Events, accountService: u.svc.Accounts, providerSync: u.svc.Sync,
		clock: u.svc.Clock, onSaved: onSaved}
	ed.example = startExample(u.svc.Clock.Now())
	if ev != nil {
		ed.base, ed.editing = *ev, ev.ID != 0
	}
	ed.title = widget.NewEntry()
	ed.title.SetPlaceHolder("e.g. Alumni Career Panel")
	ed.description = widget.NewMultiLineEntry()
	ed.description.SetMinRowsVisible(2)
	ed.description.Wrapping = fyne.TextWrapWord
	ed.start = widget.NewEntry()
	ed.start.SetPlaceHolder(ed.example)
	ed.start.OnChanged = func(string) { ed.updatePreview() }
	var durLabels []string
	for _, d := range durationChoices {
		durLabels = append(durLabels, duration(d))
	}
	ed.durationSel = widget.NewSelect(durLabels, nil)
	ed.zone = widget.NewSelectEntry(commonZones)
	ed.zone.OnChanged = func(string) { ed.updatePreview() }
	var leadLabels []string
	for _, d := range leadChoices {
		leadLabels = append(leadLabels, leadText(d))
	}
	ed.reminder = widget.NewSelect(leadLabels, func(string) { ed.updatePreview() })
	ed.attendance = widget.NewSelect(ruleLabels(nil), nil)
	var provLabels []string
	for _, s := range core.ProviderSpecs() {
		provLabels = append(provLabels, s.Label)
	}
	ed.provider = widget.NewSelect(provLabels, func(string) { ed.loadAccounts() })
	ed.kind = widget.NewRadioGroup(nil, func(string) { ed.updateProviderFields() })
	ed.kind.Horizontal = true
	ed.kind.Required = true
	ed.account = widget.NewSelect(nil, func(string) { ed.updateProviderFields() })
	ed.externalID = widget.NewEntry()
	ed.externalID2 = widget.NewEntry()
	ed.joinURL = widget.NewEntry()
	ed.joinURL.SetPlaceHolder("https://")
	ed.password = widget.NewEntry()
	ed.preview = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	ed.preview.Importance = widget.HighImportance
	ed.preview.Wrapping = fyne.TextWrapWord
	ed.providerFYI = hint("")
	ed.errLabel = para("")
	ed.errLabel.Importance = widget.DangerImportance
	ed.errLabel.Hide()
	ed.saveBtn = widget.NewButtonWithIcon("Save event", theme.DocumentSaveIcon(), ed.onSave)
	ed.saveBtn.Importance = widget.HighImportance
	ed.cancelBtn = widget.NewButton("Cancel", func() { ed.dlg.Hide() })

	fTitle := newField("Title  *", ed.title, "Shown in the events list, reminder emails and reports.")
	fDesc := newField("Description", ed.description, "Optional. A sentence or two for the reminder email.")
	fStart := newField("Starts  *", ed.start, "Date and time in the event's time zone, written as "+ed.example+".")
	fDur := newField("Length", ed.durationSel, "Used for the calendar invite and to know when the event is over.")
	fZone := newField("Time zone  *", ed.zone, "Emails show times in this zone. New events use your office's zone.")
	fRem := newField("Reminder", ed.reminder, "When Turnout emails registrants their join link.")
	ed.clicks = newClickWindowField()
	fRule := newField("Counts as attended", ed.attendance, "People who stay less are listed as \"joined briefly\", not attended.")
	fProv := newField("Where  *", ed.provider, "The service that hosts the event. Turnout asks only for what that service needs.")
	ed.fKind = newField("Type  *", ed.kind, "")
	ed.fAccount = newField("Account", ed.account, "")
	ed.fID = newField("", ed.externalID, "")
	ed.sessions = newSessionChooser(ed)
	ed.fID2 = newField("", ed.sessions.input(), "")
	ed.fURL = newField("", ed.joinURL, "")
	ed.fPass = newField("", ed.password, "")

	when := container.NewGridWithColumns(2, fStart.box, fDur.box)
	zoneRem := container.NewGridWithColumns(2, fZone.box, fRem.box)
	form := container.NewVBox(
		fTitle.box, fDesc.box, when, zoneRem,
		container.NewBorder(nil, nil, widget.NewIcon(theme.MailSendIcon()), nil, ed.preview),
		fRule.box,
		widget.NewSeparator(),
		fProv.box, ed.providerFYI, ed.fKind.box, ed.fAccount.box, ed.fID.box, ed.fID2.box, ed.fURL.box, ed.fPass.box,
		ed.clicks.field.box,
	)
	req := widget.NewLabel("*  required")
	req.SizeName = theme.SizeNameCaptionText
	buttons := container.NewHBox(req, layout.NewSpacer(), ed.cancelBtn, ed.saveBtn)
	content := container.NewBorder(nil, container.NewVBox(ed.errLabel, buttons), nil, nil, container.NewVScroll(form))

	title := "New event"
	if ed.editing {
		title = "Edit event"
	}
	ed.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	return ed
}

// fill shows ev in the form.
func (ed *EventEditor) fill(ev core.Event) {
	if !ed.editing {
		ed.base = ev
	}
	ed.title.SetText(ev.Title)
	ed.description.SetText(ev.Description)
	zone := ev.TimeZone
	if zone == "" {
		zone = ed.app.office.TimeZone
	}
	ed.zone.SetOptions(zoneOptions(zone, ed.app.office.TimeZone))
	ed.zone.SetText(zone)
	if !ev.Start.IsZero() {
		loc, err := core.LoadLocation(zone)
		if err != nil {
			loc = time.UTC
		}
		ed.start.SetText(ev.Start.In(loc).Format("2006-01-02 15:04"))
	}
	ed.durationSel.Options = durationOptions(ev.Duration)
	ed.durationSel.SetSelected(duration(orDefault(ev.Duration, time.Hour)))
	ed.reminder.Options = leadOptions(ev.ReminderLead)
	ed.reminder.SetSelected(leadText(orDefault(ev.ReminderLead, core.DefaultReminderLead)))
	ed.attendance.Options = ruleLabels(&ev.Attendance)
	ed.attendance.SetSelected(ruleLabel(ev.Attendance))
	ed.clicks.fill(ev.ClickWindow)
	ed.externalID.SetText(ev.Location.ExternalID)
	ed.externalID2.SetText(ev.Location.ExternalID2)
	ed.joinURL.SetText(ev.Location.JoinURL)
	ed.password.SetText(ev.Location.Password)
	p := ev.Location.Provider
	if p == "" {
		p = core.ProviderLink
	}
	ed.provider.SetSelected(p.Label())
	spec, _ := core.Spec(p)
	ed.setKinds(spec)
	for _, k := range spec.Events.Kinds {
		if k.Kind == ev.Location.Kind {
			ed.kind.SetSelected(k.Label)
		}
	}
	ed.loadAccounts()
	ed.updatePreview()
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

func zoneOptions(zones ...string) []string {
	out := slices.Clone(commonZones)
	for _, z := range zones {
		if z != "" && !slices.Contains(out, z) {
			out = append([]string{z}, out...)
		}
	}
	return out
}

func durationOptions(d time.Duration) []string {
	var out []string
	choices := durationChoices
	if d > 0 && !slices.Contains(choices, d) {
		choices = append(slices.Clone(choices), d)
		slices.Sort(choices)
	}
	for _, c := range choices {
		out = append(out, duration(c))
	}
	return out
}

func leadOptions(d time.Duration) []string {
	choices := leadChoices
	if d > 0 && !slices.Contains(choices, d) {
		choices = append(slices.Clone(choices), d)
		slices.Sort(choices)
	}
	var out []string
	for _, c := range choices {
		out = append(out, leadText(c))
	}
	return out
}

func (ed *EventEditor) show() {
	ed.dlg.Resize(fyne.NewSize(640, 700))
	ed.dlg.Show()
	ed.app.win.Canvas().Focus(ed.title)
}

func (ed *EventEditor) selectedLead() time.Duration {
	for _, d := range append(slices.Clone(leadChoices), ed.base.ReminderLead) {
		if leadText(d) == ed.reminder.Selected {
			return d
		}
	}
	return core.DefaultReminderLead
}

func (ed *EventEditor) selectedDuration() time.Duration {
	for _, d := range append(slices.Clone(durationChoices), ed.base.Duration) {
		if duration(d) == ed.durationSel.Selected {
			return d
		}
	}
	return time.Hour
}

// updatePreview says, in words, when the reminder will go out.
func (ed *EventEditor) updatePreview() {
	if ed.preview == nil || ed.reminder == nil {
		return
	}
	zone := strings.TrimSpace(ed.zone.Text)
	start, err := core.ParseLocalTime(ed.start.Text, zone)
	if err != nil {
		if _, zerr := core.LoadLocation(zone); zerr != nil {
			ed.preview.SetText("Choose a time zone such as America/New_York to see when the reminder goes out.")
		} else {
			ed.preview.SetText("Write the start as " + ed.example + " to see when the reminder goes out.")
		}
		return
	}
	at := start.Add(-ed.selectedLead())
	text := "Reminder goes out " + whenShort(at, zone)
	if office := ed.app.office.TimeZone; office != "" && office != zone {
		text += " (" + whenShort(at, office) + " office time)"
	}
	ed.preview.SetText(text)
}

// event collects the form into an event.
func (ed *EventEditor) event() (core.Event, error) {
	ev := ed.base
	zone := strings.TrimSpace(ed.zone.Text)
	start, err := core.ParseLocalTime(ed.start.Text, zone)
	if err != nil {
		return ev, err
	}
	ev.Title = ed.title.Text
	ev.Description = strings.TrimSpace(ed.description.Text)
	ev.Start, ev.TimeZone = start, zone
	ev.Duration = ed.selectedDuration()
	ev.ReminderLead = ed.selectedLead()
	ev.Attendance, ev.ClickWindow = ed.selectedRule(), ed.clicks.selected()
	spec := ed.selectedSpec()
	loc := core.Location{Provider: spec.Kind, AccountID: ed.selectedAccount(), Kind: ed.selectedKind(spec)}
	entries := ed.locationEntries()
	for f, fl := range ed.locationFields() {
		if !fl.box.Hidden {
			loc.Set(f, strings.TrimSpace(entries[f].Text))
		}
	}
	ev.Location = loc
	return ev, nil
}

func (ed *EventEditor) showError(err error) {
	ed.errLabel.SetText(core.ErrorMessage(err))
	ed.errLabel.Show()
}

// onSave validates and stores the event; the dialog stays open with the
// message when something is missing.
func (ed *EventEditor) onSave() {
	ev, err := ed.event()
	if err != nil && !ed.askRepeatedTime(err) {
		ed.showError(err)
	}
	if err != nil {
		return
	}
	ed.saveBtn.Disable()
	ed.app.tasks.Add(1)
	go func() {
		defer ed.app.tasks.Done()
		ctx := context.Background()
		saved, warnings, err := ed.events.SaveEvent(ctx, ev)
		ed.app.do(func() {
			ed.saveBtn.Enable()
			if err != nil {
				ed.showError(err)
				return
			}
			ed.dlg.Hide()
			if len(warnings) > 0 {
				dialog.ShowInformation("Event saved: please check", strings.Join(warnings, "\n\n"), ed.app.win)
			}
			if ed.onSaved != nil {
				ed.onSaved(saved)
			}
		})
	}()
}
