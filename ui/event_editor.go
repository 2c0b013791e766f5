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

// field is one labelled input with its explanation; the whole block hides
// when the chosen provider does not need it.
type field struct {
	label *widget.Label
	hint  *widget.Label
	box   *fyne.Container
	name  string
}

func newField(name string, input fyne.CanvasObject, help string) *field {
	f := &field{label: widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		hint: hint(help), name: name}
	f.box = container.NewVBox(f.label, input, f.hint)
	return f
}

func (f *field) set(name, help string, required, visible bool) {
	f.name = name
	text := name
	if required {
		text += "  *"
	}
	f.label.SetText(text)
	f.hint.SetText(help)
	f.box.Hidden = !visible
}

// EventEditor creates or edits an event. It shows only the fields the
// chosen provider needs and says when the reminder will go out.
type EventEditor struct {
	// The services this screen uses (and nothing else of the engine).
	events         core.EventService
	accountService core.AccountService

	app     *App
	base    core.Event // the event being edited (ID zero for a new one)
	editing bool
	onSaved func(core.Event)

	title       *widget.Entry
	description *widget.Entry
	start       *widget.Entry
	durationSel *widget.Select
	zone        *widget.SelectEntry
	reminder    *widget.Select
	attendance  *widget.Select // who counts as attended
	provider    *widget.Select
	zoomKind    *widget.RadioGroup
	account     *widget.Select // the connected account a managed event belongs to
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

	accounts []core.Account // linkable accounts of the chosen provider

	dlg *dialog.CustomDialog
}

func newEventEditor(u *App, ev *core.Event, onSaved func(core.Event)) *EventEditor {
	ed := &EventEditor{app: u, events: u.svc.Events, accountService: u.svc.Accounts, onSaved: onSaved}
	if ev != nil {
		ed.base, ed.editing = *ev, ev.ID != 0
	}
	ed.title = widget.NewEntry()
	ed.title.SetPlaceHolder("e.g. Alumni Career Panel")
	ed.description = widget.NewMultiLineEntry()
	ed.description.SetMinRowsVisible(2)
	ed.description.Wrapping = fyne.TextWrapWord
	ed.start = widget.NewEntry()
	ed.start.SetPlaceHolder("2026-12-01 14:00")
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
	for _, p := range core.Providers {
		provLabels = append(provLabels, p.Label())
	}
	ed.provider = widget.NewSelect(provLabels, func(string) { ed.loadAccounts() })
	ed.zoomKind = widget.NewRadioGroup([]string{"Meeting", "Webinar"}, func(string) { ed.updateProviderFields() })
	ed.zoomKind.Horizontal = true
	ed.zoomKind.Required = true
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
	fStart := newField("Starts  *", ed.start, "Date and time in the event's time zone, written as 2026-12-01 14:00.")
	fDur := newField("Length", ed.durationSel, "Used for the calendar invite and to know when the event is over.")
	fZone := newField("Time zone  *", ed.zone, "Emails show times in this zone. New events use your office's zone.")
	fRem := newField("Reminder", ed.reminder, "When Turnout emails registrants their join link.")
	fRule := newField("Counts as attended", ed.attendance, "People who stay less are listed as \"joined briefly\", not attended.")
	fProv := newField("Where  *", ed.provider, "The service that hosts the event. Turnout asks only for what that service needs.")
	ed.fKind = newField("Zoom type  *", ed.zoomKind, "")
	ed.fAccount = newField("Account", ed.account, "")
	ed.fID = newField("", ed.externalID, "")
	ed.fID2 = newField("", ed.externalID2, "")
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
	ed.externalID.SetText(ev.Location.ExternalID)
	ed.externalID2.SetText(ev.Location.ExternalID2)
	ed.joinURL.SetText(ev.Location.JoinURL)
	ed.password.SetText(ev.Location.Password)
	kind := "Meeting"
	if ev.Location.Kind == core.KindWebinar {
		kind = "Webinar"
	}
	ed.zoomKind.SetSelected(kind)
	p := ev.Location.Provider
	if p == "" {
		p = core.ProviderLink
	}
	ed.provider.SetSelected(p.Label())
	ed.loadAccounts()
	ed.updatePreview()
}

// noAccount is the account choice for an event whose details are typed in.
const noAccount = "None: I type the details in"

// loadAccounts offers the chosen provider's connected accounts, keeping
// the event's own account selected.
func (ed *EventEditor) loadAccounts() {
	p := ed.selectedProvider()
	ed.updateProviderFields()
	ed.app.background(func(ctx context.Context) error {
		list, err := ed.accountService.AccountsFor(ctx, p)
		if err != nil {
			return err
		}
		ed.app.do(func() {
			if ed.selectedProvider() != p {
				return // staff picked another provider meanwhile
			}
			ed.accounts = list
			options, selected := []string{noAccount}, noAccount
			for _, a := range list {
				options = append(options, accountLabel(a))
				if a.ID == ed.base.Location.AccountID {
					selected = accountLabel(a)
				}
			}
			ed.account.Options = options
			ed.account.SetSelected(selected)
			ed.updateProviderFields()
		})
		return nil
	})
}

func (ed *EventEditor) show() {
	ed.dlg.Resize(fyne.NewSize(640, 700))
	ed.dlg.Show()
	ed.app.win.Canvas().Focus(ed.title)
}

func (ed *EventEditor) selectedProvider() core.ProviderKind {
	for _, p := range core.Providers {
		if p.Label() == ed.provider.Selected {
			return p
		}
	}
	return core.ProviderLink
}

// updateProviderFields shows the fields the chosen provider needs, marks
// the required ones and explains each (the rules of core.Event.Validate).
func (ed *EventEditor) updateProviderFields() {
	p := ed.selectedProvider()
	managed := len(ed.accounts) > 0 && ed.selectedAccount() != 0
	ed.fKind.box.Hidden = p != core.ProviderZoom
	ed.fAccount.set("Account", "A connected account lets Turnout fill in the details, register people with the provider and fetch who attended.", false, len(ed.accounts) > 0)
	ed.fID2.box.Hidden = true
	ed.fPass.box.Hidden = true
	switch p {
	case core.ProviderZoom:
		kind := strings.ToLower(ed.zoomKind.Selected)
		if kind == "" {
			kind = "meeting"
		}
		ed.fKind.set("Zoom type", "Meetings let everyone talk; webinars have panelists and an audience.", true, true)
		ed.fID.set("Zoom "+kind+" ID", "The 10- or 11-digit number from the Zoom invitation; spaces are fine.", true, true)
		ed.fURL.set("Join URL", "The zoom.us link attendees click; it goes into the reminder.", true, true)
		ed.fPass.set("Passcode", "The "+kind+" passcode from the invitation; attendees need it to join.", true, true)
		ed.providerFYI.SetText("Until a Zoom account is connected (Settings → Accounts), copy these from the Zoom invitation. Once connected, Turnout fills them in and registers people with Zoom for you.")
		if managed {
			ed.fURL.box.Hidden, ed.fPass.box.Hidden = true, true
			ed.providerFYI.SetText("When you save, Turnout reads the join link, passcode, start and time zone from Zoom and registers everyone with Zoom.")
		}
	case core.ProviderGoTo:
		ed.fID.set("Webinar key", "The long number on the webinar's page in GoTo Webinar (Settings → Webinar key).", true, true)
		ed.fURL.set("Join URL (optional)", "A registration or join page to put in the reminder. Leave empty if GoTo emails the link.", false, true)
		ed.providerFYI.SetText("Registrants are pushed to GoTo Webinar once your GoTo account is connected.")
	case core.ProviderRingCentral:
		ed.fID.set("Webinar ID", "From the webinar's page in RingCentral Webinar.", true, true)
		ed.fID2.set("Session ID", "Each run of a RingCentral webinar has its own session ID; use the one for this date.", true, true)
		ed.fURL.set("Join URL (optional)", "A join page to put in the reminder.", false, true)
		ed.providerFYI.SetText("Registrants are pushed to RingCentral once your RingCentral account is connected.")
	case core.ProviderVimeo:
		ed.fID.box.Hidden = true
		ed.fURL.set("Join URL", "The Vimeo event or livestream page, e.g. https://vimeo.com/event/1234567.", true, true)
		ed.providerFYI.SetText("Vimeo events are link-only: Turnout sends the link and counts a reminder click as attendance.")
	default:
		ed.fID.box.Hidden = true
		ed.fURL.set("Join URL", "Any web address where the event happens: Teams, Google Meet, YouTube, your website.", true, true)
		ed.providerFYI.SetText("Link-only events: Turnout sends the link and counts a reminder click as attendance.")
	}
	ed.fKind.box.Refresh()
	ed.fAccount.box.Refresh()
	ed.fID.box.Refresh()
	ed.fID2.box.Refresh()
	ed.fURL.box.Refresh()
	ed.fPass.box.Refresh()
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
