package ui

import (
	"context"
	"errors"
	"net/url"
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

// AccountsSection is the Accounts card of Settings: the connected
// provider accounts with who connected them, their scopes, token expiry
// and last successful call, and Add / Reconnect / Disconnect.
type AccountsSection struct {
	// The services this screen uses (and nothing else of the engine).
	accountService core.AccountService
	providerSync   core.ProviderSyncService
	clock          core.Clock

	app     *App
	list    *fyne.Container
	empty   fyne.CanvasObject
	addBtn  *widget.Button
	testBtn *widget.Button // Test connection of every active account
	content fyne.CanvasObject

	rows     map[core.ID]*accountRow
	accounts []core.Account
	add      *addAccountForm      // the open Add dialog, if any
	connect  *connectDialog       // the open sign-in dialog, if any
	syncs    map[core.ID]*rowSync // syncs under way (account_sync.go)
	// LastTests and LastSync are what the last Test connection and sync
	// found (tests).
	LastTests []core.AccountTest
	LastSync  *core.AccountSync
}

type accountRow struct {
	box           *fyne.Container
	title         *widget.Label
	detail        *widget.Label
	errLabel      *widget.Label
	reconnectBtn  *widget.Button
	disconnectBtn *widget.Button
	testBtn       *widget.Button
	activeCheck   *widget.Check  // the Active switch: off pauses every sync
	seriesCheck   *widget.Check  // a webinar series as one event or one each
	syncBtn       *widget.Button // import the account's meetings now
	removeBtn     *widget.Button
	sync          *syncPanel // the sync under way, with Cancel
}

func newAccountsSection(u *App) *AccountsSection {
	s := &AccountsSection{app: u, accountService: u.svc.Accounts, providerSync: u.svc.Sync, clock: u.svc.Clock, rows: map[core.ID]*accountRow{}, syncs: map[core.ID]*rowSync{}}
	s.addBtn = widget.NewButtonWithIcon("Add account…", theme.ContentAddIcon(), s.onAdd)
	s.testBtn = s.newTestAllButton()
	s.empty = para("No accounts connected. Connect an account (" + managedLabels() + ") and Turnout registers people there and fetches attendance for you.")
	s.list = container.NewVBox()
	s.content = widget.NewCard("Accounts", "", container.NewVBox(s.empty, s.list,
		container.NewHBox(layout.NewSpacer(), s.testBtn, s.addBtn)))
	return s
}

// load reads the accounts from the engine.
func (s *AccountsSection) load() {
	s.app.background(func(ctx context.Context) error {
		list, err := s.accountService.Accounts(ctx)
		if err != nil {
			return err
		}
		s.app.do(func() { s.fill(list) })
		return nil
	})
}

func (s *AccountsSection) fill(list []core.Account) {
	s.accounts = list
	s.rows = map[core.ID]*accountRow{}
	s.list.RemoveAll()
	for i, a := range list {
		if i > 0 {
			s.list.Add(widget.NewSeparator())
		}
		r := s.newRow(a)
		s.rows[a.ID] = r
		s.list.Add(r.box)
		s.showSync(a.ID)
	}
	if len(list) == 0 {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.list.Refresh()
}

// accountDetail says how an account is connected, in words.
func accountDetail(a core.Account, now time.Time) string {
	var lines []string
	switch {
	case a.Sandbox:
		lines = append(lines, "Practice account: a stand-in for "+a.Provider.Label()+" inside Turnout, for trying things out. Nobody is registered in the real "+a.Provider.Label()+".")
	case a.Auth == core.AuthUser && a.Token.Empty():
		lines = append(lines, "Not connected: press Reconnect and sign in to "+a.Provider.Label()+" again.")
	case a.Auth == core.AuthUser:
		who := a.ConnectedAs
		if who == "" {
			who = "a " + a.Provider.Label() + " user"
		}
		lines = append(lines, "Connected as "+who+" (browser sign-in)")
		if len(a.Scopes) > 0 {
			lines = append(lines, a.Provider.Label()+" allows: "+strings.Join(a.Scopes, ", "))
		}
		if !a.TokenExpiry.IsZero() {
			when := "renews itself before " + a.TokenExpiry.Local().Format("2 Jan 15:04")
			if a.TokenExpiry.Before(now) {
				when = "renews itself the next time Turnout uses it"
			}
			lines = append(lines, "The sign-in "+when+"; nothing to do.")
		}
	case a.Credentials.AccountID != "":
		lines = append(lines, "Server-to-Server app, account ID "+a.Credentials.AccountID)
	default:
		lines = append(lines, "Keys typed in (client ID "+a.Credentials.ClientID+")")
	}
	lines = append(lines, lastWorked(a.LastOKAt, now)+" · "+lastSync(a, now))
	if !a.Active {
		lines = append(lines, "Off: Turnout registers nobody in "+a.Provider.Label()+" and fetches nothing until you tick Active.")
	}
	return strings.Join(lines, "\n")
}

// lastWorked says when Turnout last reached the account: "Last worked:
// 2 Dec 14:03" (the year only when it is not this year's).
func lastWorked(at, now time.Time) string {
	if at.IsZero() {
		return "Not used yet"
	}
	layout := "2 Jan 15:04"
	if at.Local().Year() != now.Local().Year() {
		layout = "2 Jan 2006 15:04"
	}
	return "Last worked: " + at.Local().Format(layout)
}

func (s *AccountsSection) newRow(a core.Account) *accountRow {
	r := &accountRow{}
	r.title = widget.NewLabelWithStyle(a.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.detail = widget.NewLabel(accountDetail(a, s.clock.Now()))
	r.detail.Wrapping = fyne.TextWrapWord
	r.errLabel = widget.NewLabel(problems(a))
	r.errLabel.Wrapping = fyne.TextWrapWord
	r.errLabel.Importance = widget.DangerImportance
	if r.errLabel.Text == "" {
		r.errLabel.Hide()
	}
	r.reconnectBtn = widget.NewButtonWithIcon("Reconnect", theme.ViewRefreshIcon(), func() { s.onReconnect(a) })
	r.reconnectBtn.Importance = widget.HighImportance
	r.disconnectBtn = widget.NewButtonWithIcon("Disconnect", theme.LogoutIcon(), func() { s.onDisconnect(a) })
	r.testBtn = widget.NewButtonWithIcon("Test", theme.ConfirmIcon(), func() { s.onTest(a) })
	if !a.NeedsReconnect {
		r.reconnectBtn.Hide()
	}
	if a.Auth != core.AuthUser || a.Token.Empty() {
		r.disconnectBtn.Hide()
	}
	r.activeCheck = s.newActiveCheck(a)
	r.seriesCheck = s.newSeriesCheck(a)
	r.syncBtn = widget.NewButtonWithIcon("Sync now", theme.DownloadIcon(), func() { s.onSyncNow(a) })
	if !a.Active {
		r.syncBtn.Disable()
	}
	r.removeBtn = widget.NewButtonWithIcon("Remove…", theme.DeleteIcon(), func() { s.onRemove(a) })
	r.sync = s.newSyncPanel(a.ID)
	buttons := container.NewHBox(layout.NewSpacer(), r.syncBtn, r.testBtn, r.removeBtn, r.disconnectBtn, r.reconnectBtn)
	r.title.Wrapping = fyne.TextWrapWord // a long account name wraps instead of widening Settings
	r.box = container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.AccountIcon()), r.activeCheck, r.title),
		r.detail, r.errLabel, r.seriesCheck, r.sync.box, buttons)
	return r
}

// openURL opens the system browser for a sign-in.
func (u *App) openURL(raw string) error {
	if u.opts.OpenURL != nil {
		return u.opts.OpenURL(raw)
	}
	parsed, err := url.Parse(raw)
	if err != nil {
		return err
	}
	return u.fyne.OpenURL(parsed)
}

func (s *AccountsSection) onReconnect(a core.Account) {
	if a.Auth == core.AuthServer { // keys, no browser: type the secret again
		s.askClientSecret(a)
		return
	}
	s.runConnect("Reconnect "+a.Name, func(ctx context.Context, o core.ConnectOptions) error {
		_, err := s.accountService.ReconnectAccount(ctx, a.ID, o, s.app.openURL)
		return err
	}, core.ConnectOptions{}, func(err error) {
		if err != nil {
			s.app.showError(err)
		}
	})
}

func (s *AccountsSection) onDisconnect(a core.Account) {
	s.app.confirm("Disconnect "+a.Name,
		"Turnout will ask "+a.Provider.Label()+" to revoke its access and forget the sign-in. Events stay; Turnout registers nobody in "+a.Provider.Label()+" until you connect again.",
		"Disconnect", widget.DangerImportance, func() { s.disconnect(a) })
}

func (s *AccountsSection) disconnect(a core.Account) {
	s.app.background(func(ctx context.Context) error {
		_, warn, err := s.accountService.DisconnectAccount(ctx, a.ID)
		if err != nil {
			return err
		}
		s.app.do(func() {
			if warn != "" {
				dialog.ShowInformation("Disconnected", warn, s.app.win)
			}
			s.load()
		})
		return nil
	})
}

// askClientSecret takes a Server-to-Server account's client secret again
// (its keys stayed with the computer the data file came from) and tests it.
func (s *AccountsSection) askClientSecret(a core.Account) {
	secret := widget.NewPasswordEntry()
	items := []*widget.FormItem{{Text: "Client secret", Widget: secret,
		HintText: "The same as on the computer this data file came from; it stays on this computer."}}
	dialog.ShowForm("Reconnect "+a.Name, "Reconnect", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		value := secret.Text
		s.app.background(func(ctx context.Context) error {
			_, err := s.accountService.ReconnectAccount(ctx, a.ID, core.ConnectOptions{ClientSecret: value}, nil)
			s.app.do(s.load)
			return err
		})
	}, s.app.win)
}

func (s *AccountsSection) onTest(a core.Account) {
	s.app.background(func(ctx context.Context) error {
		_, err := s.accountService.TestAccount(ctx, a.ID)
		s.app.do(func() {
			s.load()
			if err == nil {
				dialog.ShowInformation("Account works", a.Name+" answered.", s.app.win)
			}
		})
		return err
	})
}

// connectDialog waits for the browser: it shows the sign-in address (to
// copy when no browser opened) and has Cancel.
type connectDialog struct {
	dlg       *dialog.CustomDialog
	status    *widget.Label
	address   *widget.Entry
	copyBtn   *widget.Button
	cancelBtn *widget.Button
	cancel    context.CancelFunc
}

// runConnect runs a sign-in with a progress dialog; done runs on the UI
// goroutine after it closes (nil error on success, no error on Cancel).
func (s *AccountsSection) runConnect(title string, work func(ctx context.Context, o core.ConnectOptions) error,
	o core.ConnectOptions, done func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	d := &connectDialog{cancel: cancel}
	d.status = widget.NewLabel("Opening your browser…")
	d.status.Wrapping = fyne.TextWrapWord
	d.address = widget.NewEntry()
	d.address.Disable()
	d.address.Hide()
	d.copyBtn = widget.NewButtonWithIcon("Copy address", theme.ContentCopyIcon(), func() {
		s.app.win.Clipboard().SetContent(d.address.Text)
	})
	d.copyBtn.Hide()
	d.cancelBtn = widget.NewButton("Cancel", func() {
		d.cancelBtn.Disable()
		d.status.SetText("Cancelling…")
		cancel()
	})
	bar := widget.NewProgressBarInfinite()
	d.dlg = dialog.NewCustomWithoutButtons(title, fixedWidth(460, container.NewVBox(d.status, bar, d.address,
		container.NewHBox(d.copyBtn, layout.NewSpacer(), d.cancelBtn))), s.app.win)
	d.dlg.Show()
	s.connect = d
	o.Shown = func(url string, opened bool) {
		s.app.do(func() {
			d.address.SetText(url)
			d.address.Show()
			d.copyBtn.Show()
			if opened {
				d.status.SetText("Sign in and choose Allow in the browser window that opened. Turnout is waiting for the answer. If no window opened, copy this address into a browser:")
			} else {
				d.status.SetText("Turnout could not open a browser. Copy this address into a browser, sign in and choose Allow:")
			}
		})
	}
	s.app.tasks.Add(1)
	go func() {
		defer s.app.tasks.Done()
		err := work(ctx, o)
		cancelled := ctx.Err() != nil && errors.Is(err, context.Canceled)
		cancel()
		s.app.do(func() {
			d.dlg.Hide()
			if s.connect == d {
				s.connect = nil
			}
			if cancelled {
				err = nil
			}
			done(err)
			s.load()
		})
	}()
}
