package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/turnout-app/turnout/core"
)

// Sign-in kinds offered when adding an account.
const (
	signInBrowser = "Connect in browser (recommended)"
	signInServer  = "Keys from the provider"
)

// managedLabels names the providers whose accounts can be connected.
func managedLabels() string {
	var names []string
	for _, s := range core.ManagedSpecs() {
		names = append(names, s.Label)
	}
	return strings.Join(names, ", ")
}

// addAccountForm is the Add account dialog, built from the chosen
// provider's registered account form.
type addAccountForm struct {
	dlg        dialog.Dialog
	provider   *widget.Select
	kind       *widget.RadioGroup
	name       *widget.Entry
	creds      map[core.CredentialKey]*widget.Entry // one entry per credential, shared by both sign-ins
	credFields map[core.CredentialKey]*field
	fileBtns   map[core.CredentialKey]*widget.Button // "Load from file…" of File credentials (account_form_file.go)
	port       *widget.Entry
	fPort      *field
	oauthURL   *widget.Entry
	apiURL     *widget.Entry
	explain    *widget.Label
	browserBox *fyne.Container
	serverBox  *fyne.Container
	connectBtn *widget.Button
	addBtn     *widget.Button
	errLabel   *widget.Label
	spec       core.ProviderSpec
}

// entry is the input of a credential.
func (f *addAccountForm) entry(k core.CredentialKey) *widget.Entry { return f.creds[k] }

func (s *AccountsSection) onAdd() {
	specs := core.ManagedSpecs()
	f := &addAccountForm{creds: map[core.CredentialKey]*widget.Entry{}, credFields: map[core.CredentialKey]*field{},
		fileBtns: map[core.CredentialKey]*widget.Button{}}
	var labels []string
	credBox := container.NewVBox()
	for _, sp := range specs {
		labels = append(labels, sp.Label)
		for _, list := range [][]core.CredentialField{browserFieldsOf(sp), keyFieldsOf(sp)} {
			for _, cf := range list {
				if f.creds[cf.Key] != nil {
					continue
				}
				e := widget.NewEntry()
				if cf.Secret {
					e = widget.NewPasswordEntry()
				}
				f.creds[cf.Key] = e
				f.credFields[cf.Key] = newField(cf.Label, s.credentialInput(f, cf, e), cf.Hint)
				credBox.Add(f.credFields[cf.Key].box)
			}
		}
	}
	f.provider = widget.NewSelect(labels, func(label string) { f.showProvider(label) })
	f.name = widget.NewEntry()
	f.port = widget.NewEntry()
	f.fPort = newField("Sign-in return port", f.port, "")
	f.oauthURL = widget.NewEntry()
	f.apiURL = widget.NewEntry()
	f.errLabel = widget.NewLabel("")
	f.errLabel.Importance = widget.DangerImportance
	f.errLabel.Wrapping = fyne.TextWrapWord
	f.connectBtn = widget.NewButtonWithIcon("Connect in browser", theme.LoginIcon(), func() { s.onConnect(f) })
	f.connectBtn.Importance = widget.HighImportance
	f.addBtn = widget.NewButtonWithIcon("Add account", theme.ContentAddIcon(), func() { s.onAddServer(f) })
	f.addBtn.Importance = widget.HighImportance

	// The port is part of the browser sign-in; the action buttons sit
	// under the scrolling form so they show without scrolling.
	f.browserBox = container.NewVBox(f.fPort.box)
	f.serverBox = container.NewStack(f.addBtn)
	f.kind = widget.NewRadioGroup(nil, func(string) { f.showKind() })
	advanced := widget.NewAccordion(widget.NewAccordionItem("Advanced: other addresses", widget.NewForm(
		&widget.FormItem{Text: "OAuth address", Widget: f.oauthURL},
		&widget.FormItem{Text: "API address", Widget: f.apiURL},
	)))
	f.explain = para("")
	body := container.NewVBox(
		widget.NewForm(&widget.FormItem{Text: "Provider", Widget: f.provider},
			&widget.FormItem{Text: "Account name", Widget: f.name, HintText: "How this account appears in Turnout."}),
		widget.NewLabelWithStyle("How should Turnout sign in?", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.kind, f.explain, credBox, advanced, f.browserBox)
	if len(labels) > 0 {
		f.provider.SetSelected(labels[0])
	}
	closeBtn := widget.NewButton("Close", func() { f.dlg.Hide() })
	actions := container.NewVBox(f.errLabel, container.NewHBox(layout.NewSpacer(), closeBtn, f.connectBtn, f.serverBox))
	form := scrollUpTo(560, s.app.dialogRoom, body)
	f.dlg = dialog.NewCustomWithoutButtons("Add account", fixedWidth(560, container.NewBorder(nil, actions, nil, nil, form)), s.app.win)
	s.add = f
	f.dlg.SetOnClosed(func() {
		if s.add == f {
			s.add = nil
		}
	})
	f.dlg.Show()
}

// keysChoice names the sign-in with keys as the provider's form does
// ("JWT credentials", "Server-to-Server credentials").
func keysChoice(s core.ProviderSpec) string {
	if s.Account.Keys != nil && s.Account.Keys.Title != "" {
		return s.Account.Keys.Title
	}
	return signInServer
}

func browserFieldsOf(s core.ProviderSpec) []core.CredentialField {
	if s.Account.Browser == nil || s.OAuth == nil {
		return nil
	}
	return s.Account.Browser.Fields
}

func keyFieldsOf(s core.ProviderSpec) []core.CredentialField {
	if s.Account.Keys == nil {
		return nil
	}
	return s.Account.Keys.Fields
}

// showProvider lays the form out for the chosen provider: its sign-in
// choices, explanation, placeholders and redirect port.
func (f *addAccountForm) showProvider(label string) {
	for _, sp := range core.ManagedSpecs() {
		if sp.Label == label {
			f.spec = sp
		}
	}
	form := f.spec.Account
	f.name.SetPlaceHolder(form.NamePlaceholder)
	f.oauthURL.SetPlaceHolder(form.OAuthURLHint)
	f.apiURL.SetPlaceHolder(form.APIURLHint)
	f.explain.SetText(form.Help)
	var kinds []string
	if browserFieldsOf(f.spec) != nil {
		kinds = append(kinds, signInBrowser)
		f.port.SetText("")
		if form.Browser.DefaultPort > 0 {
			f.port.SetText(strconv.Itoa(form.Browser.DefaultPort))
		}
		f.fPort.hint.SetText(form.Browser.PortHint)
	}
	if form.Keys != nil {
		kinds = append(kinds, keysChoice(f.spec))
	}
	f.kind.Options = kinds
	f.kind.Selected = ""
	if len(kinds) > 0 {
		f.kind.SetSelected(kinds[0])
	}
	f.kind.Refresh()
	f.showKind()
}

// showKind shows the fields of the chosen sign-in.
func (f *addAccountForm) showKind() {
	fields := keyFieldsOf(f.spec)
	browser := f.kind.Selected == signInBrowser
	if browser {
		fields = browserFieldsOf(f.spec)
	}
	f.browserBox.Hidden, f.serverBox.Hidden = !browser, browser
	f.connectBtn.Hidden = !browser
	for k, fl := range f.credFields {
		fl.box.Hidden = true
		for _, cf := range fields {
			if cf.Key == k {
				fl.set(cf.Label, cf.Hint, cf.Required, true)
				f.creds[k].SetPlaceHolder(cf.Placeholder)
			}
		}
		fl.box.Refresh()
	}
	f.browserBox.Refresh()
	f.serverBox.Refresh()
	f.connectBtn.Refresh()
	if f.dlg != nil {
		// The other sign-in has other fields: fit the dialog to them.
		f.dlg.Resize(fyne.NewSize(0, 0))
	}
}

// credentials collects what the chosen sign-in asks for.
func (f *addAccountForm) credentials(fields []core.CredentialField) core.Credentials {
	var cr core.Credentials
	for _, cf := range fields {
		cr.Set(cf.Key, cleanCredential(cf, f.creds[cf.Key].Text))
	}
	return cr
}

func (s *AccountsSection) onAddServer(f *addAccountForm) {
	a := core.Account{Name: f.name.Text, Provider: f.spec.Kind, Active: true, APIURL: f.apiURL.Text, OAuthURL: f.oauthURL.Text,
		Credentials: f.credentials(keyFieldsOf(f.spec))}
	f.errLabel.SetText("")
	s.app.background(func(ctx context.Context) error {
		added, err := s.accountService.AddAccount(ctx, a)
		s.app.do(func() {
			if err != nil {
				f.errLabel.SetText(core.ErrorMessage(err))
				return
			}
			f.dlg.Hide()
			s.load()
			s.firstSync(added)
		})
		return nil
	})
}

func (s *AccountsSection) onConnect(f *addAccountForm) {
	port := 0
	if t := strings.TrimSpace(f.port.Text); t != "" {
		p, err := strconv.Atoi(t)
		if err != nil || p <= 0 || p > 65535 {
			f.errLabel.SetText(fmt.Sprintf("%q is not a port; use a number such as 4199.", t))
			return
		}
		port = p
	}
	f.errLabel.SetText("")
	cr := f.credentials(browserFieldsOf(f.spec))
	o := core.ConnectOptions{APIURL: f.apiURL.Text, OAuthURL: f.oauthURL.Text, ClientID: cr.ClientID,
		ClientSecret: cr.ClientSecret, Port: port}
	name, spec := f.name.Text, f.spec
	var connected core.Account
	s.runConnect("Connect "+spec.Label, func(ctx context.Context, o core.ConnectOptions) (err error) {
		connected, err = s.accountService.ConnectAccount(ctx, spec.Kind, name, o, s.app.openURL)
		return err
	}, o, func(err error) {
		if err != nil {
			f.errLabel.SetText(core.ErrorMessage(err))
			return
		}
		f.dlg.Hide()
		s.firstSync(connected)
	})
}
