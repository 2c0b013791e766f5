package ui

import (
	"context"
	"fmt"
	"image/color"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// SettingsScreen edits the office settings and shows where the data lives,
// with backup and restore.
type SettingsScreen struct {
	// The services this screen uses (and nothing else of the engine).
	settings core.SettingsService
	dataFile core.DataFileService

	app *App

	name       *widget.Entry
	zone       *widget.SelectEntry
	colour     *widget.Entry
	colourBox  *canvas.Rectangle
	pickBtn    *widget.Button
	logo       *canvas.Image
	logoNone   *widget.Label
	logoBtn    *widget.Button
	logoDelBtn *widget.Button
	replyTo    *widget.Entry
	saveBtn    *widget.Button
	status     *widget.Label
	dataPath   *widget.Label
	backupBtn  *widget.Button
	restoreBtn *widget.Button
	mail       *MailSettings     // mail_settings.go
	tracking   *TrackingSettings // tracking_settings.go
	accounts   *AccountsSection  // accounts.go
	staff      *StaffSettings    // staff_settings.go

	scroll   *container.Scroll
	content  fyne.CanvasObject
	office   core.Office
	logoData []byte
}

func newSettingsScreen(u *App) *SettingsScreen {
	s := &SettingsScreen{app: u, settings: u.svc.Settings, dataFile: u.svc.DataFile}
	s.name = widget.NewEntry()
	s.zone = widget.NewSelectEntry(commonZones)
	s.colour = widget.NewEntry()
	s.colour.SetPlaceHolder("#1F5FA8")
	s.colour.OnChanged = func(string) { s.updateSwatch() }
	s.colourBox = swatch(color.Transparent)
	s.pickBtn = widget.NewButton("Pick…", s.onPickColour)
	s.logo = canvas.NewImageFromResource(nil)
	s.logo.FillMode = canvas.ImageFillContain
	s.logo.SetMinSize(fyne.NewSize(120, 48))
	s.logoNone = widget.NewLabel("No logo: emails show the office name.")
	s.logoNone.Wrapping = fyne.TextWrapWord
	s.logoNone.Importance = widget.LowImportance
	s.logoBtn = widget.NewButtonWithIcon("Choose logo…", theme.FileImageIcon(), s.onChooseLogo)
	s.logoDelBtn = widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), s.onRemoveLogo)
	s.replyTo = widget.NewEntry()
	s.replyTo.SetPlaceHolder("events@your-office.org")
	s.saveBtn = widget.NewButtonWithIcon("Save office settings", theme.DocumentSaveIcon(), s.onSave)
	s.saveBtn.Importance = widget.HighImportance
	s.status = widget.NewLabel("")
	s.status.Importance = widget.SuccessImportance
	s.dataPath = widget.NewLabel(s.dataFile.DataPath())
	s.dataPath.Wrapping = fyne.TextWrapBreak
	s.dataPath.TextStyle.Monospace = true
	s.backupBtn = widget.NewButtonWithIcon("Backup…", theme.DocumentSaveIcon(), s.onBackup)
	s.restoreBtn = widget.NewButtonWithIcon("Restore…", theme.HistoryIcon(), s.onRestore)

	officeForm := widget.NewForm(
		&widget.FormItem{Text: "Office name", Widget: s.name, HintText: "Signs reminder emails and heads reports."},
		&widget.FormItem{Text: "Time zone", Widget: s.zone, HintText: "New events start in this zone; reports show times in it."},
		&widget.FormItem{Text: "Brand colour", Widget: container.NewBorder(nil, nil, nil,
			container.NewHBox(s.colourBox, s.pickBtn), s.colour), HintText: "The header colour of reminder emails."},
		&widget.FormItem{Text: "Logo", Widget: container.NewBorder(nil, nil, nil,
			container.NewVBox(s.logoBtn, s.logoDelBtn), container.NewStack(s.logoNone, s.logo)), HintText: "PNG or JPEG up to 1 MB, shown at the top of emails."},
		&widget.FormItem{Text: "Reply-to", Widget: s.replyTo, HintText: "Where replies to reminder emails go. Optional."},
	)
	office := widget.NewCard("Office", "", container.NewVBox(officeForm,
		container.NewHBox(s.status, layout.NewSpacer(), s.saveBtn)))

	s.accounts = newAccountsSection(u)
	s.mail, s.tracking, s.staff = newMailSettings(u), newTrackingSettings(u), newStaffSettings(u)
	data := widget.NewCard("Data", "", container.NewVBox(
		para("Everything Turnout knows is kept in one file on this computer:"),
		s.dataPath,
		container.NewHBox(s.backupBtn, s.restoreBtn),
		hint("Backup saves a copy while Turnout keeps running. Restore replaces all current data with a backup."),
	))
	// wrapColumn (widgets.go): cards of wrapped text grow without
	// overlapping the card below.
	left := container.New(wrapColumn{}, office, s.tracking.content, s.staff.content)
	right := container.New(wrapColumn{}, s.accounts.content, s.mail.content, data)
	body := container.NewGridWithColumns(2, left, right)
	s.scroll = container.NewVScroll(container.NewPadded(body))
	s.content = container.NewBorder(container.NewPadded(heading("Settings")), nil, nil, nil, wheelScrolls(s.scroll))
	return s
}

// load reads the office settings from the engine.
func (s *SettingsScreen) load() {
	s.status.SetText("")
	s.mail.load()
	s.tracking.load()
	s.accounts.load()
	s.staff.load()
	s.app.background(func(ctx context.Context) error {
		o, err := s.settings.Office(ctx)
		if err != nil {
			return err
		}
		s.app.do(func() { s.fill(o) })
		return nil
	})
}

func (s *SettingsScreen) fill(o core.Office) {
	s.office = o
	s.name.SetText(o.Name)
	s.zone.SetOptions(zoneOptions(o.TimeZone))
	s.zone.SetText(o.TimeZone)
	s.colour.SetText(o.HeaderColor)
	s.replyTo.SetText(o.ReplyTo)
	s.setLogo(o.Logo)
}

func (s *SettingsScreen) setLogo(b []byte) {
	s.logoData = b
	if len(b) == 0 {
		s.logo.Resource = nil
		s.logo.Hide()
		s.logoNone.Show()
		s.logoDelBtn.Disable()
	} else {
		s.logo.Resource = fyne.NewStaticResource("logo", b)
		s.logo.Show()
		s.logoNone.Hide()
		s.logoDelBtn.Enable()
	}
	s.logo.Refresh()
}

func (s *SettingsScreen) updateSwatch() {
	c, ok := parseHex(s.colour.Text)
	if !ok {
		c = color.Transparent
	}
	s.colourBox.FillColor = c
	s.colourBox.Refresh()
}

func parseHex(h string) (color.Color, bool) {
	var r, g, b uint8
	if len(h) != 7 || h[0] != '#' {
		return nil, false
	}
	if _, err := fmt.Sscanf(h, "#%02x%02x%02x", &r, &g, &b); err != nil {
		return nil, false
	}
	return color.NRGBA{r, g, b, 255}, true
}

func (s *SettingsScreen) onPickColour() {
	d := dialog.NewColorPicker("Brand colour", "The header colour of reminder emails", func(c color.Color) {
		r, g, b, _ := c.RGBA()
		s.colour.SetText(fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8))
	}, s.app.win)
	d.Advanced = true
	if c, ok := parseHex(s.colour.Text); ok {
		d.SetColor(c)
	}
	d.Show()
}

func (s *SettingsScreen) onChooseLogo() {
	s.app.askOpenFile([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG"}, func(rc fyne.URIReadCloser) {
		s.app.background(func(context.Context) error {
			defer rc.Close()
			b, err := io.ReadAll(io.LimitReader(rc, core.MaxLogoBytes+1))
			if err != nil {
				return core.Errorf(core.EINVALID, "Cannot read %s; choose another file.", rc.URI().Name())
			}
			if err := core.CheckLogo(b); err != nil {
				return err
			}
			s.app.do(func() { s.setLogo(b) })
			return nil
		})
	})
}

func (s *SettingsScreen) onRemoveLogo() { s.setLogo(nil) }

func (s *SettingsScreen) onSave() {
	o := s.office
	o.Name, o.TimeZone = s.name.Text, strings.TrimSpace(s.zone.Text)
	o.HeaderColor, o.ReplyTo, o.Logo = strings.TrimSpace(s.colour.Text), s.replyTo.Text, s.logoData
	s.status.SetText("")
	s.app.background(func(ctx context.Context) error {
		saved, err := s.settings.SaveOffice(ctx, o)
		if err != nil {
			return err
		}
		s.app.do(func() {
			s.office = saved
			s.app.office = saved
			s.status.SetText("Saved.")
		})
		return nil
	})
}

// onBackup saves a copy of the data file where staff choose.
func (s *SettingsScreen) onBackup() {
	s.app.askSavePath("turnout-backup.db", nil, s.backupTo)
}

func (s *SettingsScreen) backupTo(path string) {
	s.app.background(func(context.Context) error {
		n, err := s.dataFile.BackupFile(path)
		if err != nil {
			return err
		}
		s.app.do(func() {
			dialog.ShowInformation("Backup saved", fmt.Sprintf("A copy of all your data (%d KB) is in %s.", n/1024, path), s.app.win)
		})
		return nil
	})
}

// onRestore replaces the data with a backup after saying what is lost.
func (s *SettingsScreen) onRestore() {
	s.app.askOpenFile(nil, func(rc fyne.URIReadCloser) {
		path := rc.URI().Path()
		rc.Close()
		s.confirmRestore(path)
	})
}

func (s *SettingsScreen) confirmRestore(path string) {
	s.app.confirm("Restore from backup",
		fmt.Sprintf("Replace all current data with the backup %s?\n\nEvents, registrants and check-ins recorded since that backup was made are lost. Make a backup of the current data first if you may need it.", path),
		"Restore", widget.DangerImportance, func() { s.restoreFrom(path) })
}

func (s *SettingsScreen) restoreFrom(path string) {
	s.app.background(func(ctx context.Context) error {
		if err := s.dataFile.Restore(ctx, path); err != nil {
			return err
		}
		msg := "Your data now is as it was in the backup." + restoredSecretsNote(ctx, s.settings, s.accounts.accountService)
		s.app.do(func() {
			s.app.loadOffice()
			s.load()
			dialog.ShowInformation("Restored", msg, s.app.win)
		})
		return nil
	})
}

// restoredSecretsNote says what a backup from another computer lacks:
// sign-ins and the mail password stay with the computer that saved them.
func restoredSecretsNote(ctx context.Context, settings core.SettingsService, accounts core.AccountService) string {
	note := ""
	if list, err := accounts.Accounts(ctx); err == nil {
		n := 0
		for _, a := range list {
			if a.NeedsReconnect {
				n++
			}
		}
		if n > 0 {
			note += fmt.Sprintf("\n\n%d provider account(s) must be connected again on this computer (Accounts, below).", n)
		}
	}
	if c, err := settings.MailSettings(ctx); err == nil && c.PasswordMissing {
		note += "\n\nThe mail password is not set on this computer; type it again in the mail settings."
	} else if err == nil && c.SignIn.OAuth() && c.Blocked() != nil {
		note += "\n\nReminders wait until you sign in to " + c.SignIn.Label() + " again on this computer (Mail, below)."
	}
	return note
}
